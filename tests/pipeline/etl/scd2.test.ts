import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStore } from '@/pipeline/contracts/services';
import { dedupeStage } from '@/pipeline/stages/dedupe/stage';
import { modelStage } from '@/pipeline/stages/model/stage';
import { validateStage } from '@/pipeline/stages/validate/stage';
import { openDuckDbWarehouse } from '@/pipeline/services/embedded/duckdb-warehouse';
import { config, openTestRunStore, runStages, tempDir } from './helpers';

/** A raw zone written by hand in ingest's layout: one part file per entity and event date. */
function land(runDir: string, entity: string, records: Array<Record<string, unknown>>, timeField: string): void {
  const byDate = new Map<string, string[]>();
  for (const record of records) {
    const date = String(record[timeField]).slice(0, 10);
    byDate.set(date, [...(byDate.get(date) ?? []), JSON.stringify(record)]);
  }
  for (const [date, lines] of byDate) {
    const directory = join(runDir, 'lake', 'raw', entity, `event_date=${date}`);
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, `part-0-0-${lines.length - 1}.ndjson`), `${lines.join('\n')}\n`);
  }
}

const user = (id: string, version: number, updatedAt: string, changes: Record<string, unknown> = {}) => ({
  user_id: id,
  version,
  email: `${id}@example.com`,
  first_name: 'Ada',
  last_name: 'Lovelace',
  birth_year: 1990,
  country: 'GB',
  city: 'London',
  segment: 'loyal',
  loyalty_tier: 'bronze',
  preferred_categories: ['books'],
  marketing_opt_in: false,
  signup_ts: '2025-08-20T09:00:00.000Z',
  updated_at: updatedAt,
  ...changes,
});
const product = (id: string) => ({
  product_id: id, sku: `SKU-${id}`, name: `Product ${id}`, category: 'Books', subcategory: 'Novels', brand: 'Acme', price: 10.5, cost: 4.25,
  currency: 'USD', stock_qty: 5, supplier_id: 'SUP-1', supplier_name: 'Supplier', is_active: true,
  created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-08-24T00:00:00.000Z',
});
const order = (id: string, userId: string, at: string) => ({
  order_id: id, user_id: userId, session_id: `s-${id}`, order_ts: at, status: 'paid', payment_method: 'card', currency: 'USD',
  subtotal: 21, discount: 0, shipping: 4.99, total: 25.99, coupon_code: null, shipping_country: 'GB',
  lines: [{ line_no: 1, product_id: 'p1', quantity: 2, unit_price: 10.5, line_total: 21 }],
});

let runs: RunStore;
const runDir = tempDir('scd2');
type Row = Record<string, unknown>;
let dimUser: Row[];
let orders: Row[];
let quarantine: Row[];
let removed: Row[];

beforeAll(async () => {
  runs = await openTestRunStore();
  land(runDir, 'users', [
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
  ], 'updated_at');
  land(runDir, 'products', [product('p1'), product('p2')], 'updated_at');
  land(runDir, 'orders', [
    order('o1', 'a', '2025-08-25T10:00:00.000Z'),
    order('o2', 'a', '2025-08-26T12:00:00.000Z'), // exactly when version 2 starts: version 2 (valid_from is inclusive)
    order('o3', 'a', '2025-09-02T10:00:00.000Z'),
    order('o4', 'c', '2025-08-30T10:00:00.000Z'), // version 2 was quarantined: version 1 is still valid
    order('o5', 'd', '2025-08-23T10:00:00.000Z'),
  ], 'order_ts');
  land(runDir, 'events', [], 'event_ts');
  await runStages(runDir, runs, config({ faults: 'none' }), [validateStage, dedupeStage, modelStage]);
  const warehouse = await openDuckDbWarehouse({ path: join(runDir, 'work', 'etl.duckdb') });
  dimUser = await warehouse.query(
    `SELECT user_id, version, loyalty_tier, city, strftime(valid_from, '%Y-%m-%d %H:%M') AS valid_from, strftime(valid_to, '%Y-%m-%d %H:%M') AS valid_to, is_current
     FROM dim_user ORDER BY user_id, version`,
  );
  orders = await warehouse.query('SELECT o.order_id, u.user_id, u.version FROM fact_orders AS o LEFT JOIN dim_user AS u USING (user_sk) ORDER BY o.order_id');
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
      { user_id: 'a', version: 1, loyalty_tier: 'bronze', city: 'London', valid_from: '2025-08-20 09:00', valid_to: '2025-08-26 12:00', is_current: false },
      { user_id: 'a', version: 2, loyalty_tier: 'silver', city: 'London', valid_from: '2025-08-26 12:00', valid_to: '2025-09-01 08:30', is_current: false },
      { user_id: 'a', version: 3, loyalty_tier: 'silver', city: 'Leeds', valid_from: '2025-09-01 08:30', valid_to: '9999-12-31 00:00', is_current: true },
      { user_id: 'b', version: 1, loyalty_tier: 'bronze', city: 'London', valid_from: '2025-08-20 09:00', valid_to: '9999-12-31 00:00', is_current: true },
      { user_id: 'c', version: 1, loyalty_tier: 'bronze', city: 'London', valid_from: '2025-08-21 10:00', valid_to: '2025-09-03 10:00', is_current: false },
      { user_id: 'c', version: 3, loyalty_tier: 'gold', city: 'London', valid_from: '2025-09-03 10:00', valid_to: '9999-12-31 00:00', is_current: true },
      { user_id: 'd', version: 1, loyalty_tier: 'bronze', city: 'London', valid_from: '2025-08-22 10:00', valid_to: '2025-08-22 10:00', is_current: false },
      { user_id: 'd', version: 2, loyalty_tier: 'bronze', city: 'Bath', valid_from: '2025-08-22 10:00', valid_to: '9999-12-31 00:00', is_current: true },
    ]);
  });

  it('quarantines the broken version and removes the duplicate delivery', () => {
    expect(quarantine).toEqual([{ entity: 'users', record_id: 'c#2', reason_code: 'MISSING_FIELD', field: 'email' }]);
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
