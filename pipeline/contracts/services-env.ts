import { z } from 'zod';
import { PipelineError } from './errors';

// A bare `localhost:5432` parses as a URL whose scheme is "localhost": each URL names the scheme it needs, so
// that mistake is caught here instead of as a confusing connection error later.
const urlOf = (schemes: RegExp, example: string) =>
  z.url({ protocol: schemes, error: `must be a URL like ${example}` });
const broker = /^(?:\[[0-9A-Fa-f:]+\]|[^\s,:[\]]+):\d{1,5}$/;

/**
 * Where the services tier's systems are: from the environment (.env), validated once. Exported so lib/env.ts
 * validates the same variables for the web app (the web side imports the pipeline, never the reverse).
 */
export const servicesEnvSchema = z.object({
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .refine(
      (value) => value.split(',').every((entry) => broker.test(entry.trim())),
      'must be host:port[,host:port…], e.g. localhost:9092',
    )
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .join(','),
    )
    .default('localhost:9092'),
  DATABASE_URL: urlOf(/^postgres(?:ql)?$/, 'postgres://user:password@localhost:5432/database').default(
    'postgres://pipeline:pipeline@localhost:5432/pipeline_lab',
  ),
  S3_ENDPOINT: urlOf(/^https?$/, 'http://localhost:9000').default('http://localhost:9000'),
  S3_BUCKET: z.string().min(3).default('pipeline-lab'),
  S3_ACCESS_KEY_ID: z.string().min(1).default('pipeline'),
  S3_SECRET_ACCESS_KEY: z.string().min(1).default('pipeline-secret'),
  S3_REGION: z.string().min(1).default('us-east-1'),
  REDIS_URL: urlOf(/^rediss?$/, 'redis://localhost:6379').default('redis://localhost:6379'),
  // Where the export stage writes each accepted event for serving (query-first table, docs/decisions/010). All
  // contact points share the first one's port, as the driver has one port per client.
  CASSANDRA_CONTACT_POINTS: z
    .string()
    .min(1)
    .refine(
      (value) => value.split(',').every((entry) => broker.test(entry.trim())),
      'must be host:port[,host:port…], e.g. localhost:9042',
    )
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .join(','),
    )
    .default('localhost:9042'),
  // Optional: `CLICKHOUSE_URL=` (left empty in a copied .env) means "not configured", not "invalid".
  CLICKHOUSE_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    urlOf(/^https?$/, 'http://user:password@localhost:8123/database (the HTTP port)').optional(),
  ),
});
export type ServicesEnv = z.infer<typeof servicesEnvSchema>;

export function servicesEnv(source: Record<string, string | undefined> = process.env): ServicesEnv {
  const parsed = servicesEnvSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `Services tier configuration: ${issue?.path.join('.')} ${issue?.message} (see .env.example).`,
    );
  }
  return parsed.data;
}
