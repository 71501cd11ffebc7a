import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStore } from '@/pipeline/contracts/services';
import { dedupeStage } from '@/pipeline/stages/dedupe/stage';
import { validateStage } from '@/pipeline/stages/validate/stage';
import { openDuckDbWarehouse } from '@/pipeline/services/shared/duckdb-warehouse';
import { config, openTestRunStore, runStages, tempDir } from './helpers';
import { event, land, product, user } from './raw-fixtures';

type Row = Record<string, unknown>;
let runs: RunStore;
const runDir = tempDir('dedupe');
const warehousePath = join(runDir, 'work', 'etl.duckdb');

async function query(sql: string): Promise<Row[]> {
  const warehouse = await openDuckDbWarehouse({ path: warehousePath });
  try {
    return await warehouse.query(sql);
  } finally {
    await warehouse.close();
  }
}

const kept = () =>
  query(
    `SELECT event_id, strftime(event_ts, '%H:%M') AS at, strftime(ingested_at, '%H:%M') AS received FROM stg_events ORDER BY event_id`,
  );

beforeAll(async () => {
  runs = await openTestRunStore();
  land(runDir, 'users', [user('a', 1, '2025-08-20T09:00:00.000Z')], 'updated_at');
  land(runDir, 'products', [product('p1')], 'updated_at');
  land(
    runDir,
    'events',
    [
      event('e1', 'a', '2025-08-25T10:00:00.000Z', '2025-08-25T10:00:01.000Z'),
      event('e2', 'a', '2025-08-25T11:00:00.000Z', '2025-08-25T11:00:01.000Z'),
      event('e2', 'a', '2025-08-25T11:00:00.000Z', '2025-08-25T11:00:01.000Z'), // the same line delivered twice
      event('e3', 'a', '2025-08-25T12:00:00.000Z', '2025-08-25T12:00:01.000Z'),
      event('e4', 'a', '2025-08-25T13:30:00.000Z', '2025-08-25T13:30:01.000Z'),
    ],
    'event_ts',
    'part-0-0',
  );
  land(
    runDir,
    'events',
    [
      event('e3', 'a', '2025-08-25T12:00:00.000Z', '2025-08-25T12:05:00.000Z'), // a replay: received again later
      event('e4', 'a', '2025-08-25T13:00:00.000Z', '2025-08-25T13:40:00.000Z'), // an earlier event time wins over an earlier receipt
    ],
    'event_ts',
    'part-1-0',
  );
  land(runDir, 'orders', [], 'order_ts');
  await runStages(runDir, runs, config({ faults: 'none' }), [validateStage, dedupeStage]);
});
afterAll(async () => {
  await runs.close();
});

describe('dedupe of events', () => {
  it('keeps one row per event id, the first copy by event time and then by receipt', async () => {
    expect(await kept()).toEqual([
      { event_id: 'e1', at: '10:00', received: '10:00' },
      { event_id: 'e2', at: '11:00', received: '11:00' },
      { event_id: 'e3', at: '12:00', received: '12:00' },
      { event_id: 'e4', at: '13:00', received: '13:40' },
    ]);
    expect(
      await query(
        `SELECT record_id, copy_number FROM dedupe_removed WHERE entity = 'events' ORDER BY record_id`,
      ),
    ).toEqual([
      { record_id: 'e2', copy_number: 2n },
      { record_id: 'e3', copy_number: 2n },
      { record_id: 'e4', copy_number: 2n },
    ]);
  });

  it('serves stg_events as a view over the accepted events, not as a second copy of them', async () => {
    expect(await query(`SELECT view_name FROM duckdb_views() WHERE view_name = 'stg_events'`)).toEqual([
      { view_name: 'stg_events' },
    ]);
    expect(await query(`SELECT table_name FROM duckdb_tables() WHERE table_name = 'stg_events'`)).toEqual([]);
  });

  it('replaces the stg_events table a run made by an earlier version holds, when dedupe runs again', async () => {
    await query(`DROP VIEW stg_events; CREATE TABLE stg_events AS SELECT * FROM stg_events_accepted`);
    await runStages(runDir, runs, config({ faults: 'none' }), [dedupeStage]);
    expect(await query(`SELECT table_name FROM duckdb_tables() WHERE table_name = 'stg_events'`)).toEqual([]);
    expect((await kept()).map((row) => row.event_id)).toEqual(['e1', 'e2', 'e3', 'e4']);
  });
});
