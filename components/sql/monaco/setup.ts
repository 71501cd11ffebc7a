'use client';
/**
 * Monaco from this app's own bundle: the editor API, its standard contributions and the SQL grammar, wired into
 * @monaco-editor/react through loader.config so the loader never fetches Monaco from a CDN.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/sql/register';
import { loader } from '@monaco-editor/react';
import { formatSql } from '../format-sql';
import type { SchemaTable } from '../protocol';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

window.MonacoEnvironment = {
  getWorker: () =>
    new Worker(new URL('./editor.worker.ts', import.meta.url), { type: 'module', name: 'monaco-editor' }),
};
loader.config({ monaco: monaco as unknown as Parameters<typeof loader.config>[0]['monaco'] });

let schema: readonly SchemaTable[] = [];

/** The completion provider reads the schema of whatever database is attached right now. */
export function setCompletionSchema(tables: readonly SchemaTable[]): void {
  schema = tables;
}

const sqlKeywords = [
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP BY',
  'ORDER BY',
  'HAVING',
  'LIMIT',
  'JOIN',
  'LEFT JOIN',
  'ON',
  'USING',
  'WITH',
  'AS',
  'DISTINCT',
  'COUNT',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'OVER',
  'PARTITION BY',
  'QUALIFY',
  'FILTER',
  'DATE_TRUNC',
  'UNION ALL',
  'COALESCE',
  'ROW_NUMBER',
  'RANK',
  'LAG',
  'LEAD',
];

let registered = false;

export function registerSqlCompletion(): void {
  if (registered) return;
  registered = true;
  // Shift+Alt+F and the context menu's "Format Document" use the same formatter as the Format button.
  monaco.languages.registerDocumentFormattingEditProvider('sql', {
    provideDocumentFormattingEdits: (model) => [
      { range: model.getFullModelRange(), text: formatSql(model.getValue()) },
    ],
  });
  monaco.languages.registerCompletionItemProvider('sql', {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(
        position.lineNumber,
        word.startColumn,
        position.lineNumber,
        word.endColumn,
      );
      const before = model.getLineContent(position.lineNumber).slice(0, word.startColumn - 1);
      const qualifier = /([A-Za-z_][A-Za-z0-9_]*)\.$/.exec(before)?.[1]?.toLowerCase();
      const { Field, Class, Keyword } = monaco.languages.CompletionItemKind;
      if (qualifier) {
        // After "t." offer t's columns; an alias we cannot resolve gets every column.
        const table = schema.find((t) => t.name.toLowerCase() === qualifier);
        const tables = table ? [table] : schema;
        return {
          suggestions: tables.flatMap((t) =>
            t.columns.map((c) => ({
              label: c.name,
              kind: Field,
              detail: `${t.name}.${c.name} ${c.type}`,
              insertText: c.name,
              range,
            })),
          ),
        };
      }
      const columns = new Map<string, string[]>();
      for (const t of schema)
        for (const c of t.columns)
          columns.set(c.name, [...(columns.get(c.name) ?? []), `${t.name} ${c.type}`]);
      return {
        suggestions: [
          ...schema.map((t) => ({
            label: t.name,
            kind: Class,
            // A table described before any data is loaded (a modelling source) has no row count yet.
            detail: Number.isFinite(t.rows) ? `table · ${t.rows.toLocaleString('en-US')} rows` : 'table',
            insertText: t.name,
            range,
          })),
          ...[...columns].map(([name, where]) => ({
            label: name,
            kind: Field,
            detail: where.join(', '),
            insertText: name,
            range,
          })),
          ...sqlKeywords.map((k) => ({ label: k, kind: Keyword, insertText: k, range })),
        ],
      };
    },
  });
}

export { monaco };
