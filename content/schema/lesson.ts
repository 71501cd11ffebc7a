import { z } from 'zod';
import { stageNames } from '../../pipeline/contracts/stages';

/**
 * Frontmatter of every lesson in content/lessons/<slug>.mdx, validated at build time and in tests.
 * The quiz lives in the frontmatter (not in the MDX body) so that the lesson page renders it the same way
 * everywhere and the review queue (FSRS) can schedule its items.
 */
export const quizItemSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  question: z.string().min(10),
  options: z.array(z.string().min(1)).min(2).max(6),
  /** Index into options of the correct answer. */
  answer: z.number().int().nonnegative(),
  /** Why the answer is right (and the tempting wrong one wrong): shown after answering. */
  explanation: z.string().min(20),
});
export type QuizItem = z.infer<typeof quizItemSchema>;

export const lessonFrontmatterSchema = z
  .object({
    title: z.string().min(5),
    week: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    /** Position inside the week, 1-based. */
    order: z.number().int().positive(),
    summary: z.string().min(30).max(300),
    objectives: z.array(z.string().min(10)).min(2).max(8),
    /** Slugs of lessons to read first. */
    prerequisites: z.array(z.string()).default([]),
    minutes: z.number().int().min(5).max(90),
    /** Pipeline stages this lesson explains (links to the console). */
    stages: z.array(z.enum(stageNames)).default([]),
    /** Ids of questions in content/questions that this lesson prepares for. */
    interviewQuestions: z.array(z.string()).default([]),
    quiz: z.array(quizItemSchema).min(3).max(5),
  })
  .superRefine((lesson, context) => {
    lesson.quiz.forEach((item, index) => {
      if (item.answer >= item.options.length) {
        context.addIssue({
          code: 'custom',
          path: ['quiz', index, 'answer'],
          message: `answer ${item.answer} is not an index into ${item.options.length} options`,
        });
      }
    });
  });
export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;
