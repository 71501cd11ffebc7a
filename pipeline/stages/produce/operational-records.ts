import type { z } from 'zod';
import { readLines } from '../../core/line-reader';
import {
  orderRecordSchema,
  userRecordSchema,
  type Entity,
  type OrderRecord,
  type UserRecord,
} from '../../contracts/records';
import { driftRenames } from '../generate/drift-renames';

/**
 * The generated profiles and orders as the shop's operational database takes them. The generator's faults model
 * what goes wrong between the shop and the pipeline; the database itself only holds rows that fit its schema.
 * So a drifted field name is mapped back (as the validate stage does), and a record that still breaks the
 * schema (malformed line, missing or mistyped field, negative money) is refused and counted, not written.
 */
export interface RefusedCounts {
  users: number;
  orders: number;
}

type OperationalEntity = Extract<Entity, 'users' | 'orders'>;
interface RecordOf {
  users: UserRecord;
  orders: OrderRecord;
}
const schemaOf: { [E in OperationalEntity]: z.ZodType<RecordOf[E]> } = {
  users: userRecordSchema,
  orders: orderRecordSchema,
};

export async function* operationalRecords<E extends OperationalEntity>(
  entity: E,
  file: string,
  refused: RefusedCounts,
): AsyncGenerator<Array<RecordOf[E]>> {
  const schema = schemaOf[entity];
  const renames = Object.entries(driftRenames[entity]);
  for await (const lines of readLines(file)) {
    const batch: Array<RecordOf[E]> = [];
    for (const line of lines) {
      const parsed = schema.safeParse(withCurrentNames(parseJson(line.toString('utf8')), renames));
      if (parsed.success) batch.push(parsed.data);
      else refused[entity]++;
    }
    if (batch.length > 0) yield batch;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function withCurrentNames(value: unknown, renames: Array<[string, string]>): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const drifted = renames.filter(([oldName, current]) => oldName in record && !(current in record));
  if (drifted.length === 0) return record;
  const renamed = { ...record };
  for (const [oldName, current] of drifted) {
    renamed[current] = renamed[oldName];
    delete renamed[oldName];
  }
  return renamed;
}
