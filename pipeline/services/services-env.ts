import { z } from 'zod';
import { PipelineError } from '../contracts/errors';

/** Where the services tier's systems are: from the environment (.env), validated once. */
const schema = z.object({
  KAFKA_BROKERS: z.string().min(1).default('localhost:9092'),
  DATABASE_URL: z.string().url().default('postgres://pipeline:pipeline@localhost:5432/pipeline_lab'),
  S3_ENDPOINT: z.string().url().default('http://localhost:9000'),
  S3_BUCKET: z.string().min(3).default('pipeline-lab'),
  S3_ACCESS_KEY_ID: z.string().min(1).default('pipeline'),
  S3_SECRET_ACCESS_KEY: z.string().min(1).default('pipeline-secret'),
  S3_REGION: z.string().min(1).default('us-east-1'),
  REDIS_URL: z.string().url().default('redis://localhost:6379'),
  CLICKHOUSE_URL: z.string().url().optional(),
});
export type ServicesEnv = z.infer<typeof schema>;

export function servicesEnv(source: Record<string, string | undefined> = process.env): ServicesEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PipelineError('INVALID_ARGUMENT', `Services tier configuration: ${issue?.path.join('.')} ${issue?.message} (see .env.example).`);
  }
  return parsed.data;
}
