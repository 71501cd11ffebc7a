import { z } from 'zod';

/**
 * The wide-column lesson's live cells: experiments the server defines and runs on the learner's newest
 * services-tier run (its keyspace `pipeline_lab_<runId>`) and on scratch keyspaces of its own. A learner picks an
 * experiment and a few bounded parameters; the CQL is fixed and prepared, never typed by the learner.
 */
export const cassandraExperimentNames = [
  'partition-read',
  'allow-filtering',
  'hot-partitions',
  'tombstones',
  'ttl-expiry',
  'consistency',
] as const;
export type CassandraExperimentName = (typeof cassandraExperimentNames)[number];

const userId = z
  .string()
  .regex(/^[0-9a-f-]{1,64}$/, 'userId must be a user id of the run (hex digits and hyphens, at most 64)');
const eventDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'eventDate must be a day as YYYY-MM-DD');

/** A partition named by both parts of its key, or neither (then the server picks a busy one of the run). */
const partition = {
  userId: userId.optional(),
  eventDate: eventDate.optional(),
};
const bothOrNeither = (params: { userId?: string; eventDate?: string }) =>
  (params.userId === undefined) === (params.eventDate === undefined);
const bothOrNeitherMessage = {
  message: 'userId and eventDate go together: the partition key is (user_id, event_date)',
};

export const cassandraParamSchemas = {
  'partition-read': z
    .strictObject({ ...partition, limit: z.number().int().min(1).max(1000).default(20) })
    .refine(bothOrNeither, bothOrNeitherMessage),
  'allow-filtering': z.strictObject({ userId: userId.optional() }),
  'hot-partitions': z.strictObject({ top: z.number().int().min(1).max(20).default(5) }),
  tombstones: z
    .strictObject({ ...partition, deletes: z.number().int().min(1).max(1000).default(10) })
    .refine(bothOrNeither, bothOrNeitherMessage),
  'ttl-expiry': z.strictObject({ ttlSeconds: z.number().int().min(1).max(10).default(3) }),
  consistency: z.strictObject({ ...partition }).refine(bothOrNeither, bothOrNeitherMessage),
} as const;

export type CassandraExperimentParams = {
  [Name in CassandraExperimentName]: z.output<(typeof cassandraParamSchemas)[Name]>;
};

export type CassandraCellRequest = {
  [Name in CassandraExperimentName]: { experiment: Name; params: CassandraExperimentParams[Name] };
}[CassandraExperimentName];

const envelope = z.strictObject({
  experiment: z.enum(cassandraExperimentNames, {
    error: `experiment must be one of ${cassandraExperimentNames.join(', ')}`,
  }),
  params: z.record(z.string(), z.unknown()).optional(),
});

/** Validates a cell's request body: the experiment's name, then its parameters (unknown keys refused). */
export function parseCassandraCellRequest(
  body: unknown,
): { ok: true; value: CassandraCellRequest } | { ok: false; message: string } {
  const outer = envelope.safeParse(body);
  if (!outer.success) return { ok: false, message: firstIssue(outer.error) };
  const { experiment } = outer.data;
  const params = cassandraParamSchemas[experiment].safeParse(outer.data.params ?? {});
  if (!params.success) return { ok: false, message: `${experiment}: ${firstIssue(params.error, 'params')}` };
  return { ok: true, value: { experiment, params: params.data } as CassandraCellRequest };
}

function firstIssue(error: z.ZodError, prefix?: string): string {
  const issue = error.issues[0];
  if (!issue) return 'The body is not a valid request.';
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  if (issue.code === 'unrecognized_keys') return `unknown parameter ${issue.keys.join(', ')}`;
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** What Cassandra's query tracing said about one request (system_traces, summed over its pages). */
export interface TraceFigures {
  /** "Read N live rows and M tombstone cells", summed over the trace's events: rows the replica read. */
  liveRowsRead: number;
  tombstoneCellsRead: number;
  /** "Executing single-partition query" events: partitions read by key. */
  partitionReads: number;
  /** Whether a range (token) scan ran: "Executing seq scan" or "Submitting range requests". */
  rangeScan: boolean;
  /** The coordinator's time for the request, in microseconds (summed over pages). */
  durationMicros: number;
  /** Trace events, as Cassandra wrote them (at most 40). */
  activities: string[];
}

/** One statement an experiment ran, as the learner sees it. */
export interface CqlStep {
  label: string;
  /** The CQL with its bound values written in, to copy into cqlsh. */
  cql: string;
  consistency: string;
  outcome: 'ok' | 'refused';
  /** The server's (or driver's) error message when refused. */
  error?: string;
  /** Client warnings the server sent back (a tombstone or replication-factor warning). */
  warnings: string[];
  /** Wall time in this process, milliseconds. */
  ms: number;
  rowsReturned: number;
  trace?: TraceFigures;
}

export interface CassandraCellTable {
  columns: string[];
  rows: Array<Array<string | number | null>>;
}

/** An experiment's answer: what ran, what it measured, and a few rows. */
export interface CassandraCellResult {
  experiment: CassandraExperimentName;
  runId: string;
  keyspace: string;
  /** The scratch keyspace the experiment wrote in and dropped, if any. */
  scratchKeyspace: string | null;
  steps: CqlStep[];
  figures: Array<{ label: string; value: string | number }>;
  table: CassandraCellTable | null;
  /** One or two sentences: what the figures show. */
  summary: string;
}

/** POST /api/cassandra/cells answers this, or an error body. */
export type CassandraCellAnswer =
  { available: false; reason: string } | ({ available: true } & CassandraCellResult);

/** The run the lesson's cells read, chosen on the server (newest services-tier run whose export succeeded). */
export interface CassandraCellTarget {
  runId: string;
  /** The days of the run's window (YYYY-MM-DD), for reads that name every partition of a user. */
  days: string[];
}
