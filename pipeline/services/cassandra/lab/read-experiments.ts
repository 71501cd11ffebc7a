import cassandra from 'cassandra-driver';
import type { CassandraExperimentParams, CqlStep } from '../../../contracts/cassandra-lab';
import { PipelineError } from '../../../contracts/errors';
import { percentile, type LabContext, type LabResult } from './context';
import { keyParams, pickPartition, requireRows, runTable } from './partitions';
import { runStep, shownValue } from './traced';

/** Bytes of a value as the native protocol encodes it: an estimate of a partition's size before overheads. */
function valueBytes(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (value instanceof Date) return 8;
  if (typeof value === 'number') return 4;
  return Buffer.byteLength(String(value));
}

const shownColumns = ['event_ts', 'event_id', 'event_type', 'product_id', 'quantity', 'device'];

/** One user's day read by its full partition key: every row of the partition, newest first, and its size. */
export async function partitionRead(
  context: LabContext,
  params: CassandraExperimentParams['partition-read'],
): Promise<LabResult> {
  const { client, keyspace } = context;
  const steps: CqlStep[] = [];
  const key = await pickPartition(client, keyspace, params, steps);
  const { step, rows } = await runStep(
    client,
    `SELECT event_ts, event_id, event_type, session_id, product_id, order_id, search_query, quantity, device, referrer, TTL(event_type) AS ttl FROM ${runTable(keyspace)} WHERE user_id = ? AND event_date = ?`,
    keyParams(key),
    { label: 'Read one partition by its full key (user_id, event_date)', trace: true },
  );
  steps.push(step);
  if (step.outcome === 'refused') throw new PipelineError('SERVICE_UNAVAILABLE', step.error ?? 'refused');
  requireRows(rows.length, key, keyspace);
  let bytes = Buffer.byteLength(key.userId) + 4;
  for (const row of rows) for (const value of row.values().slice(0, -1)) bytes += valueBytes(value);
  const shown = rows.slice(0, params.limit);
  return {
    scratchKeyspace: null,
    steps,
    figures: [
      { label: 'user_id', value: key.userId },
      { label: 'event_date', value: key.eventDate },
      { label: 'rows in the partition', value: rows.length },
      { label: "partition's values (bytes, before per-row overhead and compression)", value: bytes },
      { label: 'read time (ms, from this server)', value: step.ms },
      { label: 'partitions read (trace)', value: step.trace?.partitionReads ?? 0 },
      { label: 'live rows read (trace)', value: step.trace?.liveRowsRead ?? 0 },
      { label: 'seconds left of the newest row (TTL)', value: shownValue(rows[0]?.get('ttl')) ?? '' },
    ],
    table: {
      columns: [...shownColumns, 'ttl'],
      rows: shown.map((row) => [...shownColumns, 'ttl'].map((column) => shownValue(row.get(column)))),
    },
    summary:
      `One partition, read by its key: ${rows.length} rows of user ${key.userId} on ${key.eventDate}, newest ` +
      `first (the clustering order), in ${step.ms} ms. The replica went straight to that partition: ` +
      `${step.trace?.partitionReads ?? 0} single-partition read, ${step.trace?.liveRowsRead ?? 0} rows read.`,
  };
}

/**
 * One question, "every event of this user in the run", asked two ways: with half the partition key and
 * ALLOW FILTERING (the table is scanned, every partition read and thrown away unless it is the user's), and by
 * naming every partition of the user (one key per day of the run). Without ALLOW FILTERING Cassandra refuses.
 */
