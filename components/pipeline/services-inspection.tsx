'use client';

import type { StreamingState } from '@/lib/runs/inspect-types';
import { fmt } from './console-types';

const mebibytes = (bytes: number) =>
  bytes < 1024 * 1024 ? `${fmt(Math.ceil(bytes / 1024))} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * What the run's services hold beyond the log: its objects in the lake (S3 on the services tier, the run's folder
 * embedded), counted per prefix, and the shop's rows the produce stage wrote to the operational database.
 */
export function ServicesInspection({ state }: { state: StreamingState }) {
  const { lake, database } = state;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <div>
        <h4 className="text-sm font-semibold">Lake objects</h4>
        {lake === null ? (
          <p className="text-sm text-slate-500">Not readable now.</p>
        ) : (
          <>
            <p className="text-xs text-slate-500" data-testid="lake-location">
              {lake.location}: {fmt(lake.objects)} objects, {mebibytes(lake.bytes)}
            </p>
            {lake.objects === 0 ? (
              <p className="text-sm text-slate-500">No objects yet: ingest lands the raw zone.</p>
            ) : (
              <table className="mt-1 w-full text-xs" aria-label="Lake objects">
                <thead>
                  <tr className="text-left">
                    <th>Prefix</th>
                    <th className="text-right">Objects</th>
                    <th className="text-right">Bytes</th>
                  </tr>
                </thead>
                <tbody>
                  {lake.prefixes.map((prefix) => (
                    <tr
                      key={prefix.prefix}
                      data-testid={`lake-${prefix.prefix}`}
                      data-objects={prefix.objects}
                      className="border-t border-slate-100 dark:border-slate-800"
                    >
                      <td className="font-mono">{prefix.prefix || '(top level)'}</td>
                      <td className="text-right">{fmt(prefix.objects)}</td>
                      <td className="text-right">{mebibytes(prefix.bytes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </div>
      <div>
        <h4 className="text-sm font-semibold">Operational database</h4>
        {database === null ? (
          <p className="text-sm text-slate-500">{state.databaseNote ?? 'Not readable now.'}</p>
        ) : (
          <>
            <p className="text-xs text-slate-500" data-testid="database-location">
              {database.location}
            </p>
            <table className="mt-1 w-full text-xs" aria-label="Operational rows">
              <thead>
                <tr className="text-left">
                  <th>Table (this run&apos;s rows)</th>
                  <th className="text-right">Rows</th>
                </tr>
              </thead>
              <tbody>
                {database.tables.map((table) => (
                  <tr
                    key={table.table}
                    data-testid={`rows-${table.table}`}
                    data-rows={table.rows}
                    className="border-t border-slate-100 dark:border-slate-800"
                  >
                    <td className="font-mono">{table.table}</td>
                    <td className="text-right">{fmt(table.rows)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </div>
  );
}
