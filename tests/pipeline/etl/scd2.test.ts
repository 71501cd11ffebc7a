import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStore } from '@/pipeline/contracts/services';
import { dedupeStage } from '@/pipeline/stages/dedupe/stage';
import { modelStage } from '@/pipeline/stages/model/stage';
import { validateStage } from '@/pipeline/stages/validate/stage';
import { openDuckDbWarehouse } from '@/pipeline/services/shared/duckdb-warehouse';
import { config, openTestRunStore, runStages, tempDir } from './helpers';
import { land, order, product, user } from './raw-fixtures';

let runs: RunStore;
const runDir = tempDir('scd2');
type Row = Record<string, unknown>;
let dimUser: Row[];
let orders: Row[];
let quarantine: Row[];
let removed: Row[];

beforeAll(async () => {
  runs = await openTestRunStore();
  land(
    runDir,
    'users',
    [
      user('a', 1, '2025-08-20T09:00:00.000Z'),
      user('a', 2, '2025-08-26T12:00:00.000Z', { loyalty_tier: 'silver' }),
      user('a', 2, '2025-08-26T12:00:00.000Z', { loyalty_tier: 'silver' }), // delivered twice
      user('a', 3, '2025-09-01T08:30:00.000Z', { loyalty_tier: 'silver', city: 'Leeds' }),
      user('b', 1, '2025-08-20T09:00:00.000Z'),
      user('c', 1, '2025-08-21T10:00:00.000Z'),
      { ...user('c', 2, '2025-08-28T10:00:00.000Z', { marketing_opt_in: true }), email: undefined }, // no email: quarantined
      user('c', 3, '2025-09-03T10:00:00.000Z', { marketing_opt_in: true, loyalty_tier: 'gold' }),
      user('d', 1, '2025-08-22T10:00:00.000Z'),
      user('d', 2, '2025-08-22T10:00:00.000Z', { city: 'Bath' }), // same millisecond as version 1
    ],
    'updated_at',
  );
  land(runDir, 'products', [product('p1'), product('p2')], 'updated_at');
  land(
    runDir,
    'orders',
    [
      order('o1', 'a', '2025-08-25T10:00:00.000Z'),
      order('o2', 'a', '2025-08-26T12:00:00.000Z'), // exactly when version 2 starts: version 2 (valid_from is inclusive)
      order('o3', 'a', '2025-09-02T10:00:00.000Z'),
      order('o4', 'c', '2025-08-30T10:00:00.000Z'), // version 2 was quarantined: version 1 is still valid
      order('o5', 'd', '2025-08-23T10:00:00.000Z'),
    ],
    'order_ts',
  );
  land(runDir, 'events', [], 'event_ts');
  await runStages(runDir, runs, config({ faults: 'none' }), [validateStage, dedupeStage, modelStage]);
  const warehouse = await openDuckDbWarehouse({ path: join(runDir, 'work', 'etl.duckdb') });
  dimUser = await warehouse.query(
    `SELECT user_id, version, loyalty_tier, city, strftime(valid_from, '%Y-%m-%d %H:%M') AS valid_from, strftime(valid_to, '%Y-%m-%d %H:%M') AS valid_to, is_current
     FROM dim_user ORDER BY user_id, version`,
  );
  orders = await warehouse.query(
    'SELECT o.order_id, u.user_id, u.version FROM fact_orders AS o LEFT JOIN dim_user AS u USING (user_sk) ORDER BY o.order_id',
  );
  quarantine = await warehouse.query('SELECT entity, record_id, reason_code, field FROM quarantine');
  removed = await warehouse.query('SELECT entity, record_id FROM dedupe_removed');
  await warehouse.close();
});
afterAll(async () => {
  await runs.close();
});

describe('dim_user (SCD type 2) on a crafted history', () => {
  it('gives every accepted version the interval in which it was true, with one current version per user', () => {
    expect(dimUser).toEqual([
      {
        user_id: 'a',
        version: 1,
        loyalty_tier: 'bronze',
        city: 'London',
        valid_from: '2025-08-20 09:00',
        valid_to: '2025-08-26 12:00',
        is_current: false,
      },
      {
        user_id: 'a',
        version: 2,
        loyalty_tier: 'silver',
        city: 'London',
        valid_from: '2025-08-26 12:00',
        valid_to: '2025-09-01 08:30',
        is_current: false,
      },
      {
        user_id: 'a',
        version: 3,
        loyalty_tier: 'silver',
        city: 'Leeds',
        valid_from: '2025-09-01 08:30',
        valid_to: '9999-12-31 00:00',
        is_current: true,
      },
      {
        user_id: 'b',
        version: 1,
        loyalty_tier: 'bronze',
        city: 'London',
        valid_from: '2025-08-20 09:00',
        valid_to: '9999-12-31 00:00',
        is_current: true,
      },
      {
        user_id: 'c',
        version: 1,
        loyalty_tier: 'bronze',
        city: 'London',
        valid_from: '2025-08-21 10:00',
        valid_to: '2025-09-03 10:00',
        is_current: false,
      },
      {
        user_id: 'c',
        version: 3,
        loyalty_tier: 'gold',
        city: 'London',
        valid_from: '2025-09-03 10:00',
        valid_to: '9999-12-31 00:00',
        is_current: true,
      },
      {
        user_id: 'd',
        version: 1,
        loyalty_tier: 'bronze',
        city: 'London',
        valid_from: '2025-08-22 10:00',
        valid_to: '2025-08-22 10:00',
        is_current: false,
      },
      {
        user_id: 'd',
        version: 2,
        loyalty_tier: 'bronze',
        city: 'Bath',
        valid_from: '2025-08-22 10:00',
        valid_to: '9999-12-31 00:00',
        is_current: true,
      },
    ]);
  });

  it('quarantines the broken version and removes the duplicate delivery', () => {
    expect(quarantine).toEqual([
      { entity: 'users', record_id: 'c#2', reason_code: 'MISSING_FIELD', field: 'email' },
    ]);
    expect(removed).toEqual([{ entity: 'users', record_id: 'a#2' }]);
  });

  it('joins each order to the version valid when it was placed (point in time)', () => {
    expect(orders).toEqual([
      { order_id: 'o1', user_id: 'a', version: 1 },
      { order_id: 'o2', user_id: 'a', version: 2 },
      { order_id: 'o3', user_id: 'a', version: 3 },
      { order_id: 'o4', user_id: 'c', version: 1 },
      { order_id: 'o5', user_id: 'd', version: 2 },
    ]);
  });
});
