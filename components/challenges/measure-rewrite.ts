import type { DatabaseSource, QueryResult } from '@/components/sql/protocol';
import type { ChallengePlan } from '@/content/schema/challenge';
import { checkRewrite, parsePlan, type RewriteCheck } from '@/lib/sql/plan';
import type { Runner } from './grade-on-datasets';

export interface RewriteReport extends RewriteCheck {
  /** Median wall time of three runs in the browser's engine, on the learner's run. */
  originalMs: number;
  rewrittenMs: number;
}

const timedRuns = 3;

function text(result: QueryResult, column: number): string {
  return result.columns[column]?.texts?.[0] ?? '';
}

async function medianMs(run: Runner, sql: string, on: DatabaseSource): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < timedRuns; i++) times.push((await run(sql, on).result).elapsedMs);
  return times.sort((a, b) => a - b)[Math.floor(timedRuns / 2)] ?? 0;
}

/**
 * The "faster" half of a rewrite challenge, on the learner's run only: the plan rule (operators, peak rows) decides,
 * since it is the same on every machine; the timings are shown beside it. Queries run one after the other, never
 * concurrently, so neither slows the other.
 */
export async function measureRewrite(
  plan: ChallengePlan,
  sql: string,
  on: DatabaseSource,
  run: Runner,
): Promise<RewriteReport | null> {
  if (!plan.rewrite) return null;
  const explain = async (query: string) =>
    parsePlan(text(await run(`EXPLAIN (ANALYZE, FORMAT JSON) ${query}`, on).result, 1));
  const check = checkRewrite(await explain(plan.query), await explain(sql), plan.rewrite);
  const originalMs = await medianMs(run, plan.query, on);
  const rewrittenMs = await medianMs(run, sql, on);
  return { ...check, originalMs, rewrittenMs };
}
