import type { CassandraCellResult, CqlStep } from '@/pipeline/contracts/cassandra-lab';

function StepView({ step }: { step: CqlStep }) {
  return (
    <li className="rounded border border-slate-200 p-2 dark:border-slate-700" data-testid="cql-step">
      <p className="flex flex-wrap items-baseline gap-2 text-xs">
        <span className="font-semibold">{step.label}</span>
        <span
          className={
            step.outcome === 'ok'
              ? 'text-emerald-700 dark:text-emerald-300'
              : 'text-red-700 dark:text-red-300'
          }
        >
          {step.outcome === 'ok' ? 'ok' : 'refused'}
        </span>
        <span className="text-slate-500">
          {step.consistency} · {step.ms} ms · {step.rowsReturned} rows returned
        </span>
      </p>
      <pre className="mt-1 whitespace-pre-wrap break-all text-xs">
        <code>{step.cql}</code>
      </pre>
      {step.trace ? (
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
          Trace: {step.trace.liveRowsRead} live rows and {step.trace.tombstoneCellsRead} tombstone cells read,{' '}
          {step.trace.rangeScan ? 'a range scan' : `${step.trace.partitionReads} partition read(s) by key`},{' '}
          {Math.round(step.trace.durationMicros / 100) / 10} ms at the coordinator
        </p>
      ) : null}
      {step.error ? <p className="mt-1 text-xs text-red-800 dark:text-red-200">{step.error}</p> : null}
      {step.warnings.map((warning) => (
        <p key={warning} className="mt-1 text-xs text-amber-800 dark:text-amber-200">
          Server warning: {warning.slice(0, 300)}
        </p>
      ))}
    </li>
  );
}

/** What an experiment ran and measured: the summary, the figures, each statement with its trace, a few rows. */
export function CqlCellResult({ result }: { result: CassandraCellResult }) {
  return (
    <div className="mt-3 space-y-3" data-testid="cql-cell-result">
      <p className="text-sm">{result.summary}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs">
        {result.figures.map((figure) => (
          <div key={figure.label} className="contents">
            <dt className="text-slate-500">{figure.label}</dt>
            <dd className="font-mono">{figure.value}</dd>
          </div>
        ))}
      </dl>
      <ol className="space-y-2">
        {result.steps.map((step, index) => (
          <StepView key={`${index} ${step.label}`} step={step} />
        ))}
      </ol>
      {result.table && result.table.rows.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="text-xs">
            <thead>
              <tr>
                {result.table.columns.map((column) => (
                  <th key={column} className="px-2 text-left font-semibold">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="font-mono">
              {result.table.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((value, column) => (
                    <td key={column} className="px-2">
                      {value ?? 'null'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