export async function allowFiltering(
  context: LabContext,
  params: CassandraExperimentParams['allow-filtering'],
): Promise<LabResult> {
  const { client, keyspace, days } = context;
  const steps: CqlStep[] = [];
  const userId = params.userId ?? (await pickPartition(client, keyspace, {}, steps)).userId;
  const columns = 'user_id, event_date, event_ts, event_id, event_type';
  const refused = await runStep(
    client,
    `SELECT ${columns} FROM ${runTable(keyspace)} WHERE user_id = ?`,
    [userId],
    {
      label: 'Half the partition key, no ALLOW FILTERING: Cassandra refuses',
    },
  );
  steps.push(refused.step);
  const scan = await runStep(
    client,
    `SELECT ${columns} FROM ${runTable(keyspace)} WHERE user_id = ? ALLOW FILTERING`,
    [userId],
    {
      label: 'The same with ALLOW FILTERING: a scan of every partition',
      trace: true,
      readTimeoutMs: 120_000,
    },
  );
  steps.push(scan.step);
  const dates = days.map((day) => cassandra.types.LocalDate.fromString(day));
  const keyed = await runStep(
    client,
    `SELECT ${columns} FROM ${runTable(keyspace)} WHERE user_id = ? AND event_date IN ?`,
    [userId, dates],
    { label: `By partition key: the user's ${days.length} partitions, one per day of the run`, trace: true },
  );
  steps.push(keyed.step);
  if (keyed.step.outcome === 'refused')
    throw new PipelineError('SERVICE_UNAVAILABLE', keyed.step.error ?? 'refused');
  // A scan of a large table can outlast the server's range_request_timeout (10 s): that is an answer, not a failure.
  const scanFailed = scan.step.outcome === 'refused' ? `The scan failed: ${scan.step.error}. ` : '';
  requireRows(keyed.rows.length, { userId, eventDate: days[0] ?? '' }, keyspace);
  const scanRead = (scan.step.trace?.liveRowsRead ?? 0) + (scan.step.trace?.tombstoneCellsRead ?? 0);
  const keyedRead = (keyed.step.trace?.liveRowsRead ?? 0) + (keyed.step.trace?.tombstoneCellsRead ?? 0);
  return {
    scratchKeyspace: null,
    steps,
    figures: [
      { label: 'user_id', value: userId },
      {
        label: 'rows returned: scan / by key',
        value: `${scan.step.rowsReturned} / ${keyed.step.rowsReturned}`,
      },
      { label: 'time (ms): scan / by key', value: `${scan.step.ms} / ${keyed.step.ms}` },
      {
        label: 'rows and tombstone cells read (trace): scan / by key',
        value: `${scanRead} / ${keyedRead}`,
      },
      {
        label: 'partitions read by key (trace): scan / by key',
        value: `${scan.step.trace?.partitionReads ?? 0} (a range scan) / ${keyed.step.trace?.partitionReads ?? 0}`,
      },
    ],
    table: {
      columns: ['event_date', 'event_ts', 'event_id', 'event_type'],
      rows: keyed.rows
        .slice(0, 20)
        .map((row) =>
          ['event_date', 'event_ts', 'event_id', 'event_type'].map((c) => shownValue(row.get(c))),
        ),
    },
    summary: scanFailed
      ? `${scanFailed}Naming the user's partitions read ${keyedRead} rows in ${keyed.step.ms} ms.`
      : `Both answers hold the same ${keyed.step.rowsReturned} rows. The scan read ${scanRead} rows and tombstone ` +
        `cells to find them in ${scan.step.ms} ms; naming the partitions read ${keyedRead} in ${keyed.step.ms} ms. ` +
        'The scan grows with the table, the keyed read only with the user.',
  };
}

/**
 * How rows spread over the run's partitions (a paged GROUP BY over the whole table, shown as the scan it is), the
 * largest partitions against the median, and a read of the largest and of a median partition, each traced.
 */
