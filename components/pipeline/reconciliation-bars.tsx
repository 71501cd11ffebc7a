import type { EntityReconciliation } from '@/pipeline/contracts/run-figures';
import { fmt } from './console-types';

/**
 * One entity as a waterfall: generated splits into dead-lettered (ingest) and landed; landed splits into
 * quarantined (validate), duplicates removed (dedupe) and accepted. Every record ends in exactly one bar.
 */
export function ReconciliationBars({ row }: { row: EntityReconciliation }) {
  const generated = row.generated ?? row.deadLettered + row.landed;
  const max = Math.max(generated, 1);
  const bar = (label: string, value: number, offset: number, colour: string) => (
    <div className="flex items-center gap-2 text-xs" key={label}>
      <span className="w-28 shrink-0">{label}</span>
      <div className="relative h-3 min-w-0 flex-1 bg-slate-100 dark:bg-slate-800">
        <div
          className={`absolute h-3 ${colour}`}
          style={{ left: `${(offset / max) * 100}%`, width: `${(value / max) * 100}%` }}
        />
      </div>
      <span className="w-16 shrink-0 text-right font-mono">{fmt(value)}</span>
    </div>
  );
  return (
    <div data-testid={`reconcile-${row.entity}`}>
      <h4 className="text-sm font-semibold">
        {row.entity}{' '}
        <span className={row.holds ? 'text-green-700' : 'text-red-700'}>
          {row.holds ? 'reconciles' : 'does not reconcile'}
        </span>
      </h4>
      <p
        className="text-xs text-slate-600 dark:text-slate-300"
        data-testid={`reconcile-${row.entity}-identity`}
      >
        {row.generated === null ? '' : `${fmt(row.generated)} generated = `}
        {fmt(row.deadLettered)} dead-lettered + {fmt(row.landed)} landed; {fmt(row.landed)} landed ={' '}
        {fmt(row.quarantined)} quarantined + {fmt(row.duplicatesRemoved)} duplicates removed +{' '}
        {fmt(row.accepted)} accepted
      </p>
      {row.generated !== null ? bar('generated', row.generated, 0, 'bg-slate-500') : null}
      {bar('dead-lettered', row.deadLettered, 0, 'bg-red-800')}
      {bar('landed', row.landed, row.deadLettered, 'bg-sky-600')}
      {bar('quarantined', row.quarantined, row.deadLettered, 'bg-red-600')}
      {bar('duplicates', row.duplicatesRemoved, row.deadLettered + row.quarantined, 'bg-amber-500')}
      {bar(
        'accepted',
        row.accepted,
        row.deadLettered + row.quarantined + row.duplicatesRemoved,
        'bg-green-600',
      )}
    </div>
  );
}
