import cassandra from 'cassandra-driver';
import type { CassandraExperimentParams, CqlStep } from '../../../contracts/cassandra-lab';
import { PipelineError } from '../../../contracts/errors';
import { servingTable } from '../../../contracts/serving';
import type { LabContext, LabResult } from './context';
import { insertOf, keyParams, pickPartition, requireRows, runTable, tableColumns } from './partitions';
import {
  dropScratch,
  localDataCenter,
  scratchKeyspaceCql,
  scratchKeyspaceName,
  scratchTableCql,
  sweepStaleScratch,
} from './scratch';
import { inlineCql, runStep, runWrite, shownValue } from './traced';

/** Creates a scratch keyspace (one replica) with the run's table layout, runs `use`, and always drops it. */
async function inScratch(
  context: LabContext,
  steps: CqlStep[],
  use: (table: string, keyspace: string) => Promise<LabResult>,
): Promise<LabResult> {
  const { client, clock } = context;
  await sweepStaleScratch(client, clock);
  const keyspace = scratchKeyspaceName(clock);
  try {
    const dataCenter = await localDataCenter(client);
    steps.push(
      await runWrite(client, scratchKeyspaceCql(keyspace, dataCenter, 1), [], {
        label: 'A scratch keyspace of the lesson',
      }),
    );
    steps.push(
      await runWrite(client, scratchTableCql(keyspace), [], { label: "The run's table layout in it" }),
    );
    for (const step of steps.slice(-2))
      if (step.outcome === 'refused') throw new PipelineError('SERVICE_UNAVAILABLE', step.error ?? 'refused');
    return await use(`${keyspace}.${servingTable.name}`, keyspace);
  } finally {
    await dropScratch(client, keyspace);
    steps.push({
      label: 'Drop the scratch keyspace (the run keeps its rows)',
      cql: `DROP KEYSPACE ${keyspace};`,
      consistency: 'LOCAL_QUORUM',
      outcome: 'ok',
      warnings: [],
      ms: 0,
      rowsReturned: 0,
    });
  }
}

/** Server settings from the node's own virtual table (system_views.settings, Cassandra 4.0+). */
async function settings(client: cassandra.Client, names: string[]): Promise<Map<string, string>> {
  const result = await client.execute(
    'SELECT name, value FROM system_views.settings WHERE name IN ?',
    [names],
    {
      prepare: true,
    },
  );
  return new Map(result.rows.map((row) => [String(row.get('name')), String(row.get('value'))]));
}

/**
 * Tombstones: a copy of one of the run's partitions in a scratch table, read (traced) before and after deleting
 * some of its rows one by one. Each deleted row is a row tombstone the next read must still walk over: it stays
 * until compaction may purge it, gc_grace_seconds after the delete.
 */
export async function tombstones(
  context: LabContext,
  params: CassandraExperimentParams['tombstones'],
): Promise<LabResult> {
  const { client, keyspace } = context;
  const steps: CqlStep[] = [];
  const key = await pickPartition(client, keyspace, params, steps);
  const source = await runStep(
    client,
    `SELECT ${tableColumns.join(', ')} FROM ${runTable(keyspace)} WHERE user_id = ? AND event_date = ?`,
    keyParams(key),
    { label: "Read the run's partition to copy" },
  );
  steps.push(source.step);
  requireRows(source.rows.length, key, keyspace);
  return inScratch(context, steps, async (table) => {
    const started = performance.now();
    for (let start = 0; start < source.rows.length; start += 100) {
      await client.batch(
        source.rows.slice(start, start + 100).map((row) => insertOf(table, row)),
        { prepare: true, logged: false },
      );
    }
    const first = insertOf(table, source.rows[0]!);
    steps.push({
      label: `Copy its ${source.rows.length} rows (unlogged batches of one partition; absent values left out)`,
      cql: `${inlineCql(first.query, first.params)}; -- and one such INSERT for each row`,
      consistency: 'LOCAL_QUORUM',
      outcome: 'ok',
      warnings: [],
      ms: Math.round((performance.now() - started) * 10) / 10,
      rowsReturned: 0,
    });
    const read = `SELECT event_ts, event_id, event_type FROM ${table} WHERE user_id = ? AND event_date = ?`;
    const before = await runStep(client, read, keyParams(key), {
      label: 'Read the copy before deleting',
      trace: true,
    });
    steps.push(before.step);
    const doomed = source.rows.slice(0, Math.min(params.deletes, source.rows.length));
    const deleteCql = `DELETE FROM ${table} WHERE user_id = ? AND event_date = ? AND event_ts = ? AND event_id = ?`;
    const deleteStarted = performance.now();
    for (let start = 0; start < doomed.length; start += 16) {
      await Promise.all(
        doomed.slice(start, start + 16).map((row) =>
          client.execute(deleteCql, [...keyParams(key), row.get('event_ts'), row.get('event_id')], {
            prepare: true,
          }),
        ),
      );
    }
    steps.push({
      label: `Delete ${doomed.length} rows, one DELETE each by full primary key`,
      cql: `${deleteCql};`,
      consistency: 'LOCAL_QUORUM',
      outcome: 'ok',
      warnings: [],
      ms: Math.round((performance.now() - deleteStarted) * 10) / 10,
      rowsReturned: 0,
    });
    const after = await runStep(client, read, keyParams(key), {
      label: 'Read it again after the deletes',
      trace: true,
    });
    steps.push(after.step);
    const schema = await client.execute(
      'SELECT gc_grace_seconds FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?',
      [table.split('.')[0], servingTable.name],
      { prepare: true },
    );
    const limits = await settings(client, ['tombstone_warn_threshold', 'tombstone_failure_threshold']);
    const tombstonesAfter = after.step.trace?.tombstoneCellsRead ?? 0;
    return {
      scratchKeyspace: table.split('.')[0] ?? null,
      steps,
      figures: [
        { label: 'partition copied', value: `${key.userId} · ${key.eventDate}` },
        { label: 'rows deleted', value: doomed.length },
        {
          label: 'before: live rows / tombstones read (trace)',
          value: `${before.step.trace?.liveRowsRead ?? 0} / ${before.step.trace?.tombstoneCellsRead ?? 0}`,
        },
        {
          label: 'after: live rows / tombstones read (trace)',
          value: `${after.step.trace?.liveRowsRead ?? 0} / ${tombstonesAfter}`,
        },
        { label: 'rows returned after', value: after.step.rowsReturned },
        { label: 'read time (ms): before / after', value: `${before.step.ms} / ${after.step.ms}` },
        {
          label: 'gc_grace_seconds of the table',
          value: shownValue(schema.first()?.get('gc_grace_seconds')) ?? '',
        },
        {
          label: 'tombstone_warn_threshold (this node)',
          value: limits.get('tombstone_warn_threshold') ?? '',
        },
        {
          label: 'tombstone_failure_threshold (this node)',
          value: limits.get('tombstone_failure_threshold') ?? '',
        },
      ],
      table: null,
      summary:
        `After ${doomed.length} deletes the read returns ${after.step.rowsReturned} rows but still read ` +
        `${tombstonesAfter} tombstones: a delete is a write of a marker, kept at least gc_grace_seconds so a ` +
        'replica that missed the delete cannot bring the row back.',
    };
  });
}