export async function hotPartitions(
  context: LabContext,
  params: CassandraExperimentParams['hot-partitions'],
): Promise<LabResult> {
  const { client, keyspace } = context;
  const steps: CqlStep[] = [];
  const spread = await runStep(
    client,
    `SELECT user_id, event_date, count(*) AS rows FROM ${runTable(keyspace)} GROUP BY user_id, event_date`,
    [],
    {
      label: 'Rows per partition: a GROUP BY over every partition (a scan)',
      fetchSize: 5_000,
      readTimeoutMs: 120_000,
    },
  );
  steps.push(spread.step);
  if (spread.step.outcome === 'refused')
    throw new PipelineError('SERVICE_UNAVAILABLE', spread.step.error ?? 'refused');
  const partitions = spread.rows.map((row) => ({
    userId: String(row.get('user_id')),
    eventDate: String(row.get('event_date')),
    rows: Number(row.get('rows')),
  }));
  if (partitions.length === 0) throw new PipelineError('NOT_FOUND', `${runTable(keyspace)} has no rows.`);
  const sorted = partitions.map((entry) => entry.rows).sort((a, b) => a - b);
  const total = sorted.reduce((sum, n) => sum + n, 0);
  const median = percentile(sorted, 0.5);
  partitions.sort((a, b) => b.rows - a.rows || a.userId.localeCompare(b.userId));
  const largest = partitions[0]!;
  const topShare = Math.max(1, Math.round(partitions.length / 100));
  const topRows = partitions.slice(0, topShare).reduce((sum, entry) => sum + entry.rows, 0);
  const perUser = new Map<string, number>();
  for (const entry of partitions) perUser.set(entry.userId, (perUser.get(entry.userId) ?? 0) + entry.rows);
  const userCounts = [...perUser.values()].sort((a, b) => a - b);
  const medianPartition = partitions.find((entry) => entry.rows === median) ?? partitions.at(-1)!;
  const readOf = async (label: string, key: { userId: string; eventDate: string }) => {
    const { step } = await runStep(
      client,
      `SELECT event_ts, event_id, event_type FROM ${runTable(keyspace)} WHERE user_id = ? AND event_date = ?`,
      keyParams(key),
      { label, trace: true },
    );
    steps.push(step);
    return step;
  };
  const hot = await readOf('Read the largest partition', largest);
  const typical = await readOf('Read a median partition', medianPartition);
  return {
    scratchKeyspace: null,
    steps,
    figures: [
      { label: 'partitions', value: partitions.length },
      { label: 'rows', value: total },
      { label: 'rows in the median partition', value: median },
      {
        label: 'rows in the 90th / 99th percentile partition',
        value: `${percentile(sorted, 0.9)} / ${percentile(sorted, 0.99)}`,
      },
      { label: 'rows in the largest partition', value: largest.rows },
      { label: 'largest ÷ median', value: Math.round((largest.rows / Math.max(1, median)) * 10) / 10 },
      {
        label: `share of rows in the largest 1 % of partitions (${topShare})`,
        value: `${Math.round((topRows / total) * 1000) / 10} %`,
      },
      {
        label: 'users; rows of the median user / the busiest user',
        value: `${userCounts.length}; ${percentile(userCounts, 0.5)} / ${userCounts.at(-1) ?? 0}`,
      },
      { label: 'read time (ms): largest / median partition', value: `${hot.ms} / ${typical.ms}` },
      {
        label: 'rows read (trace): largest / median partition',
        value: `${hot.trace?.liveRowsRead ?? 0} / ${typical.trace?.liveRowsRead ?? 0}`,
      },
      { label: 'scan time (ms)', value: spread.step.ms },
    ],
    table: {
      columns: ['user_id', 'event_date', 'rows', '× median'],
      rows: partitions
        .slice(0, params.top)
        .map((entry) => [
          entry.userId,
          entry.eventDate,
          entry.rows,
          Math.round((entry.rows / Math.max(1, median)) * 10) / 10,
        ]),
    },
    summary:
      `${partitions.length} partitions hold ${total} rows; the median holds ${median}, the largest ${largest.rows} ` +
      `(${Math.round((largest.rows / Math.max(1, median)) * 10) / 10}× the median). Every read of that user's day ` +
      'lands on the same replicas: on a cluster, a hot key is a hot node.',
  };
}
