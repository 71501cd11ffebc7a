import type { Sample } from '@/lib/runs/inspect-types';

/** A few rows a stage read or wrote, with where they come from; wide rows scroll sideways inside the drawer. */
export function SampleTable({ sample, direction }: { sample: Sample; direction: 'input' | 'output' }) {
  return (
    <figure className="mt-2">
      <figcaption className="text-xs">
        <span className="font-semibold">{sample.label}</span>{' '}
        <span className="font-mono text-slate-500">{sample.source}</span>
      </figcaption>
      {sample.rows.length === 0 ? (
        <p className="text-xs text-slate-500">{sample.unavailable ?? 'No rows.'}</p>
      ) : (
        <div className="mt-1 max-h-48 overflow-auto rounded border border-slate-200 dark:border-slate-800">
          <table
            className="w-max min-w-full text-xs"
            aria-label={`Sample ${direction}: ${sample.label}`}
            data-testid={`sample-${direction}`}
          >
            <thead className="sticky top-0 bg-slate-50 dark:bg-slate-900">
              <tr>
                {sample.columns.map((column) => (
                  <th key={column} className="px-1.5 py-0.5 text-left font-mono font-medium">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sample.rows.map((row, index) => (
                <tr key={index} className="border-t border-slate-100 dark:border-slate-800">
                  {sample.columns.map((column) => (
                    <td
                      key={column}
                      className="max-w-64 truncate px-1.5 py-0.5 font-mono"
                      title={String(row[column] ?? '')}
                    >
                      {row[column] === null || row[column] === undefined ? (
                        <span className="text-slate-500 dark:text-slate-400">null</span>
                      ) : (
                        String(row[column])
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
