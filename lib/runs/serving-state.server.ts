import 'server-only';
import { readManifest, runDirectory } from './registry.server';
import { withRunServices } from './run-services.server';
import type { ServingState } from './serving-types';

const embeddedReason =
  'Cassandra runs on the services tier only: this run is on the embedded tier, where fact_events in the warehouse ' +
  'answers the same question by scanning. Start the services (`npm run services -- up`) and run on the services tier.';

/**
 * A run's serving table for the console: one partition's timeline when a user and day are given, otherwise the
 * spread of rows over partitions (a full scan) with the largest partition's timeline. Reads by partition key only.
 */
export async function servingStateForRun(
  runId: string,
  partition: { userId: string; eventDate: string } | undefined,
  limit: number,
): Promise<ServingState> {
  const manifest = await readManifest(runId);
  const tier = manifest.config.tier;
  if (tier === 'embedded') return { available: false, tier, reason: embeddedReason };
  const exported = manifest.stages.find((stage) => stage.name === 'export');
  if (exported?.status !== 'succeeded')
    return {
      available: false,
      tier,
      reason: 'The export stage writes the serving table: it has not finished for this run yet.',
    };
  try {
    return await withRunServices(runDirectory(runId), tier, async (reader) => {
      const serving = reader.serving;
      if (!serving) return { available: false, tier, reason: 'This tier has no serving store.' };
      const location = {
        location: serving.location,
        keyspace: serving.keyspace,
        table: serving.table,
        ttlSeconds: serving.ttlSeconds,
      };
      if (partition) {
        return {
          available: true,
          tier: 'services',
          ...location,
          timeline: await serving.timeline({ ...partition, limit }),
        };
      }
      const spread = await serving.spread(5);
      const largest = spread.largest[0];
      return {
        available: true,
        tier: 'services',
        ...location,
        spread,
        timeline: largest
          ? await serving.timeline({ userId: largest.userId, eventDate: largest.eventDate, limit })
          : null,
      };
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { available: false, tier, reason: `Cassandra does not answer: ${message.slice(0, 300)}` };
  }
}
