import { z } from 'zod';
import { challengeDifficulties, diagnosisKinds } from './challenge';

/**
 * A modelling challenge: design the tables of a business process the learner has not seen, from a blank page.
 * The learner writes one script: CREATE TABLEs, the loads from the source tables (`src_*`, a fixture generated
 * per seed by lib/modelling/fixtures.ts), and one `CREATE VIEW` per question over their own tables. The grader
 * (lib/modelling/grade-model.ts) runs it on three seeds' fixtures, checks the rubric's checkable items on the
 * catalog, drops the source tables so the views must read the model, and compares each view with `reference`.
 */
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case');
const identifier = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case SQL identifier');

export const sourceTableSchema = z.object({
  table: identifier.refine((name) => name.startsWith('src_'), 'source tables start with src_'),
  description: z.string().min(10),
  columns: z.array(z.object({ name: identifier, type: z.string().min(3), description: z.string() })).min(2),
});

export const modelQuestionSchema = z.object({
  /** The view the learner's script must create. */
  view: identifier.refine((name) => name.startsWith('answer_'), 'answer views start with answer_'),
  question: z.string().min(20),
  expectedColumns: z.array(z.object({ name: z.string().min(1), description: z.string() })).min(1),
  ordered: z.boolean(),
  keyColumns: z.array(z.number().int().min(0)).optional(),
  /** The answer computed from the source tables. */
  reference: z.string().min(10),
});

export const rubricItemSchema = z.object({
  text: z.string().min(10),
  /** A query returning one BOOLEAN, true when the learner's catalog meets the item; absent: the learner checks it. */
  check: z.string().min(10).optional(),
});

export const modelOutcomeSchema = z.discriminatedUnion('kind', [
  /** The script itself fails, e.g. a primary key rejects a load that sells a room twice. */
  z.object({ kind: z.literal('script_error') }),
  z.object({ kind: z.literal('rubric'), item: z.number().int().min(0) }),
  z.object({ kind: z.literal('question'), view: identifier, diagnosis: z.enum(diagnosisKinds) }),
  z.object({ kind: z.literal('view_error'), view: identifier }),
]);

export const modellingChallengeSchema = z.object({
  id: slug,
  title: z.string().min(3),
  difficulty: z.enum(challengeDifficulties),
  topics: z.array(z.string().min(2)).min(1),
  /** The business process, as a stakeholder would tell it. */
  brief: z.string().min(50),
  sources: z.array(sourceTableSchema).min(1),
  questions: z.array(modelQuestionSchema).min(2),
  rubric: z.array(rubricItemSchema).min(3),
  /** A reference script: DDL, loads from src_*, answer views. */
  solution: z.string().min(50),
  explanation: z.string().min(20),
  hints: z.tuple([z.string().min(5), z.string().min(5), z.string().min(5)]),
  lessons: z.array(slug),
  wrongAnswers: z
    .array(z.object({ mistake: z.string().min(5), sql: z.string().min(20), expected: modelOutcomeSchema }))
    .min(2),
});

export type ModellingChallenge = z.infer<typeof modellingChallengeSchema>;
export type ModelOutcome = z.infer<typeof modelOutcomeSchema>;
