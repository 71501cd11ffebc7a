import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PipelineError } from '../../contracts/errors';
import type { StageName } from '../../contracts/stages';

/**
 * The Spark engine's SQL, one folder per stage (pipeline/engines/spark/sql/<stage>/*.sql), beside the DuckDB SQL of
 * pipeline/stages/<stage>/: the same rules, written in Spark SQL. A learner reads them in the stage drawer.
 *
 * Conventions the runner (spark-stage-runner.ts) relies on: statements end with `;` at the end of a line;
 * `CREATE OR REPLACE TABLE name AS <query>` makes a table of the run (written as Parquet in
 * <runDir>/work/spark/<name>, then loaded into the working DuckDB for the stages that follow); every other statement
 * (temporary views, CACHE TABLE, temporary functions) goes to Spark as it is.
 */
function sqlDirectory(): string {
  const candidates = [
    join(dirname(fileURLToPath(import.meta.url)), 'sql'),
    join(process.cwd(), 'pipeline', 'engines', 'spark', 'sql'),
  ];
  for (const candidate of candidates) if (existsSync(join(candidate, 'validate'))) return candidate;
  throw new PipelineError(
    'NOT_FOUND',
    `Cannot find the Spark SQL files (looked in ${candidates.join(' and ')}). Run from the project root.`,
  );
}

export function readSparkSql(stage: StageName, file: string): string {
  if (!/^[a-z0-9-]+\.sql$/.test(file))
    throw new PipelineError('INVALID_ARGUMENT', `Not a Spark SQL file name: ${file}`);
  const path = join(sqlDirectory(), stage, file);
  if (!existsSync(path))
    throw new PipelineError('NOT_FOUND', `The Spark engine has no SQL file ${stage}/${file} (${path}).`);
  return readFileSync(path, 'utf8');
}

/** The Spark SQL files of a stage by name (for the UI), in the order the stage runs them. */
export function sparkStageSql(
  stage: StageName,
  order: readonly string[],
): Array<{ file: string; sql: string }> {
  const directory = join(sqlDirectory(), stage);
  if (!existsSync(directory)) return [];
  const files = readdirSync(directory).filter((file) => file.endsWith('.sql'));
  const rank = (file: string) => (order.includes(file) ? order.indexOf(file) : order.length);
  files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return files.map((file) => ({ file, sql: readFileSync(join(directory, file), 'utf8') }));
}

/** Splits a file into statements at a `;` that ends a line outside quotes; drops statements that are only comments. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let quote: string | null = null;
  let comment = false;
  for (let index = 0; index < sql.length; index++) {
    const char = sql[index]!;
    current += char;
    if (comment) {
      if (char === '\n') comment = false;
      continue;
    }
    if (quote) {
      if (char === quote) quote = null;
      continue;
    }
    if (char === '-' && sql[index + 1] === '-') comment = true;
    else if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === ';' && /^[ \t]*(\r?\n|$)/.test(sql.slice(index + 1, index + 3))) {
      statements.push(current.slice(0, -1));
      current = '';
    }
  }
  statements.push(current);
  return statements
    .map((statement) => statement.trim())
    .filter((statement) =>
      statement.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('--')),
    );
}

/** `CREATE OR REPLACE TABLE name AS query` → its name and query; any other statement → null. */
export function tableStatement(statement: string): { name: string; query: string } | null {
  const body = statement
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .trim();
  const match = /^CREATE\s+OR\s+REPLACE\s+TABLE\s+([a-z_][a-z0-9_]*)\s+AS\s+([\s\S]+)$/i.exec(body);
  return match ? { name: match[1]!, query: match[2]! } : null;
}
