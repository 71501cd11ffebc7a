import { z } from 'zod';

/**
 * One SQL challenge over the warehouse tables (pipeline/contracts/warehouse.ts). Files: content/challenges/*.ts,
 * each a list of these, parsed by content/challenges/index.ts. The grader (lib/sql/grade.ts) runs `solution` and
 * the learner's SQL on the learner's run and on two more seeds, so a solution must not depend on one run's values.
 */
export const challengeDifficulties = ['easy', 'medium', 'hard'] as const;
export type ChallengeDifficulty = (typeof challengeDifficulties)[number];

/** The diagnosis a wrong answer must produce: the `kind` of lib/sql/grade.ts. */
export const diagnosisKinds = ['wrong_column_count', 'missing_rows', 'extra_rows', 'wrong_values', 'wrong_order'] as const;
export type DiagnosisKind = (typeof diagnosisKinds)[number];

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case');

export const wrongAnswerSchema = z.object({
  /** The mistake in a few words, e.g. "INNER JOIN drops users without orders". */
  mistake: z.string().min(5),
  sql: z.string().min(10),
  expected: z.enum(diagnosisKinds),
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
});

export type Challenge = z.infer<typeof challengeSchema>;
export type WrongAnswer = z.infer<typeof wrongAnswerSchema>;
