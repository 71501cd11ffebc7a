import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PipelineError } from '../contracts/errors';
import { stageSqlOrder, type StageName } from '../contracts/stages';

/**
 * Every stage keeps its SQL in readable files beside its code (pipeline/stages/<stage>/*.sql), loaded at run time
 * so the UI can show a learner exactly what ran. Inside a bundler (the Next server) import.meta.url may point into
 * a build folder, so the project's own pipeline/stages under the working directory is the fallback.
 */
function stagesDirectory(): string {
  const candidates = [dirname(fileURLToPath(import.meta.url)), join(process.cwd(), 'pipeline', 'stages')];
  for (const candidate of candidates)
    if (existsSync(join(candidate, 'validate', 'checks.sql'))) return candidate;
  throw new PipelineError(
    'NOT_FOUND',
    `Cannot find the stage SQL files (looked in ${candidates.join(' and ')}). Run from the project root.`,
  );
}

export function readStageSql(stage: StageName, file: string): string {
  if (!/^[a-z0-9-]+\.sql$/.test(file))
    throw new PipelineError('INVALID_ARGUMENT', `Not a stage SQL file name: ${file}`);
  const path = join(stagesDirectory(), stage, file);
  if (!existsSync(path))
    throw new PipelineError('NOT_FOUND', `Stage ${stage} has no SQL file ${file} (${path}).`);
  return readFileSync(path, 'utf8');
}

/** The SQL files of a stage, by name, in the order they run (for the UI: "what did this stage do?"). */
export function stageSql(stage: StageName): Array<{ file: string; sql: string }> {
  const directory = join(stagesDirectory(), stage);
  if (!existsSync(directory)) return [];
  const files = readdirSync(directory).filter((file) => file.endsWith('.sql'));
  const order = stageSqlOrder[stage] ?? [];
  files.sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
  return files.map((file) => ({ file, sql: readFileSync(join(directory, file), 'utf8') }));
}

function rank(order: readonly string[], file: string): number {
  const index = order.indexOf(file);
  return index < 0 ? order.length : index;
}

/** A SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A SQL list of string literals, e.g. the files a read_ndjson_objects call reads. */
export function sqlList(items: readonly string[]): string {
  return `[${items.map(sqlString).join(', ')}]`;
}

/** Fills {{name}} placeholders; a placeholder without a value is a bug, not an empty string. */
export function fillSql(sql: string, values: Record<string, string>): string {
  return sql.replace(/\{\{([a-z_]+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new PipelineError('INTERNAL', `SQL placeholder {{${name}}} has no value.`);
    return value;
  });
}
