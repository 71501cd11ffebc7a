import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eventTypes } from '../../contracts/records';
import type { Warehouse } from '../../contracts/services';
import { streamTables } from '../../contracts/stream-tables';
import { sqlString } from '../sql-files';
import type { StreamLagRow, StreamRejectRow, StreamWindowRow } from './stream-rows';

/**
 * Each stream table, with the SELECT that turns its JSON rows into the contract's types and its stored order (the
 * export keeps it, so the Parquet files come out the same on every run). `json` lists the JSON fields and their
 * types for read_json.
 */
const conversions: Record<string, { json: Record<string, string>; select: string; orderBy: string }> = {
  stream_windows: {
    json: {
      window_start: 'BIGINT',
      window_end: 'BIGINT',
      events: 'BIGINT',
      by_type: 'BIGINT[]',
      other_events: 'BIGINT',
      orders: 'BIGINT',
      revenue_cents: 'BIGINT',
      active_sessions: 'BIGINT',
      late: 'BIGINT',
      closed_by: 'VARCHAR',
      closed_at_watermark: 'BIGINT',
    },
    select: [
      'epoch_ms(window_start)',
      'epoch_ms(window_end)',
      'events',
      ...eventTypes.map((_, index) => `by_type[${index + 1}]`),
      'other_events',
      'orders',
      // Exact: cents are integers, and a DECIMAL division by 100 never rounds.
      'CAST(CAST(revenue_cents AS DECIMAL(18,0)) / 100 AS DECIMAL(14,2))',
      'active_sessions',
      'late',
      'closed_by',
      'epoch_ms(closed_at_watermark)',
    ].join(', '),
    orderBy: 'window_start',
  },
  stream_rejects: {
    json: {
      reason: 'VARCHAR',
      window_start: 'BIGINT',
      topic: 'VARCHAR',
      partition: 'INTEGER',
      records: 'BIGINT',
    },
    select: 'reason, epoch_ms(window_start), topic, partition, records',
    orderBy: 'reason, window_start NULLS LAST, topic NULLS LAST, partition NULLS LAST',
  },
  stream_consumer_lag: {
    json: {
      sample_no: 'INTEGER',
      sampled_at: 'BIGINT',
      consumer_group: 'VARCHAR',
      topic: 'VARCHAR',
      partition: 'INTEGER',
      lag: 'BIGINT',
      records_landed: 'BIGINT',
      is_final: 'BOOLEAN',
    },
    select:
      'sample_no, epoch_ms(sampled_at), consumer_group, topic, partition, lag, records_landed, is_final',
    orderBy: 'sample_no, consumer_group, topic, partition',
  },
};

/**
 * Replaces the stream tables in the run's working warehouse: each is created with the contract's columns and
 * types, then filled from a JSON-lines file under `<runDir>/work/stream/` (removed once read). The export stage
 * exports them with the batch tables.
 */
export async function writeStreamTables(
  warehouse: Warehouse,
  runDir: string,
  rows: {
    stream_windows: readonly StreamWindowRow[];
    stream_rejects: readonly StreamRejectRow[];
    stream_consumer_lag: readonly StreamLagRow[];
  },
): Promise<Record<string, number>> {
  const directory = join(runDir, 'work', 'stream');
  await mkdir(directory, { recursive: true });
  const counts: Record<string, number> = {};
  for (const table of streamTables) {
    const conversion = conversions[table.name]!;
    const tableRows = rows[table.name as keyof typeof rows];
    const columns = table.columns.map((column) => `"${column.name}" ${column.type}`).join(', ');
    await warehouse.exec(`CREATE OR REPLACE TABLE ${table.name} (${columns})`);
    if (tableRows.length > 0) {
      const file = join(directory, `${table.name}.ndjson`);
      await writeFile(file, tableRows.map((row) => JSON.stringify(row)).join('\n') + '\n');
      const json = Object.entries(conversion.json)
        .map(([name, type]) => `${sqlString(name)}: ${sqlString(type)}`)
        .join(', ');
      try {
        await warehouse.exec(
          `INSERT INTO ${table.name} SELECT ${conversion.select} FROM read_json(${sqlString(file)}, format = 'newline_delimited', columns = {${json}}) ORDER BY ${conversion.orderBy}`,
        );
      } finally {
        await rm(file, { force: true });
      }
    }
    counts[table.name] = tableRows.length;
  }
  return counts;
}
