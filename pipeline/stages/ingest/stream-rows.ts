import { eventTypes } from '../../contracts/records';
import type { SpeedSnapshot } from '../../contracts/speed';
import { windowMs } from '../speed-layer/windows';
import type { LagReading } from './lag-history';

/**
 * The rows of the stream tables (pipeline/contracts/stream-tables.ts) from the speed layer's final snapshot and the
 * lag the ingest stage sampled, as plain JSON values (times in epoch milliseconds, money in cents): the writer turns
 * them into the contract's types in SQL.
 */
export interface StreamWindowRow {
  window_start: number;
  window_end: number;
  events: number;
  by_type: number[];
  other_events: number;
  orders: number;
  revenue_cents: number;
  active_sessions: number;
  late: number;
  closed_by: string | null;
  closed_at_watermark: number | null;
}

export interface StreamRejectRow {
  reason: string;
  window_start: number | null;
  topic: string | null;
  partition: number | null;
  records: number;
}

export interface StreamLagRow {
  sample_no: number;
  sampled_at: number;
  consumer_group: string;
  topic: string;
  partition: number;
  lag: number;
  records_landed: number | null;
  is_final: boolean;
}

const knownTypes = new Set<string>(eventTypes);

export function streamWindowRows(snapshot: SpeedSnapshot): StreamWindowRow[] {
  return snapshot.windows.map((window) => {
    const counts = Object.entries(window.events);
    return {
      window_start: window.start,
      window_end: window.start + windowMs,
      events: counts.reduce((sum, [, n]) => sum + n, 0),
      by_type: eventTypes.map((type) => window.events[type] ?? 0),
      other_events: counts.reduce((sum, [type, n]) => (knownTypes.has(type) ? sum : sum + n), 0),
      orders: window.orders,
      revenue_cents: window.revenueCents,
      active_sessions: window.activeSessions,
      late: window.late,
      closed_by: window.closedBy ?? null,
      closed_at_watermark: window.closedAtWatermark ?? null,
    };
  });
}

/**
 * Late records per window, then unusable ones per partition and reason. A snapshot from before the reasons were
 * kept leaves a remainder of `unreadable` with no partition, so the rows always add up to the speed layer's totals.
 */
export function streamRejectRows(snapshot: SpeedSnapshot): StreamRejectRow[] {
  const rows: StreamRejectRow[] = snapshot.windows
    .filter((window) => window.late > 0)
    .map((window) => ({
      reason: 'late',
      window_start: window.start,
      topic: null,
      partition: null,
      records: window.late,
    }));
  let attributed = 0;
  for (const [source, reasons] of Object.entries(snapshot.unusableBySource ?? {})) {
    const slash = source.lastIndexOf('/');
    const [topic, partition] =
      slash > 0 ? [source.slice(0, slash), Number(source.slice(slash + 1))] : [null, null];
    for (const [reason, records] of Object.entries(reasons)) {
      if (!records) continue;
      attributed += records;
      rows.push({ reason, window_start: null, topic, partition, records });
    }
  }
  if (snapshot.unreadable > attributed)
    rows.push({
      reason: 'no_event_time',
      window_start: null,
      topic: null,
      partition: null,
      records: snapshot.unreadable - attributed,
    });
  return rows;
}

export function streamLagRows(readings: readonly LagReading[]): StreamLagRow[] {
  return readings.flatMap((reading) =>
    [...reading.lag]
      .sort(
        (a, b) =>
          a.group.localeCompare(b.group) || a.topic.localeCompare(b.topic) || a.partition - b.partition,
      )
      .map((sample) => ({
        sample_no: reading.sampleNo,
        sampled_at: reading.sampledAt,
        consumer_group: sample.group,
        topic: sample.topic,
        partition: sample.partition,
        lag: sample.lag,
        records_landed: reading.recordsLanded,
        is_final: reading.isFinal,
      })),
  );
}
