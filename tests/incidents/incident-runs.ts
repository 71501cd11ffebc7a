import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IncidentType } from '@/pipeline/contracts/incidents';
import { defaultStartDate } from '@/pipeline/contracts/manifest';
import { systemClock } from '@/pipeline/core/clock';
import { createLogger } from '@/pipeline/core/logger';
import { runPipeline } from '@/pipeline/run';
import { createServices, openMemoryRunStore } from '@/pipeline/services/create-services';

/** A real incident run up to export (as a round builds it), in this process, into `<workDir>/<incident>-<seed>`. */
export async function buildIncidentRun(
  workDir: string,
  incident: IncidentType,
  seed: number,
  events: number,
): Promise<string> {
  const runDir = path.join(workDir, `${incident}-${seed}`);
  const runStore = await openMemoryRunStore();
  const services = await createServices({
    tier: 'embedded',
    runDir,
    runStoreDir: path.join(workDir, 'store'),
    clock: systemClock,
    runStore,
  });
  try {
    const manifest = await runPipeline({
      runId: `${incident.replaceAll('_', '-')}-${seed}`,
      runDir,
      config: {
        seed,
        events,
        days: 7,
        faults: 'realistic',
        tier: 'embedded',
        startDate: defaultStartDate,
        partitions: 4,
        incident,
      },
      services,
      clock: systemClock,
      log: createLogger({ sink: { write: () => undefined }, clock: systemClock, format: 'json' }),
      until: 'export',
    });
    if (manifest.status === 'failed') throw new Error(`run ${incident}-${seed} failed`);
  } finally {
    await services.close();
    await runStore.close();
  }
  return runDir;
}

export function incidentWorkDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'incidents-'));
}
