import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../pipeline/core/clock';
import { EmbeddedEventLog } from '../../../pipeline/services/embedded/event-log/embedded-event-log';
import { mergeServingView } from '../../../pipeline/stages/speed-layer/serving-view';
import { runSpeedLayer } from '../../../pipeline/stages/speed-layer/speed-layer';
import { fileSpeedStore } from '../../../pipeline/stages/speed-layer/speed-store';
import { MinuteWindows } from '../../../pipeline/stages/speed-layer/windows';

const minute = 60_000;
const t0 = Date.parse('2025-08-24T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('minute windows with a watermark', () => {
  it('counts by event time, closes windows behind the watermark and counts late records without adding them', () => {
    const windows = new MinuteWindows(2 * minute);
    windows.addEvent(t0 + 5_000, 'page_view', 's1');
    windows.addEvent(t0 + 50_000, 'purchase', 's2');
    windows.addEvent(t0 + 10 * minute, 'page_view', 's1'); // watermark → t0 + 8 min: the 10:00 window closes
    windows.addEvent(t0 + 30_000, 'page_view', 's3'); // late for the closed 10:00 window
    windows.addEvent(Number.NaN, 'page_view', 's4');
    const snapshot = windows.snapshot();
    const first = snapshot.windows.find((window) => window.start === t0)!;
    expect(first).toMatchObject({ closed: true, events: { page_view: 1, purchase: 1 }, activeSessions: 2, late: 1 });
    expect(snapshot.lateTotal).toBe(1);
    expect(snapshot.unreadable).toBe(1);
    expect(snapshot.watermark).toBe(t0 + 8 * minute);
    expect(snapshot.windows.find((window) => window.start === t0 + 10 * minute)!.closed).toBe(false);
  });

  it('accepts out-of-order records that are still within the allowed lateness', () => {
    const windows = new MinuteWindows(5 * minute);
    windows.addEvent(t0 + 3 * minute, 'search', 'a');
    windows.addEvent(t0 + 30_000, 'search', 'b');
    expect(windows.snapshot().lateTotal).toBe(0);
    expect(windows.snapshot().windows[0]!.events.search).toBe(1);
  });
});

describe('the speed-layer consumer group', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'speed-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function seededLog() {
    const log = new EmbeddedEventLog({ root: join(root, 'log'), clock: fixedClock(t0) });
    await log.createTopic({ name: 'events', partitions: 3 });
    await log.createTopic({ name: 'orders', partitions: 3 });
    const events = Array.from({ length: 3_000 }, (_, index) => ({
      key: `u${index % 50}`,
      value: JSON.stringify({ event_id: `e${index}`, event_type: index % 3 === 0 ? 'search' : 'page_view', event_ts: iso(t0 + index * 1_000), session_id: `s${index % 40}` }),
    }));
    await log.produce('events', events);
    await log.produce(
      'orders',
      Array.from({ length: 30 }, (_, index) => ({ key: `u${index}`, value: JSON.stringify({ order_id: `o${index}`, order_ts: iso(t0 + index * 90_000), total: 19.99 }) })),
    );
    return log;
  }

  it('matches an independent count and survives a restart from its snapshot without double counting', async () => {
    const log = await seededLog();
    const store = fileSpeedStore(join(root, 'speed', 'snapshot.json'));
    // First run: dies right after its first snapshot is saved and before the offsets are committed, the
    // worst moment for double counting.
    let saves = 0;
    const crashing = {
      load: () => store.load(),
      reset: () => store.reset(),
      save: async (snapshot: Parameters<typeof store.save>[0]) => {
        await store.save(snapshot);
        if (++saves === 1) throw new Error('simulated crash between snapshot and commit');
      },
    };
    // A replay reads whole partitions at a time, so allow an hour of lateness: this test is about restarts;
    // the late rule has its own test above.
    const crashed = await runSpeedLayer({ log, store: crashing, signal: new AbortController().signal, isProducerDone: () => true, checkpointEvery: 500, allowedLatenessMs: 3_600_000 }).catch(
      (error: unknown) => error,
    );
    expect(String(crashed)).toContain('simulated crash');
    expect((await store.load())!.offsets.length).toBeGreaterThan(0);
    const final = await runSpeedLayer({ log, store, signal: new AbortController().signal, isProducerDone: () => true, checkpointEvery: 500 });
    expect(final.lateTotal).toBe(0);
    const totalEvents = final.windows.reduce((sum, window) => sum + Object.values(window.events).reduce((a, b) => a + b, 0), 0);
    expect(totalEvents).toBe(3_000);
    expect(final.windows.reduce((sum, window) => sum + (window.events.search ?? 0), 0)).toBe(1_000);
    expect(final.windows.reduce((sum, window) => sum + window.orders, 0)).toBe(30);
    expect(final.windows.reduce((sum, window) => sum + window.revenueCents, 0)).toBe(30 * 1999);
    expect(final.windows.every((window) => window.closed)).toBe(true);
    expect((await log.lag('speed-layer', 'events')).every((partition) => partition.lag === 0)).toBe(true);
    await log.close();
  });
});

describe('the serving view', () => {
  it('takes batch figures up to the batch high-water mark and speed figures after it', () => {
    const speed = new MinuteWindows(minute);
    speed.addOrder(Date.parse('2025-08-24T23:59:00.000Z'), 1_000);
    speed.addOrder(Date.parse('2025-08-25T08:00:00.000Z'), 2_500);
    speed.addOrder(Date.parse('2025-08-25T09:00:00.000Z'), 500);
    speed.closeAll();
    const merged = mergeServingView([{ date: '2025-08-24', orders: 7, revenueCents: 9_999 }], speed.snapshot());
    expect(merged).toEqual([
      { date: '2025-08-24', orders: 7, revenueCents: 9_999, source: 'batch' },
      { date: '2025-08-25', orders: 2, revenueCents: 3_000, source: 'speed' },
    ]);
  });
});
