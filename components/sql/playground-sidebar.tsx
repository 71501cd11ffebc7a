'use client';

import { useState } from 'react';
import { playgroundExamples } from '@/content/playground-examples';
import type { SchemaTable } from './protocol';
import type { HistoryEntry, SavedQuery } from './query-store';
import { SchemaPanel } from './schema-panel';

interface SidebarProps {
  tables: readonly SchemaTable[];
  /** Whose tables these are, for the schema panel's caption. */
  source: string;
  history: readonly HistoryEntry[];
  saved: readonly SavedQuery[];
  onLoad(sql: string): void;
  onDeleteSaved(name: string): void;
  onClearHistory(): void;
}

const tabs = ['Schema', 'Examples', 'Saved', 'History'] as const;

/** The playground's side panel: schema, example queries per mart, saved queries and the query history. */
export function PlaygroundSidebar(props: SidebarProps) {
  const [tab, setTab] = useState<(typeof tabs)[number]>('Schema');
  return (
    <aside
      aria-label="Schema, examples, saved queries and history"
      className="w-full shrink-0 max-lg:order-last lg:w-72"
    >
      <div role="tablist" aria-label="Side panel" className="mb-3 flex gap-1 text-xs">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            onClick={() => setTab(name)}
            className={`rounded px-2 py-1 ${tab === name ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'border border-slate-300 dark:border-slate-700'}`}
          >
            {name}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={tab} className="max-h-[640px] overflow-auto pr-1">
        {tab === 'Schema' ? <SchemaPanel tables={props.tables} label={props.source} /> : null}
        {tab === 'Examples' ? (
          <ul className="space-y-3 text-sm">
            {playgroundExamples.map((example) => (
              <li key={example.id}>
                <button
                  type="button"
                  className="text-left font-medium text-brand-600 hover:underline dark:text-brand-100"
                  onClick={() => props.onLoad(example.sql)}
                >
                  {example.title}
                </button>
                <p className="text-xs text-slate-500">
                  <span className="font-mono">{example.table}</span>: {example.teaches}
                </p>
              </li>
            ))}
          </ul>
        ) : null}
        {tab === 'Saved' ? (
          props.saved.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing saved yet: use “Save” above the editor.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {props.saved.map((query) => (
                <li key={query.name} className="flex items-start gap-2">
                  <button
                    type="button"
                    className="text-left text-brand-600 hover:underline dark:text-brand-100"
                    onClick={() => props.onLoad(query.sql)}
                  >
                    {query.name}
                  </button>
                  <button
                    type="button"
                    aria-label={`Delete ${query.name}`}
                    className="ml-auto text-xs text-slate-500 hover:text-red-600"
                    onClick={() => props.onDeleteSaved(query.name)}
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ul>
          )
        ) : null}
        {tab === 'History' ? (
          props.history.length === 0 ? (
            <p className="text-sm text-slate-500">Queries you run appear here, kept in this browser.</p>
          ) : (
            <>
              <ul aria-label="Query history" className="space-y-2 text-xs">
                {props.history.map((entry) => (
                  <li key={entry.id}>
                    <button
                      type="button"
                      onClick={() => props.onLoad(entry.sql)}
                      className="block w-full truncate text-left font-mono hover:underline"
                      title={entry.sql}
                    >
                      {entry.sql.trim().replace(/\s+/g, ' ')}
                    </button>
                    <span className={entry.ok ? 'text-slate-500' : 'text-red-600'}>
                      {entry.ok
                        ? `${entry.rows?.toLocaleString('en-US')} rows · ${entry.elapsedMs} ms`
                        : 'failed'}{' '}
                      · {entry.source} · {new Date(entry.at).toLocaleTimeString()}
                    </span>
                  </li>
                ))}
              </ul>
              <button
                type="button"
                className="mt-3 text-xs text-slate-500 underline"
                onClick={props.onClearHistory}
              >
                Clear history
              </button>
            </>
          )
        ) : null}
      </div>
    </aside>
  );
}
