import { incidentTypes, isIncidentType, type IncidentType } from '@/pipeline/contracts/incidents';
import { maxCheckLength } from './check-sql';

export type RoundFieldErrors = Partial<Record<'form' | 'incident' | 'check' | 'rootCause', string>>;
type Parsed<T> = { ok: true; value: T } | { ok: false; fieldErrors: RoundFieldErrors };

function object(body: unknown): Record<string, unknown> | null {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : null;
}

function unknownFields(input: Record<string, unknown>, allowed: readonly string[]): string | null {
  const extra = Object.keys(input).filter((key) => !allowed.includes(key));
  return extra.length > 0
    ? `Unknown field${extra.length > 1 ? 's' : ''}: ${extra.slice(0, 5).join(', ')}.`
    : null;
}

const typeList = incidentTypes.join(', ');

/** POST /api/incidents: `{}` for a surprise incident, or `{ "incident": TYPE }` to practise a named one. */
export function parseStartRequest(body: unknown): Parsed<{ incident?: IncidentType }> {
  const input = object(body);
  if (!input) return { ok: false, fieldErrors: { form: 'The body must be a JSON object.' } };
  const extra = unknownFields(input, ['incident']);
  if (extra) return { ok: false, fieldErrors: { form: extra } };
  if (input.incident === undefined) return { ok: true, value: {} };
  if (!isIncidentType(input.incident))
    return { ok: false, fieldErrors: { incident: `incident must be one of: ${typeList}.` } };
  return { ok: true, value: { incident: input.incident } };
}

/** POST /api/incidents/{runId}/grade: the check's SQL and the root cause the learner names. */
export function parseGradeRequest(body: unknown): Parsed<{ check: string; rootCause: IncidentType }> {
  const input = object(body);
  if (!input) return { ok: false, fieldErrors: { form: 'The body must be a JSON object.' } };
  const extra = unknownFields(input, ['check', 'rootCause']);
  if (extra) return { ok: false, fieldErrors: { form: extra } };
  const fieldErrors: RoundFieldErrors = {};
  if (typeof input.check !== 'string' || input.check.trim() === '')
    fieldErrors.check = 'check must be the SQL of your data-quality check (a SELECT returning record ids).';
  else if (input.check.length > maxCheckLength)
    fieldErrors.check = `check is ${input.check.length} characters; at most ${maxCheckLength}.`;
  if (input.rootCause === undefined) fieldErrors.rootCause = `Name the root cause: one of ${typeList}.`;
  else if (!isIncidentType(input.rootCause)) fieldErrors.rootCause = `rootCause must be one of: ${typeList}.`;
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, value: { check: input.check as string, rootCause: input.rootCause as IncidentType } };
}
