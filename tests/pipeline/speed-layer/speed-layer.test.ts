import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../pipeline/core/clock';
import { EmbeddedEventLog } from '../../../pipeline/services/embedded/event-log/embedded-event-log';
import { mergeServingView } from '../../../pipeline/contracts/speed';
import { FileKeyValueStore } from '../../../pipeline/services/embedded/file-key-value-store';
import { threadRunner } from '../../../pipeline/services/threads/thread-runner';
import { runSpeedLayer, speedGroupId, speedTopics } from '../../../pipeline/stages/speed-layer/speed-layer';
import { speedStoreOn } from '../../../pipeline/stages/speed-layer/speed-store';
import { MinuteWindows, type SpeedSnapshot } from '../../../pipeline/stages/speed-layer/windows';

const minute = 60_000;
const speedLayerJob = new URL('../../../pipeline/stages/speed-layer/speed-layer-job.ts', import.meta.url);

/** A fresh directory for each test of the enclosing describe, removed after it. */
function scratchDirectory(prefix: string): () => string {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}
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
    expect(first).toMatchObject({
      closed: true,
      events: { page_view: 1, purchase: 1 },
      activeSessions: 2,
      late: 1,
    });
    expect(snapshot.lateTotal).toBe(1);
    expect(snapshot.unreadable).toBe(1);
    expect(snapshot.watermark).toBe(t0 + 8 * minute);
    expect(snapshot.windows.find((window) => window.start === t0 + 10 * minute)!.closed).toBe(false);
  });

  it('keeps a watermark per partition: a partition read far ahead makes no other partition late', () => {
    // A replay of a finished topic reads one partition to its end, then the next (as both logs hand out batches).
    const windows = new MinuteWindows(2 * minute, ['events/0', 'events/1']);
    for (let m = 0; m < 60; m++) windows.addEvent(t0 + m * minute, 'page_view', `a${m}`, 'events/0');
    expect(windows.watermark).toBe(-Infinity); // events/1 not read from yet: it holds the watermark back
    for (let m = 0; m < 60; m++) windows.addEvent(t0 + m * minute + 30_000, 'search', `b${m}`, 'events/1');
    expect(windows.snapshot().lateTotal).toBe(0);
    expect(windows.watermark).toBe(t0 + 59 * minute - 2 * minute); // the slower partition, events/0, sets it
    // Now both partitions are past 10:57: a record for 10:05 is late, whichever partition it comes from.
    windows.addEvent(t0 + 5 * minute, 'page_view', 'x', 'events/0');
    const snapshot = windows.snapshot();
    expect(snapshot.lateTotal).toBe(1);
    expect(snapshot.windows.find((window) => window.start === t0 + 5 * minute)).toMatchObject({
      closed: true,
      late: 1,
      events: { page_view: 1, search: 1 },
    });
    expect(snapshot.partitionMaxEventTime).toEqual({
      'events/0': t0 + 59 * minute,
      'events/1': t0 + 59 * minute + 30_000,
    });
    // A restart from the snapshot keeps the per-partition maxima, so the watermark comes back unchanged.
    expect(MinuteWindows.restore(snapshot, ['events/0', 'events/1']).watermark).toBe(windows.watermark);
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
  const scratch = scratchDirectory('speed-');

  async function seededLog() {
    const log = new EmbeddedEventLog({ root: join(scratch(), 'log'), clock: fixedClock(t0) });
    await log.createTopic({ name: 'events', partitions: 3 });
    await log.createTopic({ name: 'orders', partitions: 3 });
    const events = Array.from({ length: 3_000 }, (_, index) => ({
      key: `u${index % 50}`,
      value: JSON.stringify({
        event_id: `e${index}`,
        event_type: index % 3 === 0 ? 'search' : 'page_view',
        event_ts: iso(t0 + index * 1_000),
        session_id: `s${index % 40}`,
      }),
    }));
    await log.produce('events', events);
    await log.produce(
      'orders',
      Array.from({ length: 30 }, (_, index) => ({
        key: `u${index}`,
        value: JSON.stringify({ order_id: `o${index}`, order_ts: iso(t0 + index * 90_000), total: 19.99 }),
      })),
    );
    return log;
  }

  it('matches an independent count and survives a restart from its snapshot without double counting', async () => {
    const log = await seededLog();
    const store = speedStoreOn(new FileKeyValueStore(join(scratch(), 'speed')));
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
    const crashed = await runSpeedLayer({
      log,
      store: crashing,
      signal: new AbortController().signal,
      isProducerDone: () => true,
      checkpointEvery: 500,
      allowedLatenessMs: 3_600_000,
    }).catch((error: unknown) => error);
    expect(String(crashed)).toContain('simulated crash');
    expect((await store.load())!.offsets.length).toBeGreaterThan(0);
    const final = await runSpeedLayer({
      log,
      store,
      signal: new AbortController().signal,
      isProducerDone: () => true,
      checkpointEvery: 500,
    });
    expect(final.lateTotal).toBe(0);
    const totalEvents = final.windows.reduce(
      (sum, window) => sum + Object.values(window.events).reduce((a, b) => a + b, 0),
      0,
    );
    expect(totalEvents).toBe(3_000);
    expect(final.windows.reduce((sum, window) => sum + (window.events.search ?? 0), 0)).toBe(1_000);
    expect(final.windows.reduce((sum, window) => sum + window.orders, 0)).toBe(30);
    expect(final.windows.reduce((sum, window) => sum + window.revenueCents, 0)).toBe(30 * 1999);
    expect(final.windows.every((window) => window.closed)).toBe(true);
    expect((await log.lag('speed-layer', 'events')).every((partition) => partition.lag === 0)).toBe(true);
    await log.close();
  });
});

