import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord, OrderRecord } from '@/pipeline/contracts/records';
import type { RunStore } from '@/pipeline/contracts/services';
import { config, openTestRunStore, queryFile, runInDir, tempDir } from './helpers';

/**
 * The marts recomputed in plain TypeScript from the generator's files (a clean run, so every record is accepted),
 * money in integer cents, and compared with what the SQL wrote into warehouse.duckdb.
 */
const runDir = tempDir('marts');
let runs: RunStore;
let events: EventRecord[];
let orders: OrderRecord[];
const cents = (value: number) => Math.round(value * 100);
const read = <T>(entity: string): T[] =>
  readFileSync(join(runDir, 'generated', `${entity}.ndjson`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
const query = <T = Record<string, unknown>>(sql: string) =>
  queryFile<T>(join(runDir, 'warehouse.duckdb'), sql);
const kept = (order: OrderRecord) => order.status !== 'cancelled' && order.status !== 'returned';

beforeAll(async () => {
  runs = await openTestRunStore();
  const manifest = await runInDir(runDir, runs, config({ events: 6000, faults: 'none', seed: 11 }));
  expect(manifest.status).toBe('succeeded');
  events = read<EventRecord>('events');
  orders = read<OrderRecord>('orders');
}, 120_000);
afterAll(async () => {
  await runs.close();
});

describe('marts against an independent calculation', () => {
  it('mart_daily_revenue: orders, revenue, units, customers and average order value per day', async () => {
    const expected = new Map<
      string,
      { orders: number; revenue: number; units: number; customers: Set<string>; revenueOrders: number }
    >();
    for (const order of orders) {
      const day = order.order_ts.slice(0, 10);
      const entry = expected.get(day) ?? {
        orders: 0,
        revenue: 0,
        units: 0,
        customers: new Set<string>(),
        revenueOrders: 0,
      };
      if (order.status !== 'cancelled') {
        entry.orders++;
        entry.customers.add(order.user_id);
      }
      if (kept(order)) {
        entry.revenue += cents(order.total);
        entry.revenueOrders++;
        entry.units += order.lines.reduce((sum, line) => sum + line.quantity, 0);
      }
      expected.set(day, entry);
    }
    const rows = await query<{
      date: string;
      orders: bigint;
      revenue: string;
      units: bigint;
      customers: bigint;
      avg_order_value: string;
    }>(
      `SELECT strftime(date, '%Y-%m-%d') AS date, orders, revenue::VARCHAR AS revenue, units, customers, avg_order_value::VARCHAR AS avg_order_value FROM mart_daily_revenue`,
    );
    expect(rows.length).toBe(14);
    for (const row of rows) {
      const entry = expected.get(row.date);
      expect([
        row.date,
        Number(row.orders),
        cents(Number(row.revenue)),
        Number(row.units),
        Number(row.customers),
      ]).toEqual([
        row.date,
        entry?.orders ?? 0,
        entry?.revenue ?? 0,
        entry?.units ?? 0,
        entry?.customers.size ?? 0,
      ]);
      const average = entry && entry.revenueOrders > 0 ? entry.revenue / entry.revenueOrders : 0;
      expect(Math.abs(cents(Number(row.avg_order_value)) - average)).toBeLessThanOrEqual(0.5);
    }
    expect(rows.reduce((sum, row) => sum + cents(Number(row.revenue)), 0)).toBe(
      orders.filter(kept).reduce((sum, order) => sum + cents(order.total), 0),
    );
  });

  it('mart_funnel and mart_cart_abandonment: sessions per step and carts left without a purchase', async () => {
    const sessions = new Map<string, { first: string; viewed: boolean; carted: boolean; bought: boolean }>();
    for (const event of events) {
      const session = sessions.get(event.session_id) ?? {
        first: event.event_ts,
        viewed: false,
        carted: false,
        bought: false,
      };
      if (event.event_ts < session.first) session.first = event.event_ts;
      session.viewed ||= event.event_type === 'product_view';
      session.carted ||= event.event_type === 'add_to_cart';
      session.bought ||= event.event_type === 'purchase';
      sessions.set(event.session_id, session);
    }
    const perDay = new Map<string, number[]>();
    for (const session of sessions.values()) {
      const counts = perDay.get(session.first.slice(0, 10)) ?? [0, 0, 0, 0];
      if (session.viewed) counts[0]!++;
      if (session.carted) counts[1]!++;
      if (session.bought) counts[2]!++;
      if (session.carted && !session.bought) counts[3]!++;
      perDay.set(session.first.slice(0, 10), counts);
    }
    const funnel = await query<{
      date: string;
      step_order: number;
      sessions: bigint;
      conversion_from_previous: number;
    }>(
      `SELECT strftime(date, '%Y-%m-%d') AS date, step_order, sessions, conversion_from_previous FROM mart_funnel ORDER BY date, step_order`,
    );
    for (const row of funnel) {
      const counts = perDay.get(row.date)!;
      expect([row.date, row.step_order, Number(row.sessions)]).toEqual([
        row.date,
        row.step_order,
        counts[row.step_order - 1],
      ]);
      const previous = row.step_order === 1 ? null : counts[row.step_order - 2]!;
      expect(row.conversion_from_previous).toBeCloseTo(
        previous === null ? 1 : previous === 0 ? 0 : counts[row.step_order - 1]! / previous,
        12,
      );
    }
    const abandonment = await query<{ date: string; carts: bigint; abandoned: bigint }>(
      `SELECT strftime(date, '%Y-%m-%d') AS date, carts, abandoned FROM mart_cart_abandonment`,
    );
    expect(abandonment.length).toBe(perDay.size);
    for (const row of abandonment)
      expect([row.date, Number(row.carts), Number(row.abandoned)]).toEqual([
        row.date,
        perDay.get(row.date)![1],
        perDay.get(row.date)![3],
      ]);
  });

  it('mart_top_products: units, revenue and rank of every product sold', async () => {
    const sold = new Map<string, { units: number; revenue: number }>();
    for (const order of orders.filter(kept)) {
      for (const line of order.lines) {
        const entry = sold.get(line.product_id) ?? { units: 0, revenue: 0 };
        entry.units += line.quantity;
        entry.revenue += cents(line.line_total);
        sold.set(line.product_id, entry);
      }
    }
    const ranked = [...sold].sort(([a, x], [b, y]) => y.revenue - x.revenue || (a < b ? -1 : 1));
    const rows = await query<{ product_id: string; units: bigint; revenue: string; rank: number }>(
      'SELECT product_id, units, revenue::VARCHAR AS revenue, rank FROM mart_top_products ORDER BY rank',
    );
    expect(
      rows.map((row) => [row.product_id, Number(row.units), cents(Number(row.revenue)), row.rank]),
    ).toEqual(ranked.map(([id, entry], index) => [id, entry.units, entry.revenue, index + 1]));
  });

  it('mart_cohort_retention: share of each first-week cohort active in later weeks', async () => {
    const monday = (iso: string) => {
      const day = new Date(`${iso.slice(0, 10)}T00:00:00.000Z`);
      day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
      return day.toISOString().slice(0, 10);
    };
    const weeks = new Map<string, Set<string>>();
    for (const event of events)
      weeks.set(event.user_id, (weeks.get(event.user_id) ?? new Set()).add(monday(event.event_ts)));
    const expected = new Map<string, number>();
    const sizes = new Map<string, number>();
    for (const active of weeks.values()) {
      const cohort = [...active].sort()[0]!;
      sizes.set(cohort, (sizes.get(cohort) ?? 0) + 1);
      for (const week of active) {
        const offset = Math.round((Date.parse(week) - Date.parse(cohort)) / (7 * 86_400_000));
        expected.set(`${cohort} ${offset}`, (expected.get(`${cohort} ${offset}`) ?? 0) + 1);
      }
    }
    const rows = await query<{
      cohort_week: string;
      week_offset: number;
      cohort_size: bigint;
      active_users: bigint;
      retention: number;
    }>(
      `SELECT strftime(cohort_week, '%Y-%m-%d') AS cohort_week, week_offset, cohort_size, active_users, retention FROM mart_cohort_retention`,
    );
    expect(rows.length).toBe(expected.size);
    for (const row of rows) {
      const active = expected.get(`${row.cohort_week} ${row.week_offset}`);
      expect([row.cohort_week, row.week_offset, Number(row.cohort_size), Number(row.active_users)]).toEqual([
        row.cohort_week,
        row.week_offset,
        sizes.get(row.cohort_week),
        active,
      ]);
      expect(row.retention).toBeCloseTo(active! / sizes.get(row.cohort_week)!, 12);
    }
  });
});
