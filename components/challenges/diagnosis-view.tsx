import type { Cell, Diagnosis, DiagnosisKind } from '@/lib/sql/grade';

const headline: Record<DiagnosisKind, string> = {
  wrong_column_count: 'Wrong number of columns',
  missing_rows: 'Rows are missing',
  extra_rows: 'Extra rows',
  wrong_values: 'Wrong values',
  wrong_order: 'Wrong order',
};

function show(cell: Cell): string {
  if (cell === null) return 'NULL';
  return String(cell);
}

function Rows({
  caption,
  rows,
  total,
  columns,
}: {
  caption: string;
  rows: Cell[][];
  total: number;
  columns: string[];
}) {
  if (rows.length === 0) return null;
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="min-w-full text-left font-mono text-xs">
        <caption className="mb-1 text-left font-sans text-sm font-medium">
          {caption}
          {total > rows.length ? ` (${rows.length} of ${total})` : ''}
        </caption>
        <thead>
          <tr>
            {(rows[0] ?? []).map((_, i) => (
              <th key={i} className="border-b border-slate-300 px-2 py-1 font-semibold dark:border-slate-700">
                {columns[i] ?? `column ${i + 1}`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => (
                <td key={i} className="border-b border-slate-200 px-2 py-1 dark:border-slate-800">
                  {show(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A wrong answer explained: what kind of difference, on which run, with a few example rows from each side. */
export function DiagnosisView({
  diagnosis,
  dataset,
  columns,
}: {
  diagnosis: Diagnosis;
  dataset: string;
  columns: string[];
}) {
  const yoursCaption =
    diagnosis.kind === 'wrong_order'
      ? 'Your rows at those positions'
      : diagnosis.kind === 'wrong_column_count'
        ? 'Your first rows'
        : 'Your rows that the reference does not have';
  const expectedCaption =
    diagnosis.kind === 'wrong_order'
      ? 'Expected rows from the first wrong position'
      : diagnosis.kind === 'wrong_column_count'
        ? 'Expected first rows'
        : 'Expected rows your result does not have';
  return (
    <div
      role="status"
      data-testid="diagnosis"
      data-kind={diagnosis.kind}
      className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
    >
      <p className="font-semibold">
        Not yet — {headline[diagnosis.kind]} (on {dataset})
      </p>
      <p className="mt-1">{diagnosis.message}</p>
      {diagnosis.columns.length > 0 ? (
        <p className="mt-1">Columns with wrong values: {diagnosis.columns.join(', ')}</p>
      ) : null}
      <Rows
        caption={expectedCaption}
        rows={diagnosis.missing}
        total={diagnosis.missingCount || diagnosis.missing.length}
        columns={columns}
      />
      <Rows
        caption={yoursCaption}
        rows={diagnosis.extra}
        total={diagnosis.extraCount || diagnosis.extra.length}
        columns={diagnosis.kind === 'wrong_column_count' ? [] : columns}
      />
    </div>
  );
}
