import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderRecord, UserRecord } from '../../pipeline/contracts/records';
import type { OperationalDatabase } from '../../pipeline/contracts/services';

export interface OperationalDatabaseHarness {
  /** The operational database of a run no other test uses; opening the same label twice gives the same run. */
  open(label: string): Promise<OperationalDatabase>;
  /** Removes every row the test wrote. */
  cleanup(): Promise<void>;
}

export function contractUser(index: number, version = 1): UserRecord {
  return {
    user_id: `u${index}`,
    version,
    email: `u${index}@example.com`,
    first_name: 'Zoë',
    last_name: "O'Brien",
    birth_year: 1990,
    country: 'DE',
    city: 'Köln',
    segment: 'loyal',
    loyalty_tier: 'gold',
    preferred_categories:
      index % 2 === 0 ? ['books', 'garden, outdoor', 'say "hi" {x}', 'back\\slash', 'NULL'] : [],
    marketing_opt_in: index % 3 === 0,
    signup_ts: '2025-08-24T01:02:03.456Z',
    updated_at: `2025-08-2${4 + version}T00:00:00.000Z`,
  };
}

export function contractOrder(index: number, lines = 2): OrderRecord {
  return {
    order_id: `o${index}`,
    user_id: `u${index}`,
    session_id: `s${index}`,
    order_ts: '2025-08-25T10:00:00.001Z',
    status: 'paid',
    payment_method: 'card',
    currency: 'USD',
    subtotal: 59.97 * lines,
    discount: 0.1,
    shipping: 4.99,
    total: 59.97 * lines - 0.1 + 4.99,
    coupon_code: index % 2 === 0 ? null : 'SAVE10',
    shipping_country: 'DE',
    lines: Array.from({ length: lines }, (_, line) => ({
      line_no: line + 1,
      product_id: `p${line}`,
      quantity: 3,
      unit_price: 19.99,
      line_total: 59.97,
    })),
  };
}

export async function* batches<T>(items: T[], size: number): AsyncGenerator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** What the produce stage needs of the shop's database: PostgreSQL on the services tier, DuckDB embedded. */
export function operationalDatabaseContract(
  name: string,
  makeHarness: () => Promise<OperationalDatabaseHarness>,
): void {
  describe(`OperationalDatabase contract: ${name}`, () => {
    let harness: OperationalDatabaseHarness;
    const opened: OperationalDatabase[] = [];
    const open = async (label: string) => {
      const database = await harness.open(label);
      opened.push(database);
      return database;
    };
    const rowsOf = async (database: OperationalDatabase) =>
      Object.fromEntries((await database.tables()).tables.map(({ table, rows }) => [table, rows]));

    beforeEach(async () => {
      harness = await makeHarness();
    });
    afterEach(async () => {
      for (const database of opened.splice(0)) await database.close();
      await harness.cleanup();
    });

    it('counts the rows it inserted per table, skipping exact duplicates, and says where they are', async () => {
      const database = await open('counts');
      const counts = await database.replaceRun({
        users: batches([contractUser(0), contractUser(0, 2), contractUser(1), contractUser(0)], 2),
        orders: batches([contractOrder(0), contractOrder(1, 1), contractOrder(0)], 10),
      });
      expect(counts).toEqual({ users: 3, orders: 2, orderLines: 3 });
      const tables = await database.tables();
      expect(tables.location).toMatch(/schema pipeline_lab_oltp$/);
      expect(await rowsOf(database)).toEqual({
        'pipeline_lab_oltp.users': 3,
        'pipeline_lab_oltp.orders': 2,
        'pipeline_lab_oltp.order_lines': 3,
      });
    });

    it('a run with nothing written yet has no rows', async () => {
      const database = await open('empty');
      expect(Object.values(await rowsOf(database))).toEqual([0, 0, 0]);
    });

    it('a re-run replaces the run’s rows, and a smaller one drops what it no longer has', async () => {
      const database = await open('rerun');
      const users = Array.from({ length: 50 }, (_, index) => contractUser(index));
      const orders = Array.from({ length: 20 }, (_, index) => contractOrder(index));
      const first = await database.replaceRun({ users: batches(users, 7), orders: batches(orders, 7) });
      const again = await database.replaceRun({ users: batches(users, 7), orders: batches(orders, 7) });
      expect(again).toEqual(first);
      expect(Object.values(await rowsOf(database))).toEqual([50, 20, 40]);
      await database.replaceRun({
        users: batches(users.slice(0, 5), 7),
        orders: batches(orders.slice(0, 2), 7),
      });
      expect(Object.values(await rowsOf(database))).toEqual([5, 2, 4]);
      // Reopened (a later process): the rows are still there.
      expect(Object.values(await rowsOf(await open('rerun')))).toEqual([5, 2, 4]);
    });

    it('a write that fails half-way keeps the previous rows, and the next write succeeds', async () => {
      const database = await open('rollback');
      await database.replaceRun({
        users: batches([contractUser(1), contractUser(2)], 10),
        orders: batches([contractOrder(1)], 10),
      });
      async function* failing(): AsyncGenerator<OrderRecord[]> {
        yield [contractOrder(3), contractOrder(4)];
        throw new Error('the generated file went away');
      }
      await expect(
        database.replaceRun({ users: batches([contractUser(3)], 10), orders: failing() }),
      ).rejects.toThrow('the generated file went away');
      expect(Object.values(await rowsOf(database))).toEqual([2, 1, 2]);
      await expect(
        database.replaceRun({ users: batches([contractUser(5)], 10), orders: batches([], 10) }),
      ).resolves.toEqual({ users: 1, orders: 0, orderLines: 0 });
    });

    it('refuses a row its schema forbids (a negative total) and keeps the previous rows', async () => {
      const database = await open('check');
      await database.replaceRun({ users: batches([contractUser(1)], 10), orders: batches([], 10) });
      await expect(
        database.replaceRun({
          users: batches([], 10),
          orders: batches([{ ...contractOrder(1), total: -1 }], 10),
        }),
      ).rejects.toThrow(/total|check/i);
      expect(Object.values(await rowsOf(database))).toEqual([1, 0, 0]);
    });
  });
}
