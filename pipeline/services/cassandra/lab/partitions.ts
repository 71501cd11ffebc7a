import cassandra from 'cassandra-driver';
import type { CqlStep } from '../../../contracts/cassandra-lab';
import { PipelineError } from '../../../contracts/errors';
import { servingTable } from '../../../contracts/serving';
import { runStep } from './traced';

export interface PartitionKey {
  userId: string;
  eventDate: string;
}

/** Every column of the serving table, in the order of its INSERT. */
export const tableColumns = [
  'user_id',
  'event_date',
  'event_ts',
  'event_id',
  'event_type',
  'session_id',
  'product_id',
  'order_id',
  'search_query',
  'quantity',
  'device',
  'referrer',
] as const;

export const runTable = (keyspace: string): string => `${keyspace}.${servingTable.name}`;

/** How many partitions the default pick looks at: a bounded GROUP BY, not a scan of the table. */
const pickAmong = 200;

/**
 * A busy partition of the run, for experiments the learner starts without naming one: the largest among the first
 * 200 partitions in token order. A bounded read (at most 200 partitions), shown as a step like any other.
 */
export async function pickPartition(
  client: cassandra.Client,
  keyspace: string,
  given: Partial<PartitionKey>,
  steps: CqlStep[],
): Promise<PartitionKey> {
  if (given.userId && given.eventDate) return { userId: given.userId, eventDate: given.eventDate };
  const { step, rows } = await runStep(
    client,
    `SELECT user_id, event_date, count(*) AS rows FROM ${runTable(keyspace)} GROUP BY user_id, event_date LIMIT ${pickAmong}`,
    [],
    { label: `Pick a busy partition: the largest of the first ${pickAmong} in token order` },
  );
  steps.push(step);
  if (step.outcome === 'refused') throw new PipelineError('SERVICE_UNAVAILABLE', step.error ?? 'refused');
  let best: { key: PartitionKey; rows: number } | null = null;
  for (const row of rows) {
    const count = Number(row.get('rows'));
    if (!best || count > best.rows)
      best = {
        key: { userId: String(row.get('user_id')), eventDate: String(row.get('event_date')) },
        rows: count,
      };
  }
  if (!best)
    throw new PipelineError(
      'NOT_FOUND',
      `The run's table ${runTable(keyspace)} has no rows to experiment on.`,
    );
  return best.key;
}

/** The partition key's values as the driver binds them. */
export const keyParams = (key: PartitionKey): unknown[] => [
  key.userId,
  cassandra.types.LocalDate.fromString(key.eventDate),
];

/** Refuses a partition the run does not have, naming where to find one. */
export function requireRows(rows: number, key: PartitionKey, keyspace: string): void {
  if (rows > 0) return;
  throw new PipelineError(
    'NOT_FOUND',
    `No rows for user ${key.userId} on ${key.eventDate} in ${runTable(keyspace)}: name a user and day of the run ` +
      '(the Streaming tab of the console lists its largest partitions), or leave both out.',
  );
}

/**
 * An INSERT of a row's columns that have a value (a missing one is left out, so copying a row writes no tombstone
 * for it), with `suffix` (e.g. ` USING TTL ?`) and its extra values bound after the row's.
 */
export function insertOf(
  table: string,
  row: cassandra.types.Row,
  suffix = '',
  extra: unknown[] = [],
): { query: string; params: unknown[] } {
  const columns = tableColumns.filter((column) => row.get(column) !== null && row.get(column) !== undefined);
  return {
    query: `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})${suffix}`,
    params: [...columns.map((column) => row.get(column)), ...extra],
  };
}
