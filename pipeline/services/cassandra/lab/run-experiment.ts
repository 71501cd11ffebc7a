import { setTimeout as sleep } from 'node:timers/promises';
import type {
  CassandraCellRequest,
  CassandraCellResult,
  CassandraCellTarget,
} from '../../../contracts/cassandra-lab';
import { PipelineError } from '../../../contracts/errors';
import type { Clock } from '../../../core/clock';
import { cassandraClient } from '../cassandra-client';
import { servingKeyspace } from '../serving-keyspace';
import { consistency } from './consistency-experiment';
import type { LabContext, LabResult } from './context';
import { allowFiltering, hotPartitions, partitionRead } from './read-experiments';
import { tombstones, ttlExpiry } from './write-experiments';

function dispatch(context: LabContext, request: CassandraCellRequest): Promise<LabResult> {
  switch (request.experiment) {
    case 'partition-read':
      return partitionRead(context, request.params);
    case 'allow-filtering':
      return allowFiltering(context, request.params);
    case 'hot-partitions':
      return hotPartitions(context, request.params);
    case 'tombstones':
      return tombstones(context, request.params);
    case 'ttl-expiry':
      return ttlExpiry(context, request.params);
    case 'consistency':
      return consistency(context, request.params);
  }
}

/**
 * Runs one of the lesson's experiments on a run's serving table (keyspace `pipeline_lab_<runId>`): fixed,
 * prepared CQL with the request's validated values bound, never a statement from the learner. Writes happen only
 * in scratch keyspaces the experiment drops before it answers.
 */
export async function runCassandraExperiment(options: {
  contactPoints: string;
  target: CassandraCellTarget;
  request: CassandraCellRequest;
  clock: Clock;
}): Promise<CassandraCellResult> {
  const client = cassandraClient(options.contactPoints, { requestTimeoutMs: 60_000 });
  try {
    try {
      await client.connect();
    } catch (error) {
      throw new PipelineError(
        'SERVICE_UNAVAILABLE',
        `Cassandra does not answer at ${options.contactPoints}: ${error instanceof Error ? error.message : String(error)}. ` +
          'Start it with `npm run services -- up`.',
      );
    }
    const keyspace = servingKeyspace(options.target.runId);
    const found = await client.execute(
      'SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?',
      [keyspace, 'events_by_user_day'],
      { prepare: true },
    );
    if (found.rowLength === 0)
      throw new PipelineError(
        'NOT_FOUND',
        `Run ${options.target.runId} has no serving table in Cassandra (${keyspace}): its export stage writes it on the services tier.`,
      );
    const context: LabContext = {
      client,
      runId: options.target.runId,
      keyspace,
      days: options.target.days,
      clock: options.clock,
      sleep: (ms) => sleep(ms),
    };
    const result = await dispatch(context, options.request);
    return { experiment: options.request.experiment, runId: options.target.runId, keyspace, ...result };
  } finally {
    await client.shutdown();
  }
}
