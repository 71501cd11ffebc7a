import type { ModellingChallenge } from '@/content/schema/modelling';
import { gradeResult, type Diagnosis, type GradeTable } from '@/lib/sql/grade';
import { splitStatements } from '@/lib/sql/split-statements';
import { fixtureStatements } from './fixtures';

/** Runs one SQL statement and returns its rows; the browser's DuckDB-WASM and the tests' node engine both fit. */
export interface ModelEngine {
  run(sql: string): Promise<GradeTable>;
}

export type ModelFailure =
  | { kind: 'script_error'; statement: number; sql: string; message: string }
  | { kind: 'rubric'; item: number; text: string }
  | { kind: 'view_error'; view: string; message: string }
  | { kind: 'question'; view: string; diagnosis: Diagnosis };

export type ModelVerdict = { correct: true } | { correct: false; failure: ModelFailure };

/**
 * Empties the default schema (memory.main) of the engine: every view, then every table, repeating while foreign
 * keys make a table wait for the tables that reference it. Designs are built in the default schema, not in one of
 * their own, because DuckDB-WASM 1.4 resolves a foreign key's table in the default schema when rows are inserted.
 */
async function resetDefaultSchema(engine: ModelEngine): Promise<void> {
  await engine.run('USE memory.main');
  const views = await engine.run(
    `SELECT view_name FROM duckdb_views() WHERE database_name = 'memory' AND schema_name = 'main' AND NOT internal`,
  );
  for (const [name] of views.rows)
    await engine.run(`DROP VIEW IF EXISTS "${String(name).replace(/"/g, '""')}"`);
  for (let pass = 0; pass < 20; pass++) {
    const tables = await engine.run(
      `SELECT table_name FROM duckdb_tables() WHERE database_name = 'memory' AND schema_name = 'main'`,
    );
    if (tables.rows.length === 0) return;
    for (const [name] of tables.rows) {
      await engine.run(`DROP TABLE IF EXISTS "${String(name).replace(/"/g, '""')}"`).catch(() => undefined);
    }
  }
  throw new Error('Could not empty the modelling database: tables keep referencing each other.');
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Grades a learner's modelling script on one seed's fixture, in an emptied default schema: the script runs statement by statement, then the
 * rubric's checks read the catalog, then the source tables are dropped (the answer views must read the learner's
 * model, not the sources) and every answer view is compared with its reference, computed from the sources first.
 */
export async function gradeModel(
  challenge: ModellingChallenge,
  script: string,
  seed: number,
  engine: ModelEngine,
): Promise<ModelVerdict> {
  await resetDefaultSchema(engine);
  for (const statement of fixtureStatements(challenge.id, seed)) await engine.run(statement);
  const references: GradeTable[] = [];
  for (const question of challenge.questions) {
    const reference = await engine.run(question.reference);
    // Diagnoses name the columns as the statement does, not as the reference query happens to.
    const names = question.expectedColumns.map((column) => column.name);
    references.push(reference.columns.length === names.length ? { ...reference, columns: names } : reference);
  }

  const statements = splitStatements(script);
  for (const [index, sql] of statements.entries()) {
    try {
      await engine.run(sql);
    } catch (error) {
      return {
        correct: false,
        failure: { kind: 'script_error', statement: index + 1, sql, message: message(error) },
      };
    }
  }
  for (const [item, rubric] of challenge.rubric.entries()) {
    if (!rubric.check) continue;
    const result = await engine.run(rubric.check);
    // The browser's result conversion gives a BOOLEAN as text.
    const value = result.rows[0]?.[0];
    if (value !== true && value !== 'true')
      return { correct: false, failure: { kind: 'rubric', item, text: rubric.text } };
  }
  for (const source of challenge.sources) await engine.run(`DROP TABLE IF EXISTS ${source.table}`);
  for (const [index, question] of challenge.questions.entries()) {
    let answer: GradeTable;
    try {
      answer = await engine.run(`SELECT * FROM ${question.view}`);
    } catch (error) {
      return {
        correct: false,
        failure: { kind: 'view_error', view: question.view, message: message(error) },
      };
    }
    const verdict = gradeResult(references[index] as GradeTable, answer, {
      ordered: question.ordered,
      keyColumns: question.keyColumns,
    });
    if (!verdict.correct)
      return {
        correct: false,
        failure: { kind: 'question', view: question.view, diagnosis: verdict.diagnosis },
      };
  }
  return { correct: true };
}

/** One sentence for the learner about a failure. */
export function describeModelFailure(failure: ModelFailure): string {
  switch (failure.kind) {
    case 'script_error':
      return `Statement ${failure.statement} of your script failed: ${failure.message}`;
    case 'rubric':
      return `Your design misses a rubric item: ${failure.text}`;
    case 'view_error':
      return /src_/i.test(failure.message)
        ? `${failure.view} reads a source table: answer views must read your own tables (the src_ tables are dropped before they run).`
        : `${failure.view} failed: ${failure.message}`;
    case 'question':
      return `${failure.view}: ${failure.diagnosis.message}`;
  }
}
