import { describe, expect, it } from 'vitest';
import { streamRejectRows, streamWindowRows } from '@/pipeline/stages/ingest/stream-rows';
import { MinuteWindows } from '@/pipeline/stages/speed-layer/windows';

const minute = 60_000;
const t0 = Date.parse('2025-08-24T10:00:00.000Z');

describe('stream table rows from the speed layer’s snapshot', () => {
  it('counts unusable records per partition and reason, late ones per window, and says what closed each window', () => {
    const windows = new MinuteWindows(2 * minute, ['events/0', 'orders/1']);
    windows.addEvent(t0 + 1_000, 'page_view', 's1', 'events/0');
    windows.addEvent(t0 + 2_000, 'mystery', 's2', 'events/0');
    windows.addOrder(t0 + 3_000, 1_999, 'orders/1');
    windows.addEvent(Number.NaN, 'page_view', 's3', 'events/0');
    windows.addUnusable('event_after_received', 'events/0');
    windows.addOrder(Number.NaN, 10, 'orders/1');
    windows.addEvent(t0 + 10 * minute, 'search', 's4', 'events/0');
    windows.addOrder(t0 + 10 * minute, 500, 'orders/1'); // watermark → t0 + 8 min: the 10:00 window closes
    windows.addEvent(t0 + 30_000, 'search', 's5', 'events/0'); // late
    windows.closeAll();
    const snapshot = windows.snapshot();
    expect(streamWindowRows(snapshot)).toEqual([
      {
        window_start: t0,
        window_end: t0 + minute,
        events: 2,
        by_type: [1, 0, 0, 0, 0, 0],
        other_events: 1,
        orders: 1,
        revenue_cents: 1_999,
        active_sessions: 2,
        late: 1,
        closed_by: 'watermark',
        closed_at_watermark: t0 + 8 * minute,
      },
      {
        window_start: t0 + 10 * minute,
        window_end: t0 + 11 * minute,
        events: 1,
        by_type: [0, 0, 0, 0, 1, 0],
        other_events: 0,
        orders: 1,
        revenue_cents: 500,
        active_sessions: 1,
        late: 0,
        closed_by: 'end_of_input',
        closed_at_watermark: t0 + 8 * minute,
      },
    ]);
    const rejects = streamRejectRows(snapshot);
    expect(rejects).toEqual([
      { reason: 'late', window_start: t0, topic: null, partition: null, records: 1 },
      { reason: 'no_event_time', window_start: null, topic: 'events', partition: 0, records: 1 },
      { reason: 'event_after_received', window_start: null, topic: 'events', partition: 0, records: 1 },
      { reason: 'unreadable_order', window_start: null, topic: 'orders', partition: 1, records: 1 },
    ]);
    expect(snapshot.unreadable).toBe(3);
  });

  it('keeps a snapshot from before the reasons were kept reconciled: the remainder has no partition', () => {
    const windows = new MinuteWindows(2 * minute);
    windows.addEvent(Number.NaN, 'page_view', 's1');
    const { unusableBySource: _dropped, ...legacy } = windows.snapshot();
    const restored = MinuteWindows.restore({ ...legacy, unreadable: 4 }).snapshot();
    expect(streamRejectRows(restored)).toEqual([
      { reason: 'no_event_time', window_start: null, topic: null, partition: null, records: 4 },
    ]);
  });
});
