import 'server-only';
import type { CassandraCellTarget } from '@/pipeline/contracts/cassandra-lab';
import { servingKeyspace } from '@/pipeline/services/create-services';
import { listRuns, readManifest } from '@/lib/runs/registry.server';

/** The one-line fix the cells show when there is nothing to run on. */
export const noServicesRunReason =
  'The wide-column cells run on a services-tier run, whose export stage writes its events to Cassandra: start the ' +
  'services (`npm run services -- up`), then run the pipeline on the services tier (`npm run pipeline -- run --tier ' +
  'services`, or the console with the services tier chosen).';

/** The days of a run's window, YYYY-MM-DD, from its start date. */
export function windowDays(startDate: string, days: number): string[] {
  const start = Date.parse(`${startDate}T00:00:00Z`);
  return Array.from({ length: days }, (_, day) =>
    new Date(start + day * 86_400_000).toISOString().slice(0, 10),
  );
}

/**
 * The run the lesson's Cassandra cells read: the newest services-tier run whose export stage succeeded (so its
 * serving table is complete). Read from the manifests only; Cassandra is asked nothing until a cell runs.
 */
export async function cassandraCellTarget(
  runsDir?: string,
): Promise<CassandraCellTarget | { reason: string }> {
  const { runs } = await listRuns(runsDir);
  for (const run of runs) {
    if (run.tier !== 'services') continue;
    const manifest = await readManifest(run.runId, runsDir).catch(() => null);
    const exported = manifest?.stages.find((stage) => stage.name === 'export');
    if (!manifest || exported?.status !== 'succeeded') continue;
    return { runId: run.runId, days: windowDays(manifest.config.startDate, manifest.config.days) };
  }
  return { reason: noServicesRunReason };
}

/** What a lesson page hands its Cassandra cells: the run and its keyspace, or the reason there is none. */
export async function lessonCassandraTarget(): Promise<
  { runId: string; keyspace: string } | { reason: string }
> {
  const target = await cassandraCellTarget().catch(() => ({ reason: noServicesRunReason }));
  return 'reason' in target ? target : { runId: target.runId, keyspace: servingKeyspace(target.runId) };
}
