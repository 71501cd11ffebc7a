import path from 'node:path';
import { z } from 'zod';

/**
 * Server environment, validated once with zod. Read it through `env()`, never through process.env, so a bad
 * value fails with a message that names the variable instead of surfacing later as a confusing 404.
 */
const envSchema = z.object({
  /** Where run directories live (`<root>/<runId>/manifest.json`). Relative paths resolve from the project root. */
  PIPELINE_LAB_RUNS_DIR: z
    .string()
    .min(1, 'PIPELINE_LAB_RUNS_DIR must not be empty')
    .refine((value) => !value.includes('\0'), 'PIPELINE_LAB_RUNS_DIR must not contain NUL bytes')
    .default('.data/runs'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export interface Env {
  /** Absolute path of the runs root. */
  runsDir: string;
  nodeEnv: 'development' | 'production' | 'test';
}

export function parseEnv(source: Record<string, string | undefined>, cwd: string = process.cwd()): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return { runsDir: path.resolve(cwd, result.data.PIPELINE_LAB_RUNS_DIR), nodeEnv: result.data.NODE_ENV };
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
