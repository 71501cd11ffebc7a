'use client';

import type { SchemaTable } from './protocol';

/** Tables with row counts, expandable to columns and types; clicking a name inserts it into the editor. */
export function SchemaBrowser({
  tables,
  onInsert,
}: {
  tables: readonly SchemaTable[];
  onInsert(text: string): void;
}) {
  if (tables.length === 0)
    return (
      <p className="text-sm text-slate-500">No tables yet: the schema appears when the run is attached.</p>
    );
  return (
    <ul aria-label="Schema" className="space-y-1 text-sm">
      {tables.map((table) => (
        <li key={table.name}>
          <details>
            <summary className="flex cursor-pointer items-baseline gap-2">
              <button
                type="button"
                className="font-mono text-brand-600 hover:underline dark:text-brand-100"
                title={`Insert ${table.name}`}
                onClick={(e) => {
                  e.preventDefault();
                  onInsert(table.name);
                }}
              >
                {table.name}
              </button>
              <span
                className="ml-auto text-xs tabular-nums text-slate-500"
                data-testid={`rows-${table.name}`}
              >
                {table.rows.toLocaleString('en-US')}
              </span>
            </summary>
            <ul className="mb-2 ml-4 mt-1 space-y-0.5">
              {table.columns.map((column) => (
                <li key={column.name} className="flex gap-2">
                  <button
                    type="button"
                    className="font-mono text-xs hover:underline"
                    title={`Insert ${column.name}`}
                    onClick={() => onInsert(column.name)}
                  >
                    {column.name}
                  </button>
                  <span className="ml-auto text-xs text-slate-400">{column.type}</span>
                </li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ul>
  );
}
