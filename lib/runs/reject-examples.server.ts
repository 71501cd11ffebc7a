import 'server-only';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { readOnlyQuery } from './duckdb-read.server';
import type { RejectExample, RejectGroup } from './inspect-types';
import { readNdjsonHead } from './ndjson-head.server';
import { resolveInsideRun } from './run-path.server';

export const examplesPerReason = 3;
/** Total bytes read from quarantine files for one request: a chaos run quarantines tens of MiB. */
const fileBudgetBytes = 4 * 1024 * 1024;
const rawChars = 400;

type Examples = Map<string, RejectExample[]>;

const text = (value: unknown): string | null =>
  typeof value === 'string' ? value : value == null ? null : JSON.stringify(value);

function add(examples: Examples, reason: string, example: RejectExample): void {
  const list = examples.get(reason) ?? [];
  if (list.length < examplesPerReason) list.push(example);
  examples.set(reason, list);
}

/** Examples per reason from the `quarantine` table, of the records one stage rejected (its manifest's reason codes). */
export async function rejectExamplesFromTable(
  dbFile: string,
  stage: 'ingest' | 'validate',
): Promise<Examples> {
  const { rows } = await readOnlyQuery(
    dbFile,
    `SELECT reason_code, entity, record_id, reason, field, left(raw, ${rawChars}) AS raw FROM quarantine WHERE stage = '${stage}'
     QUALIFY row_number() OVER (PARTITION BY reason_code ORDER BY entity, record_id NULLS LAST, raw) <= ${examplesPerReason}
     ORDER BY reason_code, entity, record_id NULLS LAST, raw`,
  );
  const examples: Examples = new Map();
  for (const row of rows) {
    add(examples, String(row.reason_code), {
      entity: String(row.entity),
      recordId: text(row.record_id),
      message: text(row.reason) ?? '',
      field: text(row.field),
      raw: text(row.raw) ?? '',
    });
  }
  return examples;
}

/**
 * Examples per reason from `lake/quarantine/<entity>/<folder>/*.ndjson` (ingest's dead letters or validate's
 * rejects), reading files in name order until every wanted reason has its examples or the byte budget is spent.
 */
export async function rejectExamplesFromFiles(
  runDir: string,
  folder: 'ingest' | 'validate',
  wanted: readonly string[],
): Promise<Examples> {
  const examples: Examples = new Map();
  const root = await resolveInsideRun(runDir, 'lake/quarantine', 'directory');
  if (!root) return examples;
  let budget = fileBudgetBytes;
  const done = () =>
    wanted.length > 0 && wanted.every((reason) => (examples.get(reason)?.length ?? 0) >= examplesPerReason);
  const entities = (await readdir(root, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const entity of entities) {
    const dir = await resolveInsideRun(runDir, `lake/quarantine/${entity}/${folder}`, 'directory').catch(
      () => null,
    );
    if (!dir) continue;
    const files = (await readdir(dir)).filter((name) => name.endsWith('.ndjson')).sort();
    for (const name of files) {
      if (budget <= 0 || done()) return examples;
      const file = path.join(dir, name);
      const chunk = Math.min(budget, 1024 * 1024);
      const records = await readNdjsonHead(file, Number.POSITIVE_INFINITY, chunk);
      budget -= Math.min(chunk, (await stat(file)).size);
      for (const record of records) {
        const reason = text(record.reason_code) ?? 'UNKNOWN';
        add(examples, reason, {
          entity,
          recordId: text(record.record_id),
          message: text(record.reason) ?? '',
          field: text(record.field),
          raw: (text(record.raw) ?? text(record.line) ?? '').slice(0, rawChars),
        });
      }
    }
  }
  return examples;
}

/** The manifest's counts per reason, most frequent first, each with the examples found for it. */
export function groupRejects(counts: Record<string, number>, examples: Examples): RejectGroup[] {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, count]) => ({ reason, count, examples: examples.get(reason) ?? [] }));
}
