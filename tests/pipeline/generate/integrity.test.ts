import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import {
  eventRecordSchema,
  orderRecordSchema,
  productRecordSchema,
  userRecordSchema,
} from '@/pipeline/contracts/records';
import type { GenerateSummary } from '@/pipeline/stages/generate/generate-dataset';
import { generate, readRecords, tempDir, windowStartMs, type Json } from './helpers';

const days = 14;
const windowEndMs = windowStartMs + days * 86_400_000;
let dir = '';
let summary: GenerateSummary;
let users: Json[];
let products: Json[];
let events: Json[];
let orders: Json[];
const cents = (value: unknown) => Math.round(Number(value) * 100);

beforeAll(async () => {
  dir = tempDir('integrity');
  summary = await generate(dir, { events: 50_000, faults: 'none', seed: 21, days });
  users = readRecords(dir, 'users');
  products = readRecords(dir, 'products');
  events = readRecords(dir, 'events');
  orders = readRecords(dir, 'orders');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('clean data (profile none)', () => {
  it('matches the record contracts of schema version 1', () => {
    for (const user of users) userRecordSchema.parse(user);
    for (const product of products) productRecordSchema.parse(product);
    for (const event of events) eventRecordSchema.parse(event);
    for (const order of orders) orderRecordSchema.parse(order);
    expect(events).toHaveLength(50_000);
    expect(summary.clean).toEqual({
      users: users.length,
      products: products.length,
      events: 50_000,
      orders: orders.length,
    });
  });

  it('has unique ids across the whole dataset', () => {
    const ids = [
      ...new Set(users.map((user) => user.user_id as string)),
      ...products.map((product) => product.product_id as string),
      ...events.map((event) => event.event_id as string),
      ...orders.map((order) => order.order_id as string),
      ...new Set(events.map((event) => event.session_id as string)),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(users.map((user) => `${user.user_id}#${user.version}`)).size).toBe(users.length);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('references only users and products that exist, and users only after they signed up', () => {
    const signup = new Map(
      users
        .filter((user) => user.version === 1)
        .map((user) => [user.user_id as string, Date.parse(user.signup_ts as string)]),
    );
    const productIds = new Set(
      products.filter((product) => product.is_active).map((product) => product.product_id as string),
    );
    for (const event of events) {
      expect(signup.has(event.user_id as string)).toBe(true);
      expect(Date.parse(event.event_ts as string)).toBeGreaterThanOrEqual(
        signup.get(event.user_id as string)!,
      );
      if (event.product_id !== null) expect(productIds.has(event.product_id as string)).toBe(true);
    }
    for (const order of orders) {
      expect(signup.has(order.user_id as string)).toBe(true);
      for (const line of order.lines as Json[]) expect(productIds.has(line.product_id as string)).toBe(true);
    }
  });

  it('keeps events in event-time order inside the window, each session with one user', () => {
    let previous = 0;
    const sessionUser = new Map<string, string>();
    for (const event of events) {
      const time = Date.parse(event.event_ts as string);
      expect(time).toBeGreaterThanOrEqual(previous);
      expect(time).toBeGreaterThanOrEqual(windowStartMs);
      expect(time).toBeLessThan(windowEndMs);
      const ingestDelay = Date.parse(event.ingested_at as string) - time;
      expect(ingestDelay).toBeGreaterThanOrEqual(0);
      expect(ingestDelay).toBeLessThanOrEqual(5000);
      previous = time;
      const owner = sessionUser.get(event.session_id as string);
      if (owner !== undefined) expect(event.user_id).toBe(owner);
      sessionUser.set(event.session_id as string, event.user_id as string);
    }
  });

  it('reconciles order money in cents: lines, subtotal, discount, shipping, total', () => {
    expect(orders.length).toBeGreaterThan(100);
    for (const order of orders) {
      let subtotal = 0;
      for (const line of order.lines as Json[]) {
        expect(cents(line.line_total)).toBe(cents(line.unit_price) * (line.quantity as number));
        subtotal += cents(line.line_total);
      }
      expect(cents(order.subtotal)).toBe(subtotal);
      expect(cents(order.total)).toBe(subtotal - cents(order.discount) + cents(order.shipping));
      expect(cents(order.total)).toBeGreaterThan(0);
    }
  });

  it('has exactly one purchase event per order line, with the same product and quantity, in the same session', () => {
    const purchases = new Map<string, Json[]>();
    for (const event of events) {
      if (event.event_type !== 'purchase') {
        expect(event.order_id).toBeNull();
        continue;
      }
      const list = purchases.get(event.order_id as string) ?? [];
      list.push(event);
      purchases.set(event.order_id as string, list);
    }
    expect(purchases.size).toBe(orders.length);
    for (const order of orders) {
      const lines = order.lines as Json[];
      const bought = purchases.get(order.order_id as string) ?? [];
      expect(bought.map((event) => [event.product_id, event.quantity])).toEqual(
        lines.map((line) => [line.product_id, line.quantity]),
      );
      for (const event of bought) {
        expect(event.session_id).toBe(order.session_id);
        expect(event.user_id).toBe(order.user_id);
      }
      expect(bought[0]?.event_ts).toBe(order.order_ts);
    }
  });

  it('takes sold units out of stock and never sells what is not there', () => {
    const sold = new Map<string, number>();
    for (const order of orders) {
      for (const line of order.lines as Json[])
        sold.set(
          line.product_id as string,
          (sold.get(line.product_id as string) ?? 0) + (line.quantity as number),
        );
    }
    expect(sold.size).toBeGreaterThan(20);
    for (const product of products) {
      const id = product.product_id as string;
      expect(product.stock_qty).toBe(summary.inventory.initial[id]! - (sold.get(id) ?? 0));
      expect(product.stock_qty).toBeGreaterThanOrEqual(0);
    }
  });

  it('keeps a history of user versions (SCD2): numbered 1..n in updated_at order, with real changes', () => {
    const byUser = new Map<string, Json[]>();
    let previous = Number.NEGATIVE_INFINITY;
    for (const user of users) {
      const time = Date.parse(user.updated_at as string);
      expect(time).toBeGreaterThanOrEqual(previous);
      previous = time;
      const list = byUser.get(user.user_id as string) ?? [];
      list.push(user);
      byUser.set(user.user_id as string, list);
    }
    let changed = 0;
    for (const versions of byUser.values()) {
      expect(versions.map((user) => user.version)).toEqual(versions.map((_, index) => index + 1));
      expect(versions[0]!.updated_at).toBe(versions[0]!.signup_ts);
      for (let index = 1; index < versions.length; index++) {
        const before = versions[index - 1]!;
        const after = versions[index]!;
        const differs = ['loyalty_tier', 'city', 'marketing_opt_in'].some(
          (field) => before[field] !== after[field],
        );
        expect(differs).toBe(true);
        expect(after.signup_ts).toBe(before.signup_ts);
        expect(after.country).toBe(before.country);
        changed++;
      }
    }
    expect(changed).toBeGreaterThan(50);
  });
});
