'use client';

import { useState } from 'react';

/** The same step of this pipeline in DuckDB SQL (what runs here), PySpark and Spark SQL, as tabs. */
export function SparkEquivalent({
  title,
  duckdb,
  pyspark,
  sparkSql,
}: {
  title?: string;
  duckdb: string;
  pyspark?: string;
  sparkSql?: string;
}) {
  const tabs = [
    { id: 'duckdb', label: 'DuckDB SQL (this pipeline)', code: duckdb },
    ...(pyspark ? [{ id: 'pyspark', label: 'PySpark', code: pyspark }] : []),
    ...(sparkSql ? [{ id: 'spark-sql', label: 'Spark SQL', code: sparkSql }] : []),
  ];
  const [active, setActive] = useState(tabs[0]!.id);
  const current = tabs.find((tab) => tab.id === active) ?? tabs[0]!;
  return (
    <section
      className="my-6 rounded-lg border border-slate-200 dark:border-slate-800"
      aria-label={title ?? 'Spark equivalent'}
    >
      {title ? (
        <p className="border-b border-slate-200 px-4 py-2 text-sm font-semibold dark:border-slate-800">
          {title}
        </p>
      ) : null}
      <div role="tablist" className="flex gap-1 border-b border-slate-200 px-2 pt-2 dark:border-slate-800">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            role="tab"
            type="button"
            aria-selected={tab.id === current.id}
            onClick={() => setActive(tab.id)}
            className={`rounded-t px-3 py-1.5 text-xs ${tab.id === current.id ? 'bg-slate-100 font-semibold dark:bg-slate-800' : 'text-slate-600 dark:text-slate-300'}`}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <pre role="tabpanel" className="overflow-x-auto p-4 text-xs leading-relaxed">
        <code>{current.code.trim()}</code>
      </pre>
    </section>
  );
}
