import type { z } from 'zod';
import { lateThresholdMs } from '@/pipeline/stages/generate/config';
import { driftRenames } from '@/pipeline/stages/generate/drift-renames';
import { orderLineSchema, recordSchemaByEntity, type Entity } from '@/pipeline/contracts/records';
import { readLines, type Json } from './helpers';

/**
 * An independent reading of the generated NDJSON: it finds every anomaly from the data alone (it never looks
 * at ground-truth.json) and names its kind. The fault tests compare what it finds with the ledger both ways:
 * every recorded fault is present, and nothing else in the output is faulty.
 */
export interface Finding {
  kind: string;
  entity: Entity;
  recordId: string;
}

const idPattern: Record<Entity, RegExp> = {
  users: /^\{"user_id":"([^"]+)","version":(\d+)/,
  products: /^\{"product_id":"([^"]+)"/,
  events: /^\{"event_id":"([^"]+)"/,
  orders: /^\{"order_id":"([^"]+)"/,
};
const timeField: Record<Entity, string> = {
  users: 'updated_at',
  products: 'updated_at',
  events: 'event_ts',
  orders: 'order_ts',
};
const priceFields = new Set(['price']);

function recordIdOf(entity: Entity, record: Json): string {
  if (entity === 'users') return `${String(record.user_id)}#${String(record.version)}`;
  const field = { products: 'product_id', events: 'event_id', orders: 'order_id' }[entity];
  return String(record[field]);
}

export function detectFaults(dir: string, windowEndMs: number): Finding[] {
  const findings: Finding[] = [];
  const known = { users: new Set<string>(), products: new Set<string>() };
  for (const entity of ['users', 'products', 'events', 'orders'] as const) {
    const schema = recordSchemaByEntity[entity];
    const fields = Object.keys(schema.shape);
    const firstLine = new Map<string, string>();
    let maxEventTs = Number.NEGATIVE_INFINITY;
    for (const line of readLines(dir, entity)) {
      let record: Json;
      try {
        record = JSON.parse(line) as Json;
      } catch {
        const match = idPattern[entity].exec(line);
        findings.push({
          kind: 'malformed_line',
          entity,
          recordId: match ? (match[2] ? `${match[1]}#${match[2]}` : match[1]!) : 'unknown',
        });
        continue;
      }
      const kinds: string[] = [];
      for (const [oldName, current] of Object.entries(driftRenames[entity])) {
        if (oldName in record) {
          kinds.push('schema_renamed_field');
          record[current] = record[oldName];
          delete record[oldName];
        }
      }
      const recordId = recordIdOf(entity, record);
      const previous = firstLine.get(recordId);
      if (previous !== undefined) {
        const replayed = { ...(JSON.parse(previous) as Json), ingested_at: record.ingested_at };
        const kind =
          previous === line
            ? 'duplicate_exact'
            : JSON.stringify(replayed) === line && entity === 'events'
              ? 'duplicate_replay'
              : 'id_reused';
        findings.push({ kind, entity, recordId });
        continue;
      }
      firstLine.set(recordId, line);
      if (entity === 'users') known.users.add(String(record.user_id));
      if (entity === 'products') known.products.add(String(record.product_id));
      for (const key of Object.keys(record)) if (!fields.includes(key)) kinds.push('schema_extra_field');
      for (const field of fields) {
        if (!(field in record)) {
          kinds.push('schema_missing_field');
          continue;
        }
        const value = record[field];
        const check = (schema.shape as Record<string, z.ZodType>)[field]!.safeParse(value);
        if (check.success) continue;
        if (value === null) kinds.push('null_required');
        else if (field === 'lines') {
          for (const orderLine of value as Json[]) {
            if (typeof orderLine.unit_price === 'number' && orderLine.unit_price < 0)
              kinds.push('negative_price');
            else if (orderLine.quantity === 0) kinds.push('zero_quantity');
            else if (!orderLineSchema.safeParse(orderLine).success) kinds.push(`invalid_line`);
          }
        } else if (priceFields.has(field) && typeof value === 'number' && value < 0)
          kinds.push('negative_price');
        else if (field === 'quantity' && value === 0) kinds.push('zero_quantity');
        else if (typeof value === 'number' && field.endsWith('_ts')) kinds.push('schema_wrong_type');
        else if (typeof value === 'string' && (field === 'price' || field === 'total'))
          kinds.push('schema_wrong_type');
        else kinds.push(`invalid_${field}`);
      }
      const time = record[timeField[entity]];
      const timeMs = typeof time === 'string' ? Date.parse(time) : Number.NaN;
      const futureTs = timeMs >= windowEndMs;
      if (futureTs) kinds.push('future_timestamp');
      if (entity === 'events' || entity === 'orders') {
        if (typeof record.user_id === 'string' && !known.users.has(record.user_id)) kinds.push('orphan_user');
      }
      if (
        entity === 'events' &&
        typeof record.product_id === 'string' &&
        !known.products.has(record.product_id)
      )
        kinds.push('orphan_product');
      if (entity === 'orders' && Array.isArray(record.lines)) {
        for (const orderLine of record.lines as Json[])
          if (!known.products.has(String(orderLine.product_id))) kinds.push('orphan_product');
      }
      if (entity === 'events' && typeof time === 'string' && !futureTs) {
        const ingested = Date.parse(String(record.ingested_at));
        if (ingested - timeMs > lateThresholdMs) kinds.push('late_event');
        if (timeMs < maxEventTs) kinds.push('out_of_order');
        else maxEventTs = timeMs;
      }
      for (const kind of kinds) findings.push({ kind, entity, recordId });
    }
  }
  return findings;
}
