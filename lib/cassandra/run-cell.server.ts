import 'server-only';
import type { CassandraCellAnswer, CassandraCellRequest } from '@/pipeline/contracts/cassandra-lab';
import { PipelineError } from '@/pipeline/contracts/errors';
import { systemClock } from '@/pipeline/core/clock';
import { runCassandraExperiment } from '@/pipeline/services/create-services';
import { env } from '@/lib/env';
import { cassandraCellTarget } from './cell-target.server';

/**
 * One experiment at a time in this server: they time reads against each other and write scratch keyspaces, and a
 * second one at once would skew the first one's figures and double the node's load. Held in globalThis so Next's
 * module copies share it.
 */
const globalKey = Symbol.for('pipeline-lab.cassandra-cell-busy');
const holder = globalThis as unknown as Record<symbol, boolean | undefined>;

export async function runCassandraCell(request: CassandraCellRequest): Promise<CassandraCellAnswer> {
  const target = await cassandraCellTarget();
  if ('reason' in target) return { available: false, reason: target.reason };
  if (holder[globalKey])
    throw new PipelineError(
      'CONFLICT',
      'Another Cassandra experiment is running: run this one when it has finished.',
    );
  holder[globalKey] = true;
  try {
    const result = await runCassandraExperiment({
      contactPoints: env().services.CASSANDRA_CONTACT_POINTS,
      target,
      request,
      clock: systemClock,
    });
    return { available: true, ...result };
  } finally {
    holder[globalKey] = false;
  }
}
