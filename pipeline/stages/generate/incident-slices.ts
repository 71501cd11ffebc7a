import type { Random } from '../../core/random';
import { partitionForKey } from '../../core/murmur2';
import { incidentFaultKinds, type IncidentFaultKind } from '../../contracts/faults';
import { incidentKinds, type IncidentType } from '../../contracts/incidents';
import { devices, eventTypes } from '../../contracts/records';
import type { IdFactory } from './ids';
import type { PendingEvent } from './pending';
import type { PlainRecord } from './record-format';
import { formatIso } from './time-format';

const HOUR = 3_600_000;
const desktop = devices.indexOf('desktop');
const mobile = devices.indexOf('mobile');
const productEvents = new Set(
  (['product_view', 'add_to_cart', 'wishlist_add'] as const).map((type) => eventTypes.indexOf(type)),
);

/** How long the stuck consumer stays stuck, and the shift of the timezone bug (CEST, the window's season). */
export const stuckForMs = 6 * HOUR;
export const timezoneShiftMs = 2 * HOUR;

export interface IncidentWindow {
  startMs: number;
  endMs: number;
  partitions: number;
  userIds: readonly string[];
}

/**
 * The faults of an incident round that hit a slice of the events rather than random records, as real outages do:
 * one partition for six hours (a stuck consumer), the app or web clients after a release (a skewed key, a bad
 * deploy, a timezone bug). Which slice and when are drawn once from the incident's random source, so a seed fixes them.
 */
export class IncidentSlices {
  private readonly kind: IncidentFaultKind | null;
  private readonly fromMs: number;
  private readonly untilMs: number;
  private readonly stuckPartition: number;
  private readonly partitionOfUser: Int8Array;
  private readonly sentinelSession: string;

  constructor(
    incident: IncidentType,
    private readonly random: Random,
    ids: IdFactory,
    private readonly window: IncidentWindow,
  ) {
    const kinds = incidentKinds[incident];
    this.kind = kinds.find(isSliceKind) ?? null;
    const span = window.endMs - window.startMs;
    if (this.kind === 'stuck_consumer') {
      this.fromMs = window.startMs + Math.floor(span * (0.3 + 0.3 * random.next()));
      this.untilMs = Math.min(this.fromMs + stuckForMs, window.endMs - HOUR);
    } else {
      // A release reaches clients somewhere in the second half of the window and is never rolled back.
      this.fromMs = window.startMs + Math.floor(span * (0.5 + 0.25 * random.next()));
      this.untilMs = window.endMs;
    }
    this.stuckPartition = Math.floor(random.next() * window.partitions);
    this.partitionOfUser = new Int8Array(this.kind === 'stuck_consumer' ? window.userIds.length : 0).fill(-1);
    this.sentinelSession = this.kind === 'skewed_key' ? ids.next(this.fromMs) : '';
  }

  /** The slice fault this event falls into, if any. */
  faultFor(event: PendingEvent): IncidentFaultKind | null {
    if (this.kind === null || event.timeMs < this.fromMs || event.timeMs >= this.untilMs) return null;
    switch (this.kind) {
      case 'stuck_consumer':
        return this.partitionOf(event.user) === this.stuckPartition ? this.kind : null;
      case 'skewed_key':
        return event.device !== desktop ? this.kind : null;
      case 'deploy_null_field':
        return event.device === mobile && event.product >= 0 && productEvents.has(event.type)
          ? this.kind
          : null;
      case 'timezone_shift':
        // Only where the shifted time stays inside the window: past its end validate would quarantine it.
        return event.device === desktop && event.timeMs + timezoneShiftMs < this.window.endMs
          ? this.kind
          : null;
    }
  }

  /** Applies the fault to the event's record and returns the field it touched. */
  apply(kind: IncidentFaultKind, record: PlainRecord): string {
    switch (kind) {
      case 'stuck_consumer':
        // Everything the partition held arrives within minutes once the consumer is restarted.
        record.ingested_at = formatIso(this.untilMs + 60_000 + Math.floor(this.random.next() * 5 * 60_000));
        return 'ingested_at';
      case 'skewed_key':
        record.session_id = this.sentinelSession;
        return 'session_id';
      case 'deploy_null_field':
        record.product_id = null;
        return 'product_id';
      case 'timezone_shift':
        record.event_ts = formatIso(Date.parse(String(record.event_ts)) + timezoneShiftMs);
        return 'event_ts';
    }
  }

  private partitionOf(user: number): number {
    let partition = this.partitionOfUser[user]!;
    if (partition < 0) {
      partition = partitionForKey(this.window.userIds[user]!, this.window.partitions);
      this.partitionOfUser[user] = partition;
    }
    return partition;
  }
}

function isSliceKind(kind: string): kind is IncidentFaultKind {
  return (incidentFaultKinds as readonly string[]).includes(kind);
}
