import type cassandra from 'cassandra-driver';
import type { CassandraCellResult } from '../../../contracts/cassandra-lab';
import type { Clock } from '../../../core/clock';

/** What every experiment gets: a connected client, the run's keyspace and window, the clock. */
export interface LabContext {
  client: cassandra.Client;
  runId: string;
  keyspace: string;
  /** The run's days (YYYY-MM-DD), the event_date values its partitions can have. */
  days: string[];
  clock: Clock;
  /** Waits, for experiments that watch time pass (a TTL counting down). */
  sleep(ms: number): Promise<void>;
}

export type LabResult = Omit<CassandraCellResult, 'experiment' | 'runId' | 'keyspace'>;

/** Rows-per-partition order statistic: the value at `share` of the sorted counts. */
export const percentile = (sorted: number[], share: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0);
