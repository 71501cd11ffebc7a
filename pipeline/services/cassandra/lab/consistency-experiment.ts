import type { CassandraExperimentParams, CqlStep } from '../../../contracts/cassandra-lab';
import { PipelineError } from '../../../contracts/errors';
import { servingTable } from '../../../contracts/serving';
import type { LabContext, LabResult } from './context';
import { insertOf, keyParams, pickPartition, requireRows, runTable, tableColumns } from './partitions';
import {
  dropScratch,
  localDataCenter,
  scratchKeyspaceCql,
  scratchKeyspaceName,
  scratchTableCql,
  sweepStaleScratch,
} from './scratch';
import { runStep, runWrite, type Consistency } from './traced';

/** Replicas a consistency level waits for, given the replication factor. */
const required = (level: Consistency, replicationFactor: number): number =>
  level === 'ONE' ? 1 : level === 'ALL' ? replicationFactor : Math.floor(replicationFactor / 2) + 1;

/**
 * Consistency levels on the learner's node: the run's partition read at ONE, QUORUM and ALL (replication factor 1,
 * so all three wait for the same one replica), then a scratch keyspace asking for three replicas on this one node,
 * where ONE still succeeds and QUORUM (two of three) cannot: what a three-node cluster with a node down looks like
 * from the client's side.
 */
export async function consistency(
  context: LabContext,
  params: CassandraExperimentParams['consistency'],
): Promise<LabResult> {
  const { client, keyspace, clock } = context;
  const steps: CqlStep[] = [];
  const key = await pickPartition(client, keyspace, params, steps);
  const replication = await client.execute(
    'SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?',
    [keyspace],
    { prepare: true },
  );
  const factors = Object.entries((replication.first()?.get('replication') ?? {}) as Record<string, string>)
    .filter(([name]) => name !== 'class')
    .map(([, value]) => Number(value));
  const runFactor = factors.reduce((sum, n) => sum + n, 0);
  const peers = await client.execute('SELECT peer FROM system.peers_v2');
  const nodes = peers.rowLength + 1;
  const read = `SELECT ${tableColumns.join(', ')} FROM ${runTable(keyspace)} WHERE user_id = ? AND event_date = ?`;
  const levels: Consistency[] = ['ONE', 'QUORUM', 'ALL'];
  const runReads: Array<{ level: Consistency; step: CqlStep }> = [];
  let sample = null;
  for (const level of levels) {
    const { step, rows } = await runStep(client, read, keyParams(key), {
      label: `Read the run's partition at ${level} (replication factor ${runFactor}: waits for ${required(level, runFactor)})`,
      consistency: level,
    });
    steps.push(step);
    runReads.push({ level, step });
    sample ??= rows[0] ?? null;
  }
  requireRows(sample ? 1 : 0, key, keyspace);

  await sweepStaleScratch(client, clock);
  const scratch = scratchKeyspaceName(clock);
  const tried: Array<{ what: string; step: CqlStep }> = [];
  try {
    const dataCenter = await localDataCenter(client);
    const create = await runWrite(client, scratchKeyspaceCql(scratch, dataCenter, 3), [], {
      label: `A scratch keyspace asking for 3 replicas on this ${nodes}-node cluster`,
    });
    steps.push(create);
    const table = await runWrite(client, scratchTableCql(scratch), [], {
      label: "The run's table layout in it",
    });
    steps.push(table);
    if (create.outcome === 'refused' || table.outcome === 'refused')
      throw new PipelineError('SERVICE_UNAVAILABLE', create.error ?? table.error ?? 'refused');
    const target = `${scratch}.${servingTable.name}`;
    for (const level of ['ONE', 'QUORUM'] as const) {
      const insert = insertOf(target, sample!);
      const step = await runWrite(client, insert.query, insert.params, {
        label: `Write a copy of one event at ${level} (replication factor 3: waits for ${required(level, 3)})`,
        consistency: level,
      });
      steps.push(step);
      tried.push({ what: `write at ${level}`, step });
    }
    for (const level of ['ONE', 'QUORUM'] as const) {
      const { step } = await runStep(
        client,
        `SELECT event_id FROM ${target} WHERE user_id = ? AND event_date = ?`,
        keyParams(key),
        { label: `Read it at ${level}`, consistency: level },
      );
      steps.push(step);
      tried.push({ what: `read at ${level}`, step });
    }
  } finally {
    await dropScratch(client, scratch);
    steps.push({
      label: 'Drop the scratch keyspace',
      cql: `DROP KEYSPACE ${scratch};`,
      consistency: 'LOCAL_QUORUM',
      outcome: 'ok',
      warnings: [],
      ms: 0,
      rowsReturned: 0,
    });
  }
  const outcome = (step: CqlStep) => (step.outcome === 'ok' ? `ok, ${step.ms} ms` : 'refused (Unavailable)');
  return {
    scratchKeyspace: scratch,
    steps,
    figures: [
      { label: 'nodes in the cluster', value: nodes },
      { label: "replication factor of the run's keyspace", value: runFactor },
      ...runReads.map(({ level, step }) => ({
        label: `run partition read at ${level}`,
        value: outcome(step),
      })),
      ...tried.map(({ what, step }) => ({
        label: `RF 3 on ${nodes} node(s): ${what}`,
        value: outcome(step),
      })),
    ],
    table: null,
    summary:
      `With replication factor ${runFactor} on ${nodes} node(s), ONE, QUORUM and ALL all wait for the same single ` +
      'replica and all succeed. Ask for three replicas on one node and QUORUM needs two live replicas: the ' +
      'coordinator refuses at once with Unavailable, before writing anything, while ONE still succeeds.',
  };
}
