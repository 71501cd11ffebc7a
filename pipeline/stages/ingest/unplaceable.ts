import type { RejectReason } from '../../contracts/faults';

export interface Unplaceable {
  code: RejectReason;
  reason: string;
  /** The event-time field the record lacked or carried in a wrong form; null when the line is not JSON. */
  field: string | null;
}

const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
};

/**
 * Why ingest could not date-partition a line, with the exact reason code validate would give the same fault: the
 * ingest owns these rejects (validate never sees them), so the reason must be final. `timeNames` is the event-time
 * field followed by its old names (schema drift). Only called for the few lines that fail the fast path.
 */
export function classifyUnplaceable(line: Buffer, timeNames: readonly string[]): Unplaceable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { code: 'MALFORMED', reason: 'not a JSON object (truncated or garbled line)', field: null };
  }
  const record = parsed as Record<string, unknown>;
  const canonical = timeNames[0]!;
  const name = timeNames.find((candidate) => Object.hasOwn(record, candidate));
  if (name === undefined) {
    return {
      code: 'MISSING_FIELD',
      reason: `field "${canonical}" is absent, so ingest could not date-partition the record`,
      field: canonical,
    };
  }
  const value = record[name];
  if (value === null) {
    return {
      code: 'NULL_REQUIRED',
      reason: `field "${canonical}" is null, so ingest could not date-partition the record`,
      field: canonical,
    };
  }
  return {
    code: 'TYPE_MISMATCH',
    reason: `field "${canonical}": expected an ISO-8601 UTC timestamp like 2025-08-24T13:05:09.123Z, found ${shown(value)} (so ingest could not date-partition it)`,
    field: canonical,
  };
}
