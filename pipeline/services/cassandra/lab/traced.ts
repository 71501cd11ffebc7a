import cassandra from 'cassandra-driver';
import type { CqlStep, TraceFigures } from '../../../contracts/cassandra-lab';

const { consistencies } = cassandra.types;
export type Consistency = 'ONE' | 'QUORUM' | 'ALL' | 'LOCAL_QUORUM';
const consistencyCode: Record<Consistency, number> = {
  ONE: consistencies.one,
  QUORUM: consistencies.quorum,
  ALL: consistencies.all,
  LOCAL_QUORUM: consistencies.localQuorum,
};

/** Milliseconds with one decimal, from a performance.now() start. */
export const elapsedMs = (started: number): number => Math.round((performance.now() - started) * 10) / 10;

/** A bound value written as a CQL literal, so the shown statement can be pasted into cqlsh. */
export function cqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (Array.isArray(value)) return `(${value.map(cqlLiteral).join(', ')})`;
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** The statement with its `?` markers replaced by the values bound to them. */
export function inlineCql(cql: string, params: readonly unknown[]): string {
  let next = 0;
  return cql.replace(/\?/g, () => (next < params.length ? cqlLiteral(params[next++]) : '?'));
}

const readLine = /Read (\d+) live rows and (\d+) tombstone cells/;

/** Sums what the replica traced: rows and tombstones read, partitions read by key, whether a range scan ran. */
export function traceFigures(traces: cassandra.metadata.QueryTrace[]): TraceFigures {
  const figures: TraceFigures = {
    liveRowsRead: 0,
    tombstoneCellsRead: 0,
    partitionReads: 0,
    rangeScan: false,
    durationMicros: 0,
    activities: [],
  };
  for (const trace of traces) {
    figures.durationMicros += Number(trace.duration ?? 0);
    for (const event of trace.events) {
      const activity = String(event.activity);
      const read = readLine.exec(activity);
      if (read) {
        figures.liveRowsRead += Number(read[1]);
        figures.tombstoneCellsRead += Number(read[2]);
      }
      if (activity.startsWith('Executing single-partition query')) figures.partitionReads++;
      if (activity.startsWith('Executing seq scan') || activity.startsWith('Submitting range requests'))
        figures.rangeScan = true;
      if (figures.activities.length < 40) figures.activities.push(activity);
    }
  }
  return figures;
}

export interface RunOptions {
  label: string;
  consistency?: Consistency;
  /** Trace every page (system_traces) and sum the figures. */
  trace?: boolean;
  fetchSize?: number;
  readTimeoutMs?: number;
  /** Stop paging after this many rows (the step still reports how many the pages held). */
  maxRows?: number;
}

export interface StepResult {
  step: CqlStep;
  rows: cassandra.types.Row[];
}

/**
 * Runs one prepared statement page by page (the driver's page state), tracing each page when asked, and answers
 * the step the learner sees: the CQL with its values, the time, the rows, the trace's figures. A refusal from the
 * server (invalid request, unavailable replicas, a timeout) is an outcome, not an exception: several experiments
 * exist to show one.
 */
export async function runStep(
  client: cassandra.Client,
  cql: string,
  params: unknown[],
  options: RunOptions,
): Promise<StepResult> {
  const consistency = options.consistency ?? 'LOCAL_QUORUM';
  const rows: cassandra.types.Row[] = [];
  const traces: cassandra.metadata.QueryTrace[] = [];
  const warnings: string[] = [];
  let returned = 0;
  const started = performance.now();
  const step: CqlStep = {
    label: options.label,
    cql: `${inlineCql(cql, params)};`,
    consistency,
    outcome: 'ok',
    warnings,
    ms: 0,
    rowsReturned: 0,
  };
  const traceIds: cassandra.types.Uuid[] = [];
  try {
    let pageState: string | undefined;
    do {
      const result = await client.execute(cql, params, {
        prepare: true,
        consistency: consistencyCode[consistency],
        fetchSize: options.fetchSize ?? 1_000,
        pageState,
        traceQuery: options.trace === true,
        readTimeout: options.readTimeoutMs ?? 30_000,
      });
      returned += result.rowLength;
      for (const row of result.rows) if (rows.length < (options.maxRows ?? Infinity)) rows.push(row);
      for (const warning of result.info.warnings ?? []) warnings.push(warning);
      if (result.info.traceId) traceIds.push(result.info.traceId);
      pageState = result.pageState ?? undefined;
    } while (pageState);
    step.ms = elapsedMs(started);
  } catch (error) {
    step.ms = elapsedMs(started);
    step.outcome = 'refused';
    step.error = refusalMessage(error);
  }
  step.rowsReturned = returned;
  if (traceIds.length > 0) {
    // Traces are written to system_traces asynchronously; the driver waits until each one is complete.
    for (const id of traceIds) traces.push(await client.metadata.getTrace(id, consistencies.one));
    step.trace = traceFigures(traces);
  }
  return { step, rows };
}

/** A statement that changes schema or data, timed, with the server's warnings (no rows to page). */
export async function runWrite(
  client: cassandra.Client,
  cql: string,
  params: unknown[],
  options: { label: string; consistency?: Consistency; shown?: string },
): Promise<CqlStep> {
  const consistency = options.consistency ?? 'LOCAL_QUORUM';
  const started = performance.now();
  const step: CqlStep = {
    label: options.label,
    cql: options.shown ?? `${inlineCql(cql, params)};`,
    consistency,
    outcome: 'ok',
    warnings: [],
    ms: 0,
    rowsReturned: 0,
  };
  try {
    const result = await client.execute(cql, params, {
      prepare: params.length > 0,
      consistency: consistencyCode[consistency],
      readTimeout: 60_000,
    });
    step.warnings.push(...(result.info.warnings ?? []));
  } catch (error) {
    step.outcome = 'refused';
    step.error = refusalMessage(error);
  }
  step.ms = elapsedMs(started);
  return step;
}

/**
 * The server's reason in one line. The driver wraps a refusal in NoHostAvailableError, whose message carries each
 * host's error with its stack; the first host's message is the server's answer.
 */
export function refusalMessage(error: unknown): string {
  const inner = (error as { innerErrors?: Record<string, unknown> }).innerErrors;
  const first = inner ? Object.values(inner)[0] : undefined;
  const source = first instanceof Error ? first : error;
  const message = source instanceof Error ? source.message : String(source);
  return message.split('\n')[0]!.slice(0, 500);
}

/** A row's value as the learner's table shows it. */
export function shownValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (cassandra.types.Long.isLong(value)) return (value as cassandra.types.Long).toNumber();
  return String(value);
}
