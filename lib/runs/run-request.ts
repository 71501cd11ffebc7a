import { batchEngines, type BatchEngine } from '@/pipeline/contracts/batch-engines';
import { faultProfiles, type FaultProfile } from '@/pipeline/contracts/fault-profiles';

/** The most events a run started from the browser may ask for (the CLI allows more). */
export const maxBrowserEvents = 2_000_000;

/** POST /api/runs body. Shared by the form (client-side check) and the handler (the check that counts). */
export interface RunRequest {
  seed: number;
  events: number;
  days: number;
  faults: FaultProfile;
  /** Absent: the console's default tier (PIPELINE_TIER, else embedded), chosen by the server. */
  tier?: 'embedded' | 'services';
  /** The batch engine of validate … quality: DuckDB in-process unless the learner picks Spark. */
  engine: BatchEngine;
  /** Step mode: run only generate now; the learner runs the next stages one at a time. */
  stepMode: boolean;
}

export type FieldErrors = Partial<Record<keyof RunRequest | 'form', string>>;

export type RunRequestResult = { ok: true; value: RunRequest } | { ok: false; fieldErrors: FieldErrors };

/** A whole number in [min, max], or the message for the first rule it breaks. */
function wholeNumber(
  value: unknown,
  label: string,
  min: number,
  max: number,
  tooSmall: string,
  tooLarge: string,
): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) return `${label} must be a whole number.`;
  if (value < min) return tooSmall;
  if (value > max) return tooLarge;
  return null;
}

const tiers: readonly unknown[] = ['embedded', 'services'];

/**
 * Validates an untrusted body and returns one message per field, for display beside that field. Plain checks
 * rather than a schema library: the run form imports this on the console's first load.
 */
export function parseRunRequest(body: unknown): RunRequestResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, fieldErrors: { form: 'The body must be a JSON object.' } };
  const input = body as Record<string, unknown>;
  const fieldErrors: FieldErrors = {};
  const check = (field: keyof RunRequest, message: string | null) => {
    if (message !== null) fieldErrors[field] = message;
  };
  check(
    'seed',
    wholeNumber(
      input.seed,
      'Seed',
      0,
      2 ** 31 - 1,
      'Seed must be 0 or more.',
      'Seed must be at most 2147483647.',
    ),
  );
  check(
    'events',
    wholeNumber(
      input.events,
      'Events',
      1000,
      maxBrowserEvents,
      'At least 1,000 events.',
      `At most ${maxBrowserEvents.toLocaleString('en-US')} events from the browser (use the CLI for more).`,
    ),
  );
  check('days', wholeNumber(input.days, 'Days', 1, 365, 'At least 1 day.', 'At most 365 days.'));
  if (!(faultProfiles as readonly unknown[]).includes(input.faults))
    check('faults', `Fault profile must be one of: ${faultProfiles.join(', ')}.`);
  if (input.tier !== undefined && !tiers.includes(input.tier))
    check('tier', 'Tier must be embedded or services.');
  if (input.engine !== undefined && !(batchEngines as readonly unknown[]).includes(input.engine))
    check('engine', 'Engine must be duckdb or spark.');
  if (input.stepMode !== undefined && typeof input.stepMode !== 'boolean')
    check('stepMode', 'Step mode must be true or false.');
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const value: RunRequest = {
    seed: input.seed as number,
    events: input.events as number,
    days: input.days as number,
    faults: input.faults as FaultProfile,
    engine: (input.engine as BatchEngine | undefined) ?? 'duckdb',
    stepMode: (input.stepMode as boolean | undefined) ?? false,
  };
  if (input.tier !== undefined) value.tier = input.tier as RunRequest['tier'];
  return { ok: true, value };
}
