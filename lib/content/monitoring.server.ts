import 'server-only';
import { renderMetrics } from '@/lib/metrics/metrics.server';
import { listRuns, readManifest } from '@/lib/runs/registry.server';
import { entityReconciliation, quarantineFigures } from '@/pipeline/contracts/run-figures';
import type { MonitoringFigures } from './monitoring-types';

/** The series the alert rules read (lib/metrics/latest-run-metrics.ts). */
const watched = /^pipeline_(latest_run_|latest_reconciliation_|last_ingest_)/;

/** The newest finished run as the alert rules see it, or null before the learner's first finished run. */
export async function latestMonitoring(): Promise<MonitoringFigures | null> {
  const { runs } = await listRuns();
  const latest = runs.find((run) => run.status === 'succeeded' || run.status === 'failed');
  if (!latest) return null;
  const manifest = await readManifest(latest.runId);
  const { body } = await renderMetrics();
  const generated = manifest.stages.find((stage) => stage.name === 'generate');
  const reconciliation = entityReconciliation(manifest);
  return {
    runId: manifest.runId,
    faults: manifest.config.faults,
    exposition: body.split('\n').filter((line) => watched.test(line)),
    rejectRatio:
      generated?.status === 'succeeded' && generated.outputRows > 0
        ? quarantineFigures(manifest).total / generated.outputRows
        : null,
    failedStages: manifest.stages.filter((stage) => stage.status === 'failed').map((stage) => stage.name),
    brokenReconciliation: reconciliation
      ? reconciliation.filter((row) => !row.holds).map((row) => row.entity)
      : null,
  };
}
