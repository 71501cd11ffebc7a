import type { FaultKind, LedgerFaultKind } from '../../contracts/faults';
import type { Entity } from '../../contracts/records';
import { eventRecordOf } from './event-lines';
import type { FaultInjector, FaultScope } from './fault-injector';
import type { IncidentSlices } from './incident-slices';
import type { GroundTruthWriter } from './ground-truth-writer';
import { eventIdText } from './ids';
import type { OutputFile } from './output-file';
import type { PendingEvent } from './pending';
import { renderMalformed, renderRecord, type LineFormat, type PlainRecord } from './record-format';
import type { World } from './session-simulator';
import { formatIso } from './time-format';

/**
 * Writes records to their files and injects emission-time faults: exact duplicates (the same line twice),
 * malformed copies (a truncated extra line), replays (the same event again later with a new ingested_at) and
 * out-of-order events (held back until a later event has been written). A fault goes to the ground truth only
 * when it is really in the output: an out-of-order event that nothing later overtook is not recorded as one.
 */
/** Where event lines go: clean events take the fast path, everything else arrives rendered. */
export interface EventOutput {
  writeLine(line: string): void;
  /** `index` is the event's emission index: its id is eventIdText(world.eventIdKey, index, event.timeMs). */
  writeClean(event: PendingEvent, index: number): void;
}

interface Hold {
  releaseAfter: number;
  timeMs: number;
  kind: 'duplicate_replay' | 'out_of_order';
  line: string;
  recordId: string;
}

export class DatasetEmitter {
  readonly emitted: Record<Entity, number> = { users: 0, products: 0, events: 0, orders: 0 };
  private readonly holds: Hold[] = [];
  private nextRelease = Number.POSITIVE_INFINITY;
  private primaryEvents = 0;
  private maxEventTs = Number.NEGATIVE_INFINITY;
  private eventIndex = 0;

  constructor(
    private readonly format: LineFormat,
    private readonly files: Record<Exclude<Entity, 'events'>, OutputFile>,
    private readonly events: EventOutput,
    private readonly injector: FaultInjector,
    private readonly groundTruth: GroundTruthWriter,
    private readonly world: World,
    /** An incident round's slice faults (a stuck partition, a bad release), or null. */
    private readonly slices: IncidentSlices | null = null,
  ) {}

  private write(entity: Entity, line: string): void {
    if (entity === 'events') this.events.writeLine(line);
    else this.files[entity].writeRow(line);
    this.emitted[entity]++;
  }

  private note(kind: LedgerFaultKind, entity: Entity, recordId: string, field?: string): void {
    this.groundTruth.record(
      field === undefined ? { kind, entity, recordId } : { kind, entity, recordId, field },
    );
  }

  /** Writes an event; its id follows from its emission index, the same on the clean and the faulty path. */
  emitEvent(event: PendingEvent): void {
    const index = this.eventIndex++;
    const slice = this.slices?.faultFor(event) ?? null;
    if (slice !== null) {
      const eventId = eventIdText(this.world.eventIdKey, index, event.timeMs);
      const record = eventRecordOf(event, eventId, this.world) as unknown as PlainRecord;
      const field = this.slices!.apply(slice, record);
      this.write('events', renderRecord(this.format, 'events', record));
      this.note(slice, 'events', eventId, field);
      this.afterPrimaryEvent(event.timeMs);
      return;
    }
    const kind = this.injector.chooseForEvent(event.product >= 0, event.quantity > 0);
    if (kind === null) {
      this.events.writeClean(event, index);
      this.emitted.events++;
      this.afterPrimaryEvent(event.timeMs);
      return;
    }
    const eventId = eventIdText(this.world.eventIdKey, index, event.timeMs);
    const record = eventRecordOf(event, eventId, this.world) as unknown as PlainRecord;
    if (kind === 'out_of_order') {
      const lag = this.injector.outOfOrderMinLagMs + Math.floor(this.injector.uniform() * 28 * 60_000);
      record.ingested_at = formatIso(event.timeMs + lag);
      this.hold({
        kind,
        timeMs: event.timeMs,
        recordId: eventId,
        line: renderRecord(this.format, 'events', record),
        releaseAfter: this.primaryEvents + 3 + Math.floor(this.injector.uniform() * 200),
      });
      return;
    }
    this.emitFaulty('events', record, eventId, kind);
    const timeBroken = kind === 'future_timestamp' || kind === 'schema_wrong_type';
    this.afterPrimaryEvent(timeBroken ? Number.NEGATIVE_INFINITY : event.timeMs);
  }

  emitRecord(
    entity: Exclude<Entity, 'events'>,
    record: PlainRecord,
    recordId: string,
    scope: FaultScope,
  ): void {
    const kind = this.injector.choose(entity, scope);
    if (kind === null) this.write(entity, renderRecord(this.format, entity, record));
    else this.emitFaulty(entity, record, recordId, kind);
  }

  private emitFaulty(entity: Entity, record: PlainRecord, recordId: string, kind: FaultKind): void {
    if (kind === 'duplicate_exact') {
      const line = renderRecord(this.format, entity, record);
      this.write(entity, line);
      this.write(entity, line);
      this.note(kind, entity, recordId);
    } else if (kind === 'malformed_line') {
      this.write(entity, renderRecord(this.format, entity, record));
      this.write(entity, renderMalformed(this.format, entity, record, this.injector.uniform()));
      this.note(kind, entity, recordId);
    } else if (kind === 'duplicate_replay') {
      this.write(entity, renderRecord(this.format, entity, record));
      const replayedAt =
        Date.parse(String(record.ingested_at)) +
        10 * 60_000 +
        Math.floor(this.injector.uniform() * 6 * 3_600_000);
      const replay = { ...record, ingested_at: formatIso(replayedAt) };
      this.hold({
        kind,
        timeMs: 0,
        recordId,
        line: renderRecord(this.format, entity, replay),
        releaseAfter: this.primaryEvents + 20 + Math.floor(this.injector.uniform() * 2000),
      });
    } else {
      const field = this.injector.mutate(kind, entity, record);
      this.write(entity, renderRecord(this.format, entity, record));
      this.note(kind, entity, recordId, field);
    }
  }

  private hold(hold: Hold): void {
    this.holds.push(hold);
    this.nextRelease = Math.min(this.nextRelease, hold.releaseAfter);
  }

  private afterPrimaryEvent(timeMs: number): void {
    this.primaryEvents++;
    if (timeMs > this.maxEventTs) this.maxEventTs = timeMs;
    if (this.primaryEvents >= this.nextRelease) this.release(false);
  }

  private release(final: boolean): void {
    let next = Number.POSITIVE_INFINITY;
    let kept = 0;
    for (const hold of this.holds) {
      const due = final || hold.releaseAfter <= this.primaryEvents;
      const overtaken = hold.kind !== 'out_of_order' || this.maxEventTs > hold.timeMs;
      if (due && (overtaken || final)) {
        this.write('events', hold.line);
        if (overtaken) this.note(hold.kind, 'events', hold.recordId);
      } else {
        this.holds[kept++] = hold;
        // An out-of-order event waits until something later has been written.
        next = Math.min(next, due ? this.primaryEvents + 1 : hold.releaseAfter);
      }
    }
    this.holds.length = kept;
    this.nextRelease = next;
  }

  /** Writes every held event (call once, after the last event). */
  finish(): void {
    this.release(true);
  }
}
