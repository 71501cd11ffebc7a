/**
 * DuckDB query plans as a small tree, read from `EXPLAIN (FORMAT JSON)` or `EXPLAIN (ANALYZE, FORMAT JSON)`, and the
 * facts a plan-reading challenge asks about (content/schema/challenge.ts). Pure, so the browser grader and the
 * content tests read plans the same way. A hash join's first child is the probe side and its second child the
 * build side (the rows put into the hash table): DuckDB's physical plan order, also how its text plans draw it.
 */
export interface PlanNode {
  operator: string;
  extraInfo: Record<string, string>;
  /** Rows the operator emitted; null for a plan that was not run (EXPLAIN without ANALYZE). */
  rows: number | null;
  children: PlanNode[];
}

export type PlanFact =
  | { kind: 'build-side'; table: string }
  | { kind: 'scan-filter'; table: string; column: string }
  | { kind: 'no-scan-filter'; table: string; column: string }
  | { kind: 'operator'; operator: string }
  /** The operator that emitted the most rows (an ANALYZE plan). */
  | { kind: 'peak-operator'; operator: string };

const scanOperators = new Set(['SEQ_SCAN', 'TABLE_SCAN', 'SEQ_SCAN ']);
const nestedLoopOperators = ['BLOCKWISE_NL_JOIN', 'NESTED_LOOP_JOIN', 'CROSS_PRODUCT'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toNode(raw: unknown): PlanNode {
  if (!isRecord(raw)) throw new Error('Not a DuckDB plan node: expected an object.');
  const operator = String(raw.operator_type ?? raw.operator_name ?? raw.name ?? '').trim();
  const extraInfo: Record<string, string> = {};
  if (isRecord(raw.extra_info)) {
    for (const [key, value] of Object.entries(raw.extra_info))
      extraInfo[key] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  const rows = typeof raw.operator_cardinality === 'number' ? raw.operator_cardinality : null;
  const children = Array.isArray(raw.children) ? raw.children.map(toNode) : [];
  return { operator, extraInfo, rows, children };
}

/** The plan below the EXPLAIN_ANALYZE / QUERY wrappers, from the JSON text DuckDB returns in its second column. */
export function parsePlan(json: string): PlanNode {
  const parsed: unknown = JSON.parse(json);
  const roots = Array.isArray(parsed) ? parsed.map(toNode) : [toNode(parsed)];
  let node: PlanNode | undefined =
    roots.length === 1 ? roots[0] : { operator: 'QUERY', extraInfo: {}, rows: null, children: roots };
  while (
    node &&
    (node.operator === '' || node.operator === 'QUERY' || node.operator === 'EXPLAIN_ANALYZE') &&
    node.children.length === 1
  ) {
    node = node.children[0];
  }
  if (!node) throw new Error('The plan is empty.');
  return node;
}

export function walkPlan(node: PlanNode): PlanNode[] {
  return [node, ...node.children.flatMap(walkPlan)];
}

/** `warehouse.main.fact_events` and `fact_events` name the same table. */
function scansTable(node: PlanNode, table: string): boolean {
  const name = node.extraInfo.Table ?? '';
  return scanOperators.has(node.operator) && (name === table || name.endsWith(`.${table}`));
}

function mentions(expression: string, column: string): boolean {
  return new RegExp(`(^|[^a-z0-9_])${column}([^a-z0-9_]|$)`, 'i').test(expression);
}

export function planHas(plan: PlanNode, fact: PlanFact): boolean {
  const nodes = walkPlan(plan);
  switch (fact.kind) {
    case 'build-side':
      return nodes.some(
        (node) =>
          node.operator === 'HASH_JOIN' &&
          node.children.length === 2 &&
          walkPlan(node.children[1] as PlanNode).some((n) => scansTable(n, fact.table)) &&
          !walkPlan(node.children[0] as PlanNode).some((n) => scansTable(n, fact.table)),
      );
    case 'scan-filter':
      return nodes.some(
        (node) => scansTable(node, fact.table) && mentions(node.extraInfo.Filters ?? '', fact.column),
      );
    case 'no-scan-filter':
      return (
        nodes.some((node) => scansTable(node, fact.table)) &&
        !nodes.some(
          (node) => scansTable(node, fact.table) && mentions(node.extraInfo.Filters ?? '', fact.column),
        )
      );
    case 'operator':
      return nodes.some((node) => node.operator === fact.operator);
    case 'peak-operator': {
      const peak = peakRows(plan);
      return peak > 0 && nodes.some((node) => node.rows === peak && node.operator === fact.operator);
    }
  }
}

/** The most rows any operator emitted: a proxy for work that does not depend on the machine. Needs an ANALYZE plan. */
export function peakRows(plan: PlanNode): number {
  return Math.max(0, ...walkPlan(plan).map((node) => node.rows ?? 0));
}

export function nestedLoops(plan: PlanNode): string[] {
  return walkPlan(plan)
    .map((node) => node.operator)
    .filter((operator) => nestedLoopOperators.includes(operator));
}

export interface RewriteRule {
  /** Operators the faster query must not use, e.g. BLOCKWISE_NL_JOIN. */
  forbidOperators: string[];
  /** The faster query's peak rows must be at most this share of the original's. */
  maxPeakRowsShare?: number;
}

export interface RewriteCheck {
  passed: boolean;
  /** Sentences for the learner, one per rule that failed. */
  problems: string[];
  originalPeak: number;
  rewrittenPeak: number;
}

/** Whether a rewritten query's plan does less work than the original's, by rules that do not depend on timing. */
export function checkRewrite(original: PlanNode, rewritten: PlanNode, rule: RewriteRule): RewriteCheck {
  const problems: string[] = [];
  const operators = new Set(walkPlan(rewritten).map((node) => node.operator));
  for (const forbidden of rule.forbidOperators) {
    if (operators.has(forbidden))
      problems.push(`Your plan still has a ${forbidden}: the same shape of work as the original.`);
  }
  const originalPeak = peakRows(original);
  const rewrittenPeak = peakRows(rewritten);
  if (rule.maxPeakRowsShare !== undefined && rewrittenPeak > originalPeak * rule.maxPeakRowsShare) {
    problems.push(
      `An operator in your plan still emits ${rewrittenPeak.toLocaleString('en')} rows (the original peaks at ${originalPeak.toLocaleString('en')}): the intermediate result must shrink to at most ${Math.round(rule.maxPeakRowsShare * 100)} % of that.`,
    );
  }
  return { passed: problems.length === 0, problems, originalPeak, rewrittenPeak };
}
