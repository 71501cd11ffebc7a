'use client';

import { useEffect, useState } from 'react';
import type { Manifest } from '@/pipeline/contracts/manifest';
import type { QuarantineFigures, Reconciliation } from '@/pipeline/contracts/run-figures';
import { RunReconciliation } from './run-reconciliation';

interface Figures {
  runId: string;
  reconciliation: Reconciliation;
  quarantine: QuarantineFigures;
}

/**
 * The newest succeeded run's reconciliation on the home page. Read after hydration (the page stays a static file,
 * and the reading code stays out of its first-load JavaScript), through the same run-figures functions as the
 * console and the CLI summary.
 */
export function NewestRunFigures() {
  const [figures, setFigures] = useState<Figures | null>(null);
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const listing = await fetch('/api/runs', { cache: 'no-store' });
      if (!listing.ok) return;
      const { runs } = (await listing.json()) as { runs: Array<{ runId: string; status: string }> };
      const newest = runs.find((run) => run.status === 'succeeded');
      if (!newest) return;
      const [details, { quarantineFigures, runReconciliation }] = await Promise.all([
        fetch(`/api/runs/${newest.runId}`, { cache: 'no-store' }),
        import('@/pipeline/contracts/run-figures'),
      ]);
      if (!details.ok) return;
      const { manifest } = (await details.json()) as { manifest: Manifest };
      const reconciliation = runReconciliation(manifest);
      if (!cancelled && reconciliation)
        setFigures({ runId: manifest.runId, reconciliation, quarantine: quarantineFigures(manifest) });
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);
  return figures ? <RunReconciliation {...figures} /> : null;
}
