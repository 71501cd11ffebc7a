'use client';

import { curatedTables } from '@/pipeline/contracts/stream-tables';
import type { SchemaTable } from './protocol';

interface Props {
  /** The attached run's tables (with row counts), or null before a run is open: the warehouse contract is shown. */
  tables: readonly SchemaTable[] | null;
  /** Whose tables these are, e.g. "your newest run"; shown above the list. */
  label?: string;
}

const contract = new Map(curatedTables.map((table) => [table.name, table]));

/**
 * Tables and their columns, for reading while writing SQL: clicking a table opens its columns with their types and
 * what they mean (from the warehouse contract). Nothing is pasted into the query: completion (Ctrl/⌘+Space) does
 * that where the cursor is.
 */
export function SchemaPanel({ tables, label }: Props) {
  const shown: SchemaTable[] =
    tables && tables.length > 0
      ? [...tables]
      : curatedTables.map((table) => ({
          name: table.name,
          rows: Number.NaN,
          columns: table.columns.map(({ name, type }) => ({ name, type })),
        }));
  const fromRun = Boolean(tables && tables.length > 0);
  return (
    <section aria-label="Schema" className="text-sm">
      <p className="mb-2 text-xs text-slate-500">
        {fromRun
          ? `Tables of ${label ?? 'the run'}, with row counts.`
          : 'Tables every run has (row counts appear once a run is open).'}{' '}
        Click a table for its columns.
      </p>
      <ul className="space-y-1">
        {shown.map((table) => {
          const spec = contract.get(table.name);
          return (
            <li key={table.name}>
              <details data-testid={`schema-${table.name}`}>
                <summary className="flex cursor-pointer items-baseline gap-2 rounded px-1 hover:bg-slate-100 dark:hover:bg-slate-800">
                  <span className="min-w-0 truncate font-mono text-brand-600 dark:text-brand-100">
                    {table.name}
                  </span>
                  {Number.isFinite(table.rows) ? (
                    <span
                      className="ml-auto text-xs tabular-nums text-slate-500"
                      data-testid={`rows-${table.name}`}
                    >
                      {table.rows.toLocaleString('en-US')}
                    </span>
                  ) : null}
                </summary>
                {spec ? <p className="ml-4 mt-1 text-xs text-slate-500">{spec.grain}</p> : null}
                <table className="mb-2 ml-4 mt-1 text-xs" aria-label={`Columns of ${table.name}`}>
                  <tbody>
                    {table.columns.map((column) => {
                      const description = spec?.columns.find(
                        (entry) => entry.name === column.name,
                      )?.description;
                      return (
                        <tr key={column.name} className="align-top">
                          <th scope="row" className="pr-2 text-left font-mono font-normal">
                            {column.name}
                          </th>
                          <td className="pr-2 text-slate-500">{column.type}</td>
                          <td className="text-slate-500">{description}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </details>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
