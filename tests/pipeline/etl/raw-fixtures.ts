import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Raw-zone fixtures for the ETL tests: records built by hand (a user version, a product, an order, an event) and
 * written in ingest's layout, so a test can run validate and the stages after it on a history it chose.
 */
/** Writes records in ingest's layout: one part file per entity and event date (`part` names the file). */
export function land(
  runDir: string,
  entity: string,
  records: Array<Record<string, unknown>>,
  timeField: string,
  part = 'part-0-0',
): void {
  const byDate = new Map<string, string[]>();
  for (const record of records) {
    const date = String(record[timeField]).slice(0, 10);
    byDate.set(date, [...(byDate.get(date) ?? []), JSON.stringify(record)]);
  }
  for (const [date, lines] of byDate) {
    const directory = join(runDir, 'lake', 'raw', entity, `event_date=${date}`);
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, `${part}-${lines.length - 1}.ndjson`), `${lines.join('\n')}\n`);
  }
}

export const user = (
  id: string,
  version: number,
  updatedAt: string,
  changes: Record<string, unknown> = {},
) => ({
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
export const product = (id: string) => ({
  product_id: id,
  sku: `SKU-${id}`,
  name: `Product ${id}`,
  category: 'Books',
  subcategory: 'Novels',
  brand: 'Acme',
  price: 10.5,
  cost: 4.25,
  currency: 'USD',
  stock_qty: 5,
  supplier_id: 'SUP-1',
  supplier_name: 'Supplier',
  is_active: true,
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-08-24T00:00:00.000Z',
});
export const order = (id: string, userId: string, at: string) => ({
  order_id: id,
  user_id: userId,
  session_id: `s-${id}`,
  order_ts: at,
  status: 'paid',
  payment_method: 'card',
  currency: 'USD',
  subtotal: 21,
  discount: 0,
  shipping: 4.99,
  total: 25.99,
  coupon_code: null,
  shipping_country: 'GB',
  lines: [{ line_no: 1, product_id: 'p1', quantity: 2, unit_price: 10.5, line_total: 21 }],
});
export const event = (id: string, userId: string, at: string, ingestedAt: string) => ({
  event_id: id,
  event_type: 'product_view',
  event_ts: at,
  ingested_at: ingestedAt,
  user_id: userId,
  session_id: `s-${userId}`,
  device: 'mobile',
  referrer: 'direct',
  page_url: '/p/p1',
  product_id: 'p1',
  search_query: null,
  quantity: null,
  order_id: null,
  schema_version: 1,
});
