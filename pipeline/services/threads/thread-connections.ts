import type { ErrorCode } from '../../contracts/errors';

/**
 * How a thread reaches a run's event log and key-value store: the embedded log's directory and the key files'
 * directory, or the Kafka and Redis the services tier uses, in the run's namespaces.
 */
export type ThreadConnections =
  | { tier: 'embedded'; logRoot: string; kvDirectory: string }
  | {
      tier: 'services';
      kafkaBrokers: string[];
      kafkaPrefix: string;
      redisUrl: string;
      redisNamespace: string;
    };

/** What the thread is started with (workerData). */
export interface ThreadRequest {
  connections: ThreadConnections;
  topics: readonly string[];
  input: unknown;
}

export type ThreadReply =
  | { type: 'done'; result: unknown }
  | { type: 'failed'; code: ErrorCode; message: string; retriable: boolean };
