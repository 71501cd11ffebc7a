import path from 'node:path';
import { z } from 'zod';
import type { Tier } from '@/pipeline/contracts/services';
import { servicesEnvSchema, type ServicesEnv } from '@/pipeline/contracts/services-env';
import { withServicesEnvFile } from '@/pipeline/services/services-env-file';

/**
 * Server environment, validated once with zod. Read it through `env()`, never through process.env, so a bad
 * value fails with a message that names the variable instead of surfacing later as a confusing 404.
 * The services tier's URLs use the pipeline's own schema (pipeline/contracts/services-env.ts), so the web app
 * and the CLI accept exactly the same values; they are checked whichever tier is selected, because a value
 * that is set but broken is a mistake either way.
 */
const envSchema = servicesEnvSchema.extend({
  /** Where run directories live (`<root>/<runId>/manifest.json`). Relative paths resolve from the project root. */
  PIPELINE_LAB_RUNS_DIR: z
    .string()
    .min(1, 'PIPELINE_LAB_RUNS_DIR must not be empty')
    .refine((value) => !value.includes('\0'), 'PIPELINE_LAB_RUNS_DIR must not contain NUL bytes')
    .default('.data/runs'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PIPELINE_TIER: z
    .enum(['embedded', 'services'], { error: 'must be embedded or services' })
    .default('embedded'),
});

export interface Env {
  /** Absolute path of the runs root. */
  runsDir: string;
  nodeEnv: 'development' | 'production' | 'test';
  /** The tier runs started from the web console use by default (PIPELINE_TIER). */
  tier: Tier;
  /** Where the services tier's systems are (defaults match docker-compose.yml). */
  services: ServicesEnv;
}

export function parseEnv(source: Record<string, string | undefined>, cwd: string = process.cwd()): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const { PIPELINE_LAB_RUNS_DIR, NODE_ENV, PIPELINE_TIER, ...services } = result.data;
  return {
    runsDir: path.resolve(cwd, PIPELINE_LAB_RUNS_DIR),
    nodeEnv: NODE_ENV,
    tier: PIPELINE_TIER,
    services,
  };
}

let cached: Env | undefined;

export function env(): Env {
  // Next.js has loaded .env into process.env; the addresses `npm run services -- up` wrote come beneath it.
  cached ??= parseEnv(withServicesEnvFile(process.env));
  return cached;
}
