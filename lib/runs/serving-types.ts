import type { PartitionSpread, PartitionTimeline } from '@/pipeline/contracts/serving';
import type { Tier } from '@/pipeline/contracts/services';

/** GET /api/runs/{runId}/serving: the run's Cassandra serving table, or why there is none to read. */
export type ServingState =
  | {
      available: false;
      tier: Tier;
      /** One line: the embedded tier has no serving store, or Cassandra does not answer (with the reason). */
      reason: string;
    }
  | {
      available: true;
      tier: 'services';
      location: string;
      keyspace: string;
      table: string;
      ttlSeconds: number;
      /** Present when no partition was asked for: the spread of rows, and the largest partition's timeline. */
      spread?: PartitionSpread;
      timeline: PartitionTimeline | null;
    };
