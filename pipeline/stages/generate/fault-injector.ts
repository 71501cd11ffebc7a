import type { Random } from '../../core/random';
import type { FaultKind, FaultProfile } from '../../contracts/faults';
import { incidentKinds, type IncidentType } from '../../contracts/incidents';
import { eventTimeFieldByEntity, type Entity } from '../../contracts/records';
import { faultRateByProfile } from './config';
import { driftRenames } from './drift-renames';
import type { IdFactory } from './ids';
import type { PlainRecord } from './record-format';
import { formatIso } from './time-format';

/**
 * Decides which records get a fault and applies the in-place ones. At most one fault per record, so the
 * ground truth maps each affected record to exactly one kind. Kinds that make the pipeline reject a record are
 * only applied where the rejection cascades nowhere: a user's later versions (version 1 always lands, so the
 * user exists) and inactive products (no session references them); otherwise a quarantined parent would turn
 * its clean children into orphans that are in no ledger.
 */
export interface FaultScope {
  /** May the record be quarantined without orphaning others? */
  quarantineAllowed: boolean;
  hasProduct?: boolean;
  hasQuantity?: boolean;
}

const kindWeight: Record<FaultKind, number> = {
  duplicate_exact: 3,
  duplicate_replay: 2,
  late_event: 2,
  out_of_order: 2,
  schema_missing_field: 1,
  schema_renamed_field: 1,
  schema_extra_field: 1,
  schema_wrong_type: 1,
  null_required: 1,
  negative_price: 1,
  zero_quantity: 1,
  future_timestamp: 1,
  orphan_user: 1,
  orphan_product: 1,
  malformed_line: 1,
};

const alwaysAccepted: FaultKind[] = [
  'duplicate_exact',
  'schema_renamed_field',
  'schema_extra_field',
  'malformed_line',
];
const kindsByEntity: Record<Entity, FaultKind[]> = {
  events: [
    ...alwaysAccepted,
    'duplicate_replay',
    'late_event',
    'out_of_order',
    'schema_missing_field',
    'schema_wrong_type',
    'null_required',
    'zero_quantity',
    'future_timestamp',
    'orphan_user',
    'orphan_product',
  ],
  orders: [
    ...alwaysAccepted,
    'schema_missing_field',
    'schema_wrong_type',
    'null_required',
    'negative_price',
    'zero_quantity',
    'future_timestamp',
    'orphan_user',
    'orphan_product',
  ],
  users: [
    ...alwaysAccepted,
    'schema_missing_field',
    'schema_wrong_type',
    'null_required',
    'future_timestamp',
  ],
  products: [
    ...alwaysAccepted,
    'schema_missing_field',
    'schema_wrong_type',
    'null_required',
    'negative_price',
    'future_timestamp',
  ],
};

/** Required fields a missing-field or null fault may hit (never the id, never the event-time field). */
export const requiredFieldsForFaults: Record<Entity, string[]> = {
  users: ['email', 'first_name', 'last_name', 'country', 'segment', 'loyalty_tier'],
  products: ['sku', 'name', 'category', 'brand', 'currency', 'supplier_id'],
  events: ['event_type', 'user_id', 'session_id', 'device', 'referrer', 'page_url'],
  orders: ['user_id', 'session_id', 'status', 'payment_method', 'currency', 'total'],
};

/** Unknown fields a newer producer adds (kept by the pipeline in its `extra` column). */
export const extraFields: Record<Entity, [string, unknown]> = {
  users: ['phone_verified', true],
  products: ['warehouse_code', 'AMS-2'],
  events: ['client_version', '4.12.0'],
  orders: ['gift_wrap', false],
};

/** The field the wrong-type fault hits in each entity, and what it writes there. */
export const wrongTypeField: Record<Entity, string> = {
  users: 'signup_ts',
  products: 'price',
  events: 'event_ts',
  orders: 'total',
};

/** Share of events an incident's per-record kinds hit (a replay, late events, orphans …). */
export const incidentFaultRate = 0.02;

export class FaultInjector {
  private readonly rate: number;
  private readonly eligible = new Map<string, { kinds: FaultKind[]; cumulative: number[] }>();
  /** With an incident, only its per-record kinds, only on events; otherwise the profile's kinds. */
  private readonly kindsOf: (entity: Entity) => readonly FaultKind[];
  /** Least lag of an out-of-order event: an incident keeps it above every clean event's (at most 5 s). */
  readonly outOfOrderMinLagMs: number;

  constructor(
    profile: FaultProfile,
    private readonly random: Random,
    private readonly ids: IdFactory,
    private readonly windowEndMs: number,
    incident?: IncidentType,
  ) {
    if (incident === undefined) {
      this.rate = faultRateByProfile[profile];
      this.kindsOf = (entity) => kindsByEntity[entity];
      this.outOfOrderMinLagMs = 2000;
    } else {
      const perRecord = incidentKinds[incident].filter((kind): kind is FaultKind => kind in kindWeight);
      this.rate = perRecord.length > 0 ? incidentFaultRate : 0;
      this.kindsOf = (entity) => (entity === 'events' ? perRecord : []);
      this.outOfOrderMinLagMs = 60_000;
    }
  }

