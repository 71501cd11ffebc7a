import { z } from 'zod';
import { faultProfiles } from '@/pipeline/contracts/faults';
import { batchEngines } from '@/pipeline/contracts/manifest';
import { stageNames } from '@/pipeline/contracts/stages';

/** The most events a run started from the browser may ask for (the CLI allows more). */
export const maxBrowserEvents = 2_000_000;

/** POST /api/runs body. Shared by the form (client-side check) and the handler (the check that counts). */
export const runRequestSchema = z.object({
  seed: z
    .number({ error: 'Seed must be a whole number.' })
    .int('Seed must be a whole number.')
    .min(0, 'Seed must be 0 or more.')
    .max(2 ** 31 - 1, 'Seed must be at most 2147483647.'),
  events: z
    .number({ error: 'Events must be a whole number.' })
    .int('Events must be a whole number.')
    .min(1000, 'At least 1,000 events.')
    .max(
      maxBrowserEvents,
      `At most ${maxBrowserEvents.toLocaleString('en-US')} events from the browser (use the CLI for more).`,
    ),
  days: z
    .number({ error: 'Days must be a whole number.' })
    .int('Days must be a whole number.')
    .min(1, 'At least 1 day.')
    .max(365, 'At most 365 days.'),
  faults: z.enum(faultProfiles, { error: `Fault profile must be one of: ${faultProfiles.join(', ')}.` }),
  /** Absent: the console's default tier (PIPELINE_TIER, else embedded), chosen by the server. */
  tier: z.enum(['embedded', 'services'], { error: 'Tier must be embedded or services.' }).optional(),
  /** The batch engine of validate … quality: DuckDB in-process unless the learner picks Spark. */
  engine: z.enum(batchEngines, { error: 'Engine must be duckdb or spark.' }).default('duckdb'),
  /** Step mode: run only generate now; the learner runs the next stages one at a time. */
  stepMode: z.boolean().default(false),
});
export type RunRequest = z.infer<typeof runRequestSchema>;

export type FieldErrors = Partial<Record<keyof RunRequest | 'form', string>>;

export type RunRequestResult = { ok: true; value: RunRequest } | { ok: false; fieldErrors: FieldErrors };

/** Validates an untrusted body and returns one message per field, for display beside that field. */
export function parseRunRequest(body: unknown): RunRequestResult {
  const parsed = runRequestSchema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    const field =
      typeof key === 'string' && key in runRequestSchema.shape ? (key as keyof RunRequest) : 'form';
    fieldErrors[field] ??= issue.path.length === 0 ? 'The body must be a JSON object.' : issue.message;
  }
  return { ok: false, fieldErrors };
}

export const stepTargetSchema = z.enum(stageNames);
