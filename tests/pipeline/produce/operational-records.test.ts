import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { insertStatements, textArrayLiteral } from '../../../pipeline/services/postgres/operational-schema';
import {
  operationalColumns,
  orderRow,
  rowsPerStatement,
  userRow,
} from '../../../pipeline/services/shared/operational-rows';
import { operationalRecords, type RefusedCounts } from '../../../pipeline/stages/produce/operational-records';

const root = mkdtempSync(join(tmpdir(), 'operational-records-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const order = {
  order_id: 'o1',
  user_id: 'u1',
  session_id: 's1',
  order_ts: '2025-08-24T10:00:00.000Z',
  status: 'paid',
  payment_method: 'card',
  currency: 'USD',
  subtotal: 10.1,
  discount: 0,
  shipping: 0.2,
  total: 10.3,
  coupon_code: null,
  shipping_country: 'DE',
  lines: [{ line_no: 1, product_id: 'p1', quantity: 1, unit_price: 10.1, line_total: 10.1 }],
};

async function collect(entity: 'orders', lines: string[]) {
  const file = join(root, `${entity}-${lines.length}.ndjson`);
  writeFileSync(file, lines.join('\n'));
  const refused: RefusedCounts = { users: 0, orders: 0 };
  const records = [];
  for await (const batch of operationalRecords(entity, file, refused)) records.push(...batch);
  return { records, refused };
}

describe('what the operational database takes from the generated files', () => {
  it('keeps valid records, maps drifted field names back, drops extra fields and refuses what breaks the schema', async () => {
    const { user_id, total, ...withoutRenamed } = order;
    const lines = [
      JSON.stringify(order),
      JSON.stringify({ ...withoutRenamed, order_id: 'o2', customer_id: user_id, amount: total }), // schema_renamed_field
      JSON.stringify({ ...order, order_id: 'o3', gift_wrap: true }), // schema_extra_field
      '{"order_id":"o4","user_id":', // malformed_line
      JSON.stringify({ ...order, order_id: 'o5', total: '10.30' }), // schema_wrong_type
      JSON.stringify({ ...order, order_id: 'o6', status: null }), // null_required
      JSON.stringify({ ...order, order_id: 'o7', total: -1 }), // negative_price
    ];
    const { records, refused } = await collect('orders', lines);
    expect(records.map((record) => record.order_id)).toEqual(['o1', 'o2', 'o3']);
    expect(records[1]).toMatchObject({ user_id: 'u1', total: 10.3 });
    expect(records[2]).not.toHaveProperty('gift_wrap');
    expect(refused).toEqual({ users: 0, orders: 4 });
  });
});

describe('operational INSERT statements', () => {
  it('sends a batch as one parameter array per column, so 25 000 rows are 3 statements, not 25 000', () => {
    const record = {
      ...order,
      status: 'paid' as const,
      payment_method: 'card' as const,
      currency: 'USD' as const,
    };
    const rows = Array.from({ length: 25_000 }, (_, index) =>
      orderRow('run-1', { ...record, order_id: `o${index}` }),
    );
    const statements = insertStatements('orders', rows);
    expect(statements.length).toBe(Math.ceil(25_000 / rowsPerStatement));
    expect(statements.length).toBe(3);
    expect(statements.reduce((sum, statement) => sum + statement.rows, 0)).toBe(25_000);
    for (const statement of statements) {
      expect(statement.values.length).toBe(operationalColumns.orders.length);
      expect(statement.values.every((column) => column.length === statement.rows)).toBe(true);
      expect(statement.text).toMatch(
        /FROM unnest\(\$1::text\[\], .*\$14::text\[\]\).*ON CONFLICT DO NOTHING$/,
      );
    }
    expect(statements[2]!.values[1]!.at(-1)).toBe('o24999');
    // Money leaves as exact cents strings, never as a float.
    expect(rows[0]!.slice(8, 12)).toEqual(['10.10', '0.00', '0.20', '10.30']);
  });

  it('sends a list column as array literals that PostgreSQL casts back to text[]', () => {
    const user = {
      user_id: 'u1',
      version: 1,
      email: 'u1@example.com',
      first_name: 'A',
      last_name: 'B',
      birth_year: 1990,
      country: 'DE',
      city: 'Köln',
      segment: 'loyal',
      loyalty_tier: 'gold',
      preferred_categories: ['books', 'garden, outdoor'],
      marketing_opt_in: true,
      signup_ts: '2025-08-24T01:02:03.456Z',
      updated_at: '2025-08-24T01:02:03.456Z',
    } as const;
    const [statement] = insertStatements('users', [
      userRow('run-1', { ...user, preferred_categories: [...user.preferred_categories] }),
    ]);
    expect(statement!.text).toContain('$12::text[]');
    expect(statement!.text).toContain('preferred_categories::text[]');
    expect(statement!.values[11]).toEqual(['{"books","garden, outdoor"}']);
  });

  it('quotes every element of a text array literal', () => {
    expect(textArrayLiteral([])).toBe('{}');
    expect(textArrayLiteral(['books', 'garden, outdoor', 'say "hi" {x}', 'back\\slash', 'NULL'])).toBe(
      '{"books","garden, outdoor","say \\"hi\\" {x}","back\\\\slash","NULL"}',
    );
  });
});
