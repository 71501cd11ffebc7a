import Link from 'next/link';
import type { QuarantineFigures, Reconciliation } from '@/pipeline/contracts/run-figures';

const fmt = (value: number) => value.toLocaleString('en-US');

interface Props {
  runId: string;
  reconciliation: Reconciliation;
  quarantine: QuarantineFigures;
}

/**
 * The reconciliation of the learner's newest run, stated as it holds: every generated line is dead-lettered by
 * ingest or landed, and every landed record is quarantined by validate, removed as a duplicate, or accepted.
 */
export function RunReconciliation({ runId, reconciliation: run, quarantine }: Props) {
  return (
    <div className="mt-3 rounded bg-slate-50 p-3 text-sm dark:bg-slate-900" data-testid="home-reconciliation">
      <p>
        In your run{' '}
        <Link href="/pipeline" className="font-mono text-brand-600 underline dark:text-brand-100">
          {runId}
        </Link>
        {run.holds
          ? ', every record is accounted for:'
          : ', the figures do not reconcile (see its Quality tab):'}
      </p>
      <ul className="mt-1 list-disc pl-5 font-mono text-xs">
        <li data-testid="home-reconciliation-ingest">
          {run.generated === null ? '' : `${fmt(run.generated)} generated = `}
          {fmt(run.deadLettered)} dead-lettered + {fmt(run.landed)} landed
        </li>
        <li data-testid="home-reconciliation-batch">
          {fmt(run.landed)} landed = {fmt(run.quarantined)} quarantined + {fmt(run.duplicatesRemoved)}{' '}
          duplicates removed + {fmt(run.accepted)} accepted
        </li>
      </ul>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
        Quarantine holds {fmt(quarantine.total)} records, each once: the {fmt(run.deadLettered)} ingest could
        not date-partition and the {fmt(run.quarantined)} validate rejected.
      </p>
    </div>
  );
}