  choose(entity: Entity, scope: FaultScope): FaultKind | null {
    if (this.rate === 0 || this.random.next() >= this.rate) return null;
    return this.pickKind(entity, scope);
  }

  /** The same decision for an event, without a scope object per event (the hot path). */
  chooseForEvent(hasProduct: boolean, hasQuantity: boolean): FaultKind | null {
    if (this.rate === 0 || this.random.next() >= this.rate) return null;
    return this.pickKind('events', { quarantineAllowed: true, hasProduct, hasQuantity });
  }

  private pickKind(entity: Entity, scope: FaultScope): FaultKind | null {
    const key = `${entity}:${scope.quarantineAllowed ? 1 : 0}${scope.hasProduct ? 1 : 0}${scope.hasQuantity ? 1 : 0}`;
    let options = this.eligible.get(key);
    if (!options) {
      const kinds = this.kindsOf(entity).filter((kind) => {
        if (!scope.quarantineAllowed && !alwaysAccepted.includes(kind)) return false;
        if (entity === 'events' && kind === 'orphan_product') return scope.hasProduct === true;
        if (entity === 'events' && kind === 'zero_quantity') return scope.hasQuantity === true;
        return true;
      });
      let total = 0;
      options = { kinds, cumulative: kinds.map((kind) => (total += kindWeight[kind])) };
      this.eligible.set(key, options);
    }
    if (options.kinds.length === 0) return null;
    const target = this.random.next() * options.cumulative[options.cumulative.length - 1]!;
    const index = options.cumulative.findIndex((bound) => target < bound);
    return options.kinds[index]!;
  }

  uniform(): number {
    return this.random.next();
  }

  private pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random.next() * values.length)]!;
  }

  private timeOf(entity: Entity, record: PlainRecord): number {
    const value = record[eventTimeFieldByEntity[entity]];
    return typeof value === 'string' ? Date.parse(value) : this.windowEndMs;
  }

  /**
   * Applies an in-place fault and returns the field it touched. Duplicates, replays, out-of-order holds and
   * malformed lines are emission-time faults handled by the emitter, not here.
   */
  mutate(kind: FaultKind, entity: Entity, record: PlainRecord): string | undefined {
    switch (kind) {
      case 'schema_missing_field': {
        const field = this.pick(requiredFieldsForFaults[entity]);
        delete record[field];
        return field;
      }
      case 'null_required': {
        const field = this.pick(requiredFieldsForFaults[entity]);
        record[field] = null;
        return field;
      }
      case 'schema_renamed_field': {
        const [oldName, field] = this.pick(Object.entries(driftRenames[entity]));
        const entries = Object.entries(record);
        for (const key of Object.keys(record)) delete record[key];
        for (const [key, value] of entries) record[key === field ? oldName : key] = value;
        return field;
      }
      case 'schema_extra_field': {
        const [field, value] = extraFields[entity];
        record[field] = value;
        return field;
      }
      case 'schema_wrong_type': {
        const field = wrongTypeField[entity];
        const value = record[field];
        // Timestamps arrive as epoch milliseconds, money as a string with its currency.
        record[field] = field.endsWith('_ts')
          ? Date.parse(String(value))
          : entity === 'products'
            ? `USD ${value}`
            : `${value} USD`;
        return field;
      }
      case 'negative_price': {
        if (entity === 'products') {
          record.price = -(record.price as number);
          return 'price';
        }
        const line = this.pick(record.lines as PlainRecord[]);
        line.unit_price = -(line.unit_price as number);
        return 'lines.unit_price';
      }
      case 'zero_quantity': {
        if (entity === 'events') {
          record.quantity = 0;
          return 'quantity';
        }
        const line = this.pick(record.lines as PlainRecord[]);
        line.quantity = 0;
        return 'lines.quantity';
      }
      case 'future_timestamp': {
        const field = eventTimeFieldByEntity[entity];
        record[field] = formatIso(
          this.windowEndMs + 3_600_000 + Math.floor(this.random.next() * 30 * 86_400_000),
        );
        return field;
      }
      case 'orphan_user':
        record.user_id = this.ids.next(this.timeOf(entity, record));
        return 'user_id';
      case 'orphan_product': {
        const fresh = this.ids.next(this.timeOf(entity, record));
        if (entity === 'events') {
          record.product_id = fresh;
          return 'product_id';
        }
        const line = this.pick(record.lines as PlainRecord[]);
        line.product_id = fresh;
        return 'lines.product_id';
      }
      case 'late_event': {
        const eventMs = Date.parse(String(record.event_ts));
        record.ingested_at = formatIso(
          eventMs + 2 * 3_600_000 + Math.floor(this.random.next() * 46 * 3_600_000),
        );
        return 'ingested_at';
      }
      default:
        return undefined;
    }
  }
}