describe('events the speed layer does not believe', () => {
  const scratch = scratchDirectory('speed-future-');

  it('counts an event timed after it was received as unusable: it reaches no window and never moves the watermark', async () => {
    const log = new EmbeddedEventLog({ root: join(scratch(), 'log'), clock: fixedClock(t0) });
    await log.createTopic({ name: 'events', partitions: 1 });
    await log.createTopic({ name: 'orders', partitions: 1 });
    const event = (index: number, eventTs: string, ingestedAt: string) => ({
      key: 'u',
      value: JSON.stringify({
        event_id: `e${index}`,
        event_type: 'page_view',
        event_ts: eventTs,
        ingested_at: ingestedAt,
        session_id: 's',
      }),
    });
    const farFuture = iso(t0 + 30 * 86_400_000);
    await log.produce('events', [
      event(0, iso(t0), iso(t0 + 500)),
      event(1, farFuture, iso(t0 + 60_000)), // a producer clock a month ahead
      event(2, iso(t0 + 30_000), iso(t0 + 90_000)), // within the lateness of the first: on time, and not late
      event(3, iso(t0 + 120_000), iso(t0 + 100_000)), // 20 s ahead of its receipt: clock skew within a minute, believed
    ]);
    await log.produce('orders', [
      { key: 'u', value: JSON.stringify({ order_id: 'o', order_ts: iso(t0 + 10_000), total: 5 }) },
    ]);
    const snapshot = await runSpeedLayer({
      log,
      store: speedStoreOn(new FileKeyValueStore(join(scratch(), 'speed'))),
      signal: new AbortController().signal,
      isProducerDone: () => true,
    });
    expect(snapshot.unreadable).toBe(1);
    expect(snapshot.lateTotal).toBe(0);
    expect(snapshot.windows.map((window) => window.start)).toEqual([t0, t0 + 2 * minute]);
    expect(snapshot.windows.reduce((sum, window) => sum + (window.events.page_view ?? 0), 0)).toBe(3);
    expect(snapshot.partitionMaxEventTime).toEqual({ 'events/0': t0 + 120_000, 'orders/0': t0 + 10_000 });
    await log.close();
  });

  it('leaves an empty partition out of the watermark, so windows still close and late records are still seen', async () => {
    const log = new EmbeddedEventLog({ root: join(scratch(), 'log'), clock: fixedClock(t0) });
    await log.createTopic({ name: 'events', partitions: 1 });
    await log.createTopic({ name: 'orders', partitions: 3 }); // no orders at all: three empty partitions
    const event = (index: number, at: number) => ({
      key: 'u',
      value: JSON.stringify({
        event_id: `e${index}`,
        event_type: 'search',
        event_ts: iso(at),
        ingested_at: iso(at),
        session_id: 's',
      }),
    });
    await log.produce('events', [event(0, t0), event(1, t0 + 30 * minute), event(2, t0 + 60_000)]); // the last is 29 min late
    const snapshot = await runSpeedLayer({
      log,
      store: speedStoreOn(new FileKeyValueStore(join(scratch(), 'speed'))),
      signal: new AbortController().signal,
      isProducerDone: () => true,
    });
    expect(snapshot.partitionMaxEventTime).toEqual({ 'events/0': t0 + 30 * minute });
    expect(snapshot.lateTotal).toBe(1);
    expect(snapshot.windows.find((window) => window.start === t0 + minute)).toMatchObject({
      late: 1,
      closed: true,
    });
    await log.close();
  });
});