/**
 * TTL expiry: one of the run's events copied into a scratch table with a TTL of a few seconds, its TTL() read once
 * a second until the row is gone, then a traced read that shows what the expired cells left: tombstones.
 */
export async function ttlExpiry(
  context: LabContext,
  params: CassandraExperimentParams['ttl-expiry'],
): Promise<LabResult> {
  const { client, keyspace, sleep } = context;
  const steps: CqlStep[] = [];
  const key = await pickPartition(client, keyspace, {}, steps);
  const source = await runStep(
    client,
    `SELECT ${tableColumns.join(', ')}, TTL(event_type) AS ttl FROM ${runTable(keyspace)} WHERE user_id = ? AND event_date = ? LIMIT 1`,
    keyParams(key),
    { label: "One event of the run, with the seconds its row has left (the table's default TTL)" },
  );
  steps.push(source.step);
  const row = source.rows[0];
  requireRows(row ? 1 : 0, key, keyspace);
  const runTtl = shownValue(row!.get('ttl'));
  return inScratch(context, steps, async (table) => {
    const insert = insertOf(table, row!, ' USING TTL ?', [params.ttlSeconds]);
    steps.push(
      await runWrite(client, insert.query, insert.params, {
        label: `Insert it with a TTL of ${params.ttlSeconds} s`,
      }),
    );
    const watch = `SELECT event_id, TTL(event_type) AS ttl FROM ${table} WHERE user_id = ? AND event_date = ?`;
    const samples: Array<Array<string | number | null>> = [];
    const started = performance.now();
    let goneAfter: number | null = null;
    for (let tick = 0; tick <= params.ttlSeconds + 3 && goneAfter === null; tick++) {
      const result = await client.execute(watch, keyParams(key), { prepare: true });
      const elapsed = Math.round(performance.now() - started);
      const live = result.first();
      samples.push([elapsed, live ? 'present' : 'gone', live ? shownValue(live.get('ttl')) : null]);
      if (!live) goneAfter = elapsed;
      else await sleep(1_000 - ((performance.now() - started) % 1_000));
    }
    steps.push({
      label: 'Read TTL() once a second until the row is gone',
      cql: `${inlineCql(watch, [key.userId, key.eventDate])};`,
      consistency: 'LOCAL_QUORUM',
      outcome: 'ok',
      warnings: [],
      ms: Math.round(performance.now() - started),
      rowsReturned: samples.length,
    });
    const after = await runStep(
      client,
      `SELECT * FROM ${table} WHERE user_id = ? AND event_date = ?`,
      keyParams(key),
      {
        label: 'Read the partition after expiry',
        trace: true,
      },
    );
    steps.push(after.step);
    return {
      scratchKeyspace: table.split('.')[0] ?? null,
      steps,
      figures: [
        { label: "the run's row: seconds left of its default_time_to_live", value: runTtl ?? '' },
        { label: "the run table's default_time_to_live (s)", value: servingTable.ttlSeconds },
        { label: 'TTL set on the copy (s)', value: params.ttlSeconds },
        { label: 'row gone after (ms)', value: goneAfter ?? 'not within the watch' },
        { label: 'rows returned after expiry', value: after.step.rowsReturned },
        {
          label: 'after expiry: live rows / tombstone cells read (trace)',
          value: `${after.step.trace?.liveRowsRead ?? 0} / ${after.step.trace?.tombstoneCellsRead ?? 0}`,
        },
      ],
      table: { columns: ['ms since the insert', 'row', 'TTL()'], rows: samples },
      summary:
        `The copy counted down from ${params.ttlSeconds} s and was gone ${goneAfter ?? '?'} ms after the insert. ` +
        `Its expired cells are now tombstones (${after.step.trace?.tombstoneCellsRead ?? 0} read): an expired row ` +
        'costs reads like a deleted one until compaction purges it after gc_grace_seconds.',
    };
  });
}
