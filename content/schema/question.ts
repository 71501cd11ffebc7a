import { z } from 'zod';

/**
 * One interview question of the bank. Files: content/questions/<topic>.yaml, each a YAML list of these.
 * Answers are Markdown. An answer about this pipeline may use evidence placeholders, replaced with figures
 * from the learner's latest run (or a sentence saying to run the pipeline first): see evidenceKeys.
 */
export const difficulties = ['junior', 'mid', 'senior'] as const;
export const questionCategories = [
  'architecture',
  'data-quality',
  'failure-handling',
  'scaling',
  'batch-streaming',
  'spark',
  'kafka',
  'airflow',
  'data-modelling',
  'sql',
  'system-design',
  'streaming-semantics',
  'storage',
  'cloud-cost',
  'behavioural',
] as const;

/** Placeholders an answer may contain as {{key}}; the interview page fills them from the latest run. */
export const evidenceKeys = [
  'run.events', // events generated, e.g. "100,000"
  'run.faultProfile', // none | realistic | chaos
  'run.totalDuration', // all nine stages' time summed (generation, streaming and batch), e.g. "6.2 s"
  'run.batchDuration', // the batch layer's time: validate, dedupe, model, aggregate and export summed
  'run.stageTimings', // "generate 0.4 s, produce 0.3 s, …"
  'run.slowestStage', // "model (2.1 s, 34%)"
  'run.rejected', // quarantined records over the run, each once (ingest's dead letters + validate's rejects)
  'run.rejectReasons', // "ORPHAN_KEY 120, OUT_OF_RANGE 80, …": adds up to run.rejected
  'run.duplicatesRemoved',
  'run.checkRecall', // "100.0%"
  'run.checkPrecision',
  'run.partitions', // partitions per topic
  'run.maxLag', // largest consumer lag seen during ingest
  'run.throughput', // events per second over run.totalDuration
] as const;
export type EvidenceKey = (typeof evidenceKeys)[number];

export const questionSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  question: z.string().min(10),
  category: z.enum(questionCategories),
  difficulty: z.enum(difficulties),
  topics: z.array(z.string().min(2)).min(1),
  /** The 30-second answer. */
  shortAnswer: z.string().min(40),
  /** The answer a strong candidate gives in 3–5 minutes (Markdown). */
  deepAnswer: z.string().min(200),
  commonMistakes: z.array(z.string().min(10)).min(2),
  /** 3–6 points an interviewer listens for. */
  rubric: z.array(z.string().min(10)).min(3).max(6),
  followUps: z.array(z.string().min(10)).min(2),
  /** Slugs of lessons in content/lessons. */
  lessons: z.array(z.string()).min(1),
  /**
   * A SQL question answered by writing the query: the id of the SQL challenge (content/challenges) that asks for the
   * same technique on the learner's run. The mock interview sends the learner there instead of a prose box.
   */
  challenge: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .optional(),
  /** True for the five key questions of the seed notes. */
  keyQuestion: z.boolean().default(false),
});
export type Question = z.infer<typeof questionSchema>;
export const questionFileSchema = z.array(questionSchema).min(1);
