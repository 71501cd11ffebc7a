import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modellingChallenges } from '@/content/challenges';
import { lessonPlan } from '@/content/lessons-plan';
import { describeModelFailure, gradeModel, type ModelEngine } from '@/lib/modelling/grade-model';
import { fixtureStatements, modellingFixtureIds } from '@/lib/modelling/fixtures';
import { gradeResult, type Cell, type GradeTable } from '@/lib/sql/grade';

// The three seeds the browser grades a design on: the same fixtures, generated from the seed.
const seeds = [42, 7, 1234] as const;
const connections: DuckDBConnection[] = [];

function toCell(value: DuckDBValue): Cell {
  if (value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value;
  if (typeof value === 'bigint') return Number(value);
  return value.toString();
}

/** A fresh in-memory database per call, as a learner's browser tab would have. */
async function engine(): Promise<ModelEngine> {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  connections.push(connection);
  return {
    async run(sql) {
      const reader = await connection.runAndReadAll(sql);
      return { columns: reader.columnNames(), rows: reader.getRows().map((row) => row.map(toCell)) };
    },
  };
}

let shared: ModelEngine;
beforeAll(async () => {
  shared = await engine();
});
afterAll(() => {
  for (const connection of connections) connection.closeSync();
});

describe('modelling challenges', () => {
  it('has at least 4, each with a fixture and lessons that exist', () => {
    expect(modellingChallenges.length).toBeGreaterThanOrEqual(4);
    const slugs = new Set(lessonPlan.map((lesson) => lesson.slug));
    for (const challenge of modellingChallenges) {
      expect(modellingFixtureIds).toContain(challenge.id);
      for (const slug of challenge.lessons) expect(slugs, `${challenge.id} → ${slug}`).toContain(slug);
    }
  });

  it.each(modellingChallenges.map((c) => [c.id, c] as const))(
    '%s: the reference design passes on three seeds, reusing one database',
    async (_id, challenge) => {
      for (const seed of seeds) {
        const verdict = await gradeModel(challenge, challenge.solution, seed, shared);
        expect(verdict.correct ? 'correct' : describeModelFailure(verdict.failure), `seed ${seed}`).toBe(
          'correct',
        );
      }
    },
  );

  it.each(modellingChallenges.map((c) => [c.id, c] as const))(
    '%s: every answer is non-empty and differs between seeds',
    async (_id, challenge) => {
      const answers = new Map<number, GradeTable[]>();
      for (const seed of seeds) {
        const db = await engine();
        for (const statement of fixtureStatements(challenge.id, seed)) await db.run(statement);
        const tables: GradeTable[] = [];
        for (const question of challenge.questions) tables.push(await db.run(question.reference));
        answers.set(seed, tables);
      }
      for (const [index, question] of challenge.questions.entries()) {
        const learner = answers.get(seeds[0])?.[index] as GradeTable;
        expect(learner.rows.length, question.view).toBeGreaterThan(0);
        for (const seed of seeds.slice(1)) {
          const other = answers.get(seed)?.[index] as GradeTable;
          expect(
            gradeResult(other, learner, { ordered: question.ordered, keyColumns: question.keyColumns })
              .correct,
            `${question.view}: seed ${seed}`,
          ).toBe(false);
        }
      }
    },
  );

  it.each(modellingChallenges.flatMap((c) => c.wrongAnswers.map((w) => [c.id, w.mistake, c, w] as const)))(
    '%s: "%s" fails with the expected outcome',
    async (_id, _mistake, challenge, wrong) => {
      for (const seed of seeds) {
        const verdict = await gradeModel(challenge, wrong.sql, seed, shared);
        expect(verdict.correct, `seed ${seed}: the wrong design passed`).toBe(false);
        if (verdict.correct || seed !== seeds[0]) continue;
        const failure = verdict.failure;
        expect(failure.kind, describeModelFailure(failure)).toBe(wrong.expected.kind);
        if (failure.kind === 'rubric' && wrong.expected.kind === 'rubric')
          expect(failure.item).toBe(wrong.expected.item);
        if (failure.kind === 'view_error' && wrong.expected.kind === 'view_error')
          expect(failure.view).toBe(wrong.expected.view);
        if (failure.kind === 'question' && wrong.expected.kind === 'question') {
          expect(failure.view).toBe(wrong.expected.view);
          expect(failure.diagnosis.kind, failure.diagnosis.message).toBe(wrong.expected.diagnosis);
        }
        expect(describeModelFailure(failure).length).toBeGreaterThan(20);
      }
    },
  );
});
