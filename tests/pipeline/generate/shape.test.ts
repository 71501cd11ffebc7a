import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { generate, readRecords, tempDir, type Json } from './helpers';

/**
 * The statistical shape of clean data, with the bounds the generator promises (documented in ARCHITECTURE.md):
 * session conversion 1.5–8 %, add-to-cart per product view 3–12 %, carts bought 15–60 %, the top 10 % of
 * products taking over 40 % of product views, evenings busier than nights, weekends busier than weekdays.
 */
let dir = '';
let events: Json[];
let users: Json[];

beforeAll(async () => {
  dir = tempDir('shape');
  await generate(dir, { events: 50_000, faults: 'none', seed: 99, days: 14 });
  events = readRecords(dir, 'events');
  users = readRecords(dir, 'users');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function count(type: string): number {
  return events.filter((event) => event.event_type === type).length;
}

function sessionsWith(type: string): Set<string> {
  return new Set(
    events.filter((event) => event.event_type === type).map((event) => event.session_id as string),
  );
}

describe('statistical shape', () => {
  it('walks a funnel with plausible conversion rates', () => {
    const sessions = new Set(events.map((event) => event.session_id as string)).size;
    const conversion = sessionsWith('purchase').size / sessions;
    const viewToCart = count('add_to_cart') / count('product_view');
    const cartToPurchase = sessionsWith('purchase').size / sessionsWith('add_to_cart').size;
    expect(conversion).toBeGreaterThan(0.015);
    expect(conversion).toBeLessThan(0.08);
    expect(viewToCart).toBeGreaterThan(0.03);
    expect(viewToCart).toBeLessThan(0.12);
    expect(cartToPurchase).toBeGreaterThan(0.15);
    expect(cartToPurchase).toBeLessThan(0.6);
    for (const type of ['page_view', 'product_view', 'add_to_cart', 'purchase', 'search', 'wishlist_add'])
      expect(count(type)).toBeGreaterThan(100);
  });

  it('skews product popularity (Zipf-like)', () => {
    const views = new Map<string, number>();
    for (const event of events) {
      if (event.event_type === 'product_view')
        views.set(event.product_id as string, (views.get(event.product_id as string) ?? 0) + 1);
    }
    const ranked = [...views.values()].sort((left, right) => right - left);
    const total = ranked.reduce((sum, value) => sum + value, 0);
    const top = ranked.slice(0, Math.ceil(ranked.length / 10)).reduce((sum, value) => sum + value, 0);
    expect(top / total).toBeGreaterThan(0.4);
    expect(ranked[0]!).toBeGreaterThan(10 * ranked[Math.floor(ranked.length / 2)]!);
  });

  it('follows daily and weekly seasonality', () => {
    const byHour = new Array<number>(24).fill(0);
    const byDay = new Map<string, number>();
    for (const event of events) {
      const time = event.event_ts as string;
      byHour[Number(time.slice(11, 13))]!++;
      byDay.set(time.slice(0, 10), (byDay.get(time.slice(0, 10)) ?? 0) + 1);
    }
    const evening = byHour[18]! + byHour[19]! + byHour[20]! + byHour[21]!;
    const night = byHour[2]! + byHour[3]! + byHour[4]! + byHour[5]!;
    expect(evening / night).toBeGreaterThan(4);
    let weekend = 0;
    let weekendDays = 0;
    let weekday = 0;
    let weekdays = 0;
    for (const [day, total] of byDay) {
      const dayOfWeek = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (dayOfWeek === 0 || dayOfWeek === 6) {
        weekend += total;
        weekendDays++;
      } else {
        weekday += total;
        weekdays++;
      }
    }
    expect(weekend / weekendDays / (weekday / weekdays)).toBeGreaterThan(1.05);
  });

  it('gives segments different behaviour', () => {
    const segmentOf = new Map(users.map((user) => [user.user_id as string, user.segment as string]));
    const sessions = new Map<string, { segment: string; bought: boolean }>();
    for (const event of events) {
      const session = sessions.get(event.session_id as string) ?? {
        segment: segmentOf.get(event.user_id as string)!,
        bought: false,
      };
      if (event.event_type === 'purchase') session.bought = true;
      sessions.set(event.session_id as string, session);
    }
    const rate = (segment: string) => {
      const list = [...sessions.values()].filter((session) => session.segment === segment);
      return list.filter((session) => session.bought).length / list.length;
    };
    expect(rate('loyal')).toBeGreaterThan(2 * rate('window_shopper'));
    expect(rate('big_spender')).toBeGreaterThan(rate('bargain_hunter'));
  });
});