describe('the speed layer on its own thread', () => {
  const scratch = scratchDirectory('speed-thread-');

  async function seeded(dir: string) {
    const log = new EmbeddedEventLog({ root: join(scratch(), dir), clock: fixedClock(t0) });
    await log.createTopic({ name: 'events', partitions: 3 });
    await log.createTopic({ name: 'orders', partitions: 2 });
    await log.createTopic({ name: 'dead-letter', partitions: 1 });
    for (let batch = 0; batch < 4; batch++) {
      await log.produce(
        'events',
        Array.from({ length: 2_000 }, (_, index) => ({
          key: `u${index % 70}`,
          value: JSON.stringify({
            event_id: `e${batch}-${index}`,
            event_type: index % 4 === 0 ? 'purchase' : 'page_view',
            event_ts: iso(t0 + (batch * 2_000 + index) * 700),
            session_id: `s${index % 90}`,
          }),
        })),
      );
    }
    await log.produce(
      'orders',
      Array.from({ length: 50 }, (_, index) => ({
        key: `u${index}`,
        value: JSON.stringify({ order_id: `o${index}`, order_ts: iso(t0 + index * 60_000), total: 10.5 }),
      })),
    );
    return log;
  }

  it('gives the same snapshot as the same-thread speed layer, reading the log read-only while it stays open', async () => {
    const here = await seeded('here');
    const sameThread = await runSpeedLayer({
      log: here,
      store: speedStoreOn(new FileKeyValueStore(join(scratch(), 'here-speed'))),
      signal: new AbortController().signal,
      isProducerDone: () => true,
    });
    await here.close();

    const log = await seeded('there');
    const kvDirectory = join(scratch(), 'there-speed');
    const running = threadRunner({ tier: 'embedded', logRoot: log.root, kvDirectory }).run<SpeedSnapshot>({
      job: speedLayerJob,
      input: {},
      topics: speedTopics,
      signal: new AbortController().signal,
    });
    expect(running).not.toBeNull();
    // The writer goes on using the log (the ingest dead-letters while the speed layer reads): nothing conflicts.
    await log.produce('dead-letter', [{ key: 'k', value: 'a dead letter' }]);
    const threaded = await running!;
    expect(threaded).toEqual(sameThread);
    expect(await speedStoreOn(new FileKeyValueStore(kvDirectory)).load()).toEqual(threaded);
    // The thread committed the group's offsets in the shared log directory: this process sees the group caught up.
    const reopened = new EmbeddedEventLog({ root: join(scratch(), 'there'), clock: fixedClock(t0) });
    expect(
      (await reopened.lag(speedGroupId, 'events')).every(
        (partition) => partition.lag === 0 && partition.committedOffset > 0,
      ),
    ).toBe(true);
    await reopened.close();
    await log.close();
  });

  it('is stopped by its signal: the promise rejects as cancelled', async () => {
    const log = await seeded('cancel');
    const control = new AbortController();
    const running = threadRunner({
      tier: 'embedded',
      logRoot: log.root,
      kvDirectory: join(scratch(), 'cancel-speed'),
    }).run<SpeedSnapshot>({ job: speedLayerJob, input: {}, topics: speedTopics, signal: control.signal })!;
    control.abort();
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    await log.close();
  });
});

describe('a read-only reader of the embedded log', () => {
  const scratch = scratchDirectory('read-only-log-');

  it('opens only its topics, refuses to write, and ignores a torn tail instead of cutting it off', async () => {
    const writer = new EmbeddedEventLog({ root: scratch(), clock: fixedClock(t0) });
    await writer.createTopic({ name: 'events', partitions: 1 });
    await writer.createTopic({ name: 'other', partitions: 1 });
    await writer.produce('events', [
      { key: 'k', value: 'one' },
      { key: 'k', value: 'two' },
    ]);
    const segment = join(scratch(), 'events', 'partition-0', '00000000000000000000.log');
    const size = statSync(segment).size;
    appendFileSync(segment, Buffer.from([60, 0, 0, 0, 1, 2])); // a batch the writer is still appending

    const reader = new EmbeddedEventLog({
      root: scratch(),
      clock: fixedClock(t0),
      readOnlyTopics: ['events'],
    });
    expect((await reader.listTopics()).map((topic) => topic.name)).toEqual(['events']);
    expect(statSync(segment).size).toBe(size + 6);
    expect(await reader.offsets('events')).toEqual([{ partition: 0, startOffset: 0, endOffset: 2 }]);
    const consumer = await reader.consumer({ groupId: 'reader', topics: ['events'] });
    expect((await consumer.poll({ maxRecords: 10 })).map((record) => record.value.toString())).toEqual([
      'one',
      'two',
    ]);
    await expect(reader.produce('events', [{ key: 'k', value: 'x' }])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(reader.createTopic({ name: 'new', partitions: 1 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(reader.deleteTopic('events')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await reader.close();
    await writer.close();
  });
});

describe('the serving view', () => {
  it('takes batch figures up to the batch high-water mark and speed figures after it', () => {
    const speed = new MinuteWindows(minute);
    speed.addOrder(Date.parse('2025-08-24T23:59:00.000Z'), 1_000);
    speed.addOrder(Date.parse('2025-08-25T08:00:00.000Z'), 2_500);
    speed.addOrder(Date.parse('2025-08-25T09:00:00.000Z'), 500);
    speed.closeAll();
    const merged = mergeServingView(
      [{ date: '2025-08-24', orders: 7, revenueCents: 9_999 }],
      speed.snapshot(),
    );
    expect(merged).toEqual([
      { date: '2025-08-24', orders: 7, revenueCents: 9_999, source: 'batch' },
      { date: '2025-08-25', orders: 2, revenueCents: 3_000, source: 'speed' },
    ]);
  });
});
