import { z } from 'zod';
import { challengeDifficulties } from './challenge-difficulty';

/**
 * One SQL challenge over the warehouse tables (pipeline/contracts/warehouse.ts). Files: content/challenges/*.ts,
 * each a list of these, parsed by content/challenges/index.ts. The grader (lib/sql/grade.ts) runs `solution` and
 * the learner's SQL on the learner's run and on two more seeds, so a solution must not depend on one run's values.
 */
export { challengeDifficulties, type ChallengeDifficulty } from './challenge-difficulty';

/** The diagnosis a wrong answer must produce: the `kind` of lib/sql/grade.ts. */
export const diagnosisKinds = [
  'wrong_column_count',
  'missing_rows',
  'extra_rows',
  'wrong_values',
  'wrong_order',
] as const;
export type DiagnosisKind = (typeof diagnosisKinds)[number];

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case');

export const wrongAnswerSchema = z.object({
  /** The mistake in a few words, e.g. "INNER JOIN drops users without orders". */
  mistake: z.string().min(5),
  sql: z.string().min(10),
  expected: z.enum(diagnosisKinds),
});

const planFactSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('build-side'), table: z.string().min(2) }),
  z.object({ kind: z.literal('scan-filter'), table: z.string().min(2), column: z.string().min(1) }),
  z.object({ kind: z.literal('no-scan-filter'), table: z.string().min(2), column: z.string().min(1) }),
  z.object({ kind: z.literal('operator'), operator: z.string().regex(/^[A-Z_]+$/) }),
  z.object({ kind: z.literal('peak-operator'), operator: z.string().regex(/^[A-Z_]+$/) }),
]);

export const planQuestionSchema = z
  .object({
    prompt: z.string().min(10),
    options: z.array(z.string().min(2)).min(2).max(5),
    /** 0-based index of the right option. */
    answer: z.number().int().min(0),
    /** Shown after answering: what in the plan shows it. */
    why: z.string().min(20),
    /** What the plan must show for `answer` to be right; the content test checks it on the plans of three runs. */
    fact: planFactSchema,
  })
  .refine((q) => q.answer < q.options.length, { message: 'answer must index an option' });

/**
 * A plan-reading challenge: the learner reads DuckDB's EXPLAIN ANALYZE of `query` on their own run and answers
 * `questions`. The SQL part is graded like any challenge: a query returning what the plan showed (counts that
 * differ per run), or with `rewrite`, a faster equivalent of `query` (the reference solution returns the same
 * result as `query`) whose plan must pass the rule; its measured time is shown, not graded (machines differ).
 */
export const planSchema = z.object({
  query: z.string().min(10),
  questions: z.array(planQuestionSchema).min(1),
  rewrite: z
    .object({
      forbidOperators: z.array(z.string().regex(/^[A-Z_]+$/)),
      maxPeakRowsShare: z.number().gt(0).lt(1).optional(),
    })
    .optional(),
});

export const challengeSchema = z.object({
  id: slug,
  title: z.string().min(3),
  difficulty: z.enum(challengeDifficulties),
  topics: z.array(z.string().min(2)).min(1),
  /** Markdown-free prose: what to return. */
  statement: z.string().min(20),
  /** The columns of the expected result, in order (names are not graded, their count and order are). */
  expectedColumns: z.array(z.object({ name: z.string().min(1), description: z.string() })).min(1),
  /** True when the statement asks for an order: then row order is graded. */
  ordered: z.boolean(),
  /** 0-based columns that identify a row, used to pair rows when explaining wrong values; default [0]. */
  keyColumns: z.array(z.number().int().min(0)).optional(),
  solution: z.string().min(10),
  explanation: z.string().min(20),
  hints: z.tuple([z.string().min(5), z.string().min(5), z.string().min(5)]),
  /** Lesson slugs of content/lessons-plan.ts. */
  lessons: z.array(slug),
  wrongAnswers: z.array(wrongAnswerSchema).min(2),
  plan: planSchema.optional(),
});

export type Challenge = z.infer<typeof challengeSchema>;
export type WrongAnswer = z.infer<typeof wrongAnswerSchema>;
export type ChallengePlan = z.infer<typeof planSchema>;
export type PlanQuestion = z.infer<typeof planQuestionSchema>;
