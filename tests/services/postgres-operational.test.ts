import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OrderRecord } from '../../pipeline/contracts/records';
import type { OperationalDatabase } from '../../pipeline/contracts/services';
import { openPostgresOperationalDb } from '../../pipeline/services/postgres/postgres-operational-db';
import {
  batches,
  contractOrder,
  contractUser,
  operationalDatabaseContract,
} from '../contracts/operational-database-contract';

const runIds: string[] = [];
let counter = 0;
const newRunId = (label: string) => {
  const runId = `oltp-test-${process.pid}-${Date.now()}-${++counter}-${label}`;
  runIds.push(runId);
  return runId;
};

const user = contractUser;
const order = contractOrder;

describe('PostgreSQL as the operational database (real server)', () => {
  let sql: Client;
  let database: OperationalDatabase;
  const count = async (table: string, runId: string) =>
    Number(
      (await sql.query(`SELECT count(*) AS n FROM pipeline_lab_oltp.${table} WHERE run_id = $1`, [runId]))
        .rows[0].n,
    );

  beforeAll(async () => {
    sql = new Client({ connectionString: inject('databaseUrl') });
    await sql.connect();
  });
  afterAll(async () => {
    await database?.close();
    await sql.query('DELETE FROM pipeline_lab_oltp.orders WHERE run_id = ANY($1)', [runIds]);
    await sql.query('DELETE FROM pipeline_lab_oltp.users WHERE run_id = ANY($1)', [runIds]);
    await sql.end();
  });

  it('writes profiles, orders and lines with exact money, arrays and timestamps, skipping exact duplicates', async () => {
    const runId = newRunId('values');
    database = await openPostgresOperationalDb(inject('databaseUrl'), runId);
    const users = [user(0), user(0, 2), user(1), user(0)]; // the last one is an exact duplicate
    const orders = [order(0), order(1, 1), order(0)];
    const counts = await database.replaceRun({ users: batches(users, 2), orders: batches(orders, 10) });
    expect(counts).toEqual({ users: 3, orders: 2, orderLines: 3 });
    const stored = await sql.query(
      `SELECT user_id, version, first_name, last_name, city, preferred_categories, marketing_opt_in, signup_ts
       FROM pipeline_lab_oltp.users WHERE run_id = $1 ORDER BY user_id, version`,
      [runId],
    );
    expect(stored.rows.map((row) => [row.user_id, row.version])).toEqual([
      ['u0', 1],
      ['u0', 2],
      ['u1', 1],
    ]);
    expect(stored.rows[0]).toMatchObject({
      first_name: 'Zoë',
      last_name: "O'Brien",
      city: 'Köln',
      preferred_categories: ['books', 'garden, outdoor', 'say "hi" {x}', 'back\\slash', 'NULL'],
      marketing_opt_in: true,
    });
    expect((stored.rows[0].signup_ts as Date).toISOString()).toBe('2025-08-24T01:02:03.456Z');
    // NUMERIC comes back as a string: the float 59.97 * 2 - 0.1 + 4.99 was stored as its cents, not as binary noise.
    const money = await sql.query(
      `SELECT order_id, subtotal, total, coupon_code FROM pipeline_lab_oltp.orders WHERE run_id = $1 ORDER BY order_id`,
      [runId],
    );
    expect(money.rows).toEqual([
      { order_id: 'o0', subtotal: '119.94', total: '124.83', coupon_code: null },
      { order_id: 'o1', subtotal: '59.97', total: '64.86', coupon_code: 'SAVE10' },
    ]);
    const lines = await sql.query(
      `SELECT sum(line_total)::text AS total, sum(quantity)::int AS units FROM pipeline_lab_oltp.order_lines WHERE run_id = $1`,
      [runId],
    );
    expect(lines.rows[0]).toEqual({ total: '179.91', units: 9 });
  });

  it('a re-run replaces the run’s rows instead of adding to them, and leaves other runs alone', async () => {
    const runId = newRunId('rerun');
    const otherRunId = newRunId('other');
    const other = await openPostgresOperationalDb(inject('databaseUrl'), otherRunId);
    await other.replaceRun({ users: batches([user(7)], 10), orders: batches([order(7)], 10) });
    database = await openPostgresOperationalDb(inject('databaseUrl'), runId);
    const all = {
      users: Array.from({ length: 50 }, (_, index) => user(index)),
      orders: Array.from({ length: 20 }, (_, index) => order(index)),
    };
    const first = await database.replaceRun({ users: batches(all.users, 7), orders: batches(all.orders, 7) });
    const again = await database.replaceRun({ users: batches(all.users, 7), orders: batches(all.orders, 7) });
    expect(again).toEqual(first);
    expect([
      await count('users', runId),
      await count('orders', runId),
      await count('order_lines', runId),
    ]).toEqual([50, 20, 40]);
    // A smaller re-run: what it no longer has is gone, order lines included (ON DELETE CASCADE).
    await database.replaceRun({
      users: batches(all.users.slice(0, 5), 7),
      orders: batches(all.orders.slice(0, 2), 7),
    });
    expect([
      await count('users', runId),
      await count('orders', runId),
      await count('order_lines', runId),
    ]).toEqual([5, 2, 4]);
    expect([
      await count('users', otherRunId),
      await count('orders', otherRunId),
      await count('order_lines', otherRunId),
    ]).toEqual([1, 1, 2]);
    await other.close();
  });

  it('a write that fails half-way rolls back and keeps the previous rows of the run', async () => {
    const runId = newRunId('rollback');
    database = await openPostgresOperationalDb(inject('databaseUrl'), runId);
    await database.replaceRun({ users: batches([user(1), user(2)], 10), orders: batches([order(1)], 10) });
    async function* failing(): AsyncGenerator<OrderRecord[]> {
      yield [order(3), order(4)];
      throw new Error('the generated file went away');
    }
    await expect(database.replaceRun({ users: batches([user(3)], 10), orders: failing() })).rejects.toThrow(
      'the generated file went away',
    );
    const orders = await sql.query('SELECT order_id FROM pipeline_lab_oltp.orders WHERE run_id = $1', [
      runId,
    ]);
    expect(orders.rows).toEqual([{ order_id: 'o1' }]);
    expect(await count('users', runId)).toBe(2);
    // The pool is still usable after the rollback.
    await expect(
      database.replaceRun({ users: batches([user(5)], 10), orders: batches([], 10) }),
    ).resolves.toEqual({ users: 1, orders: 0, orderLines: 0 });
  });

  it('writes a 1M-event run’s volume (30k profiles, 10k orders, 30k lines) in batches', async () => {
    const runId = newRunId('volume');
    database = await openPostgresOperationalDb(inject('databaseUrl'), runId);
    const users = Array.from({ length: 30_000 }, (_, index) => user(index));
    const orders = Array.from({ length: 10_000 }, (_, index) => order(index, 3));
    const started = performance.now();
    const counts = await database.replaceRun({
      users: batches(users, 10_000),
      orders: batches(orders, 10_000),
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `operational write: ${counts.users + counts.orders + counts.orderLines} rows in ${seconds.toFixed(2)} s`,
    );
    expect(counts).toEqual({ users: 30_000, orders: 10_000, orderLines: 30_000 });
    expect(await count('order_lines', runId)).toBe(30_000);
  });
});

operationalDatabaseContract('PostgreSQL (real server)', async () => {
  const opened: string[] = [];
  const prefix = `oltp-contract-${process.pid}-${Date.now()}-${++counter}`;
  return {
    open: async (label) => {
      opened.push(`${prefix}-${label}`);
      return openPostgresOperationalDb(inject('databaseUrl'), `${prefix}-${label}`);
    },
    cleanup: async () => {
      const sql = new Client({ connectionString: inject('databaseUrl') });
      await sql.connect();
      try {
        // Order lines go with their orders (ON DELETE CASCADE).
        await sql.query('DELETE FROM pipeline_lab_oltp.orders WHERE run_id = ANY($1)', [opened]);
        await sql.query('DELETE FROM pipeline_lab_oltp.users WHERE run_id = ANY($1)', [opened]);
      } finally {
        await sql.end();
      }
    },
  };
});
