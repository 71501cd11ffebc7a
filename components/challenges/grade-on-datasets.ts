import type { DatabaseSource, QueryResult } from '@/components/sql/protocol';
import { challengeDataSeeds, challengeDataUrl } from '@/lib/challenges/datasets';
import { gradeResult, type Diagnosis } from '@/lib/sql/grade';
import type { Challenge } from '@/content/schema/challenge';
import { toGradeTable } from './to-grade-table';

export type Runner = (
  sql: string,
  on?: DatabaseSource,
) => { result: Promise<QueryResult>; cancel: () => void };

export interface Dataset {
  source: DatabaseSource;
  label: string;
}

export type Verdict =
  | { correct: true; checked: string[] }
  | { correct: false; dataset: string; diagnosis: Diagnosis; checked: string[] }
  | { correct: false; dataset: string; error: string; checked: string[] };

/** A re-drill's run, used in place of the learner's own: Run shows it and grading checks it first. */
export function redrillDataset(seed: number): Dataset {
  return {
    source: { key: `challenge-seed-${seed}`, url: challengeDataUrl(seed) },
    label: `the seed-${seed} run (re-drill)`,
  };
}

/** The learner's run first, then the two extra seeds: a query that only matches one run's values fails on another. */
export function gradingDatasets(learner: Dataset): Dataset[] {
  return [
    learner,
    ...challengeDataSeeds.map((seed) => ({
      source: { key: `challenge-seed-${seed}`, url: challengeDataUrl(seed) },
      label: `the seed-${seed} run`,
    })),
  ];
}

/** Grades on each dataset in turn (one attached database at a time, as the engine works) and stops at the first failure. */
export async function gradeOnDatasets(
  challenge: Challenge,
  sql: string,
  datasets: Dataset[],
  run: Runner,
): Promise<Verdict> {
  const checked: string[] = [];
  for (const dataset of datasets) {
    let learner: QueryResult;
    try {
      learner = await run(sql, dataset.source).result;
    } catch (error) {
      return {
        correct: false,
        dataset: dataset.label,
        error: error instanceof Error ? error.message : String(error),
        checked,
      };
    }
    if (learner.truncated) {
      return {
        correct: false,
        dataset: dataset.label,
        error: `the result has more than ${learner.rowLimit.toLocaleString('en')} rows, more than any challenge expects: check the joins and the GROUP BY.`,
        checked,
      };
    }
    const reference = await run(challenge.solution, dataset.source).result;
    const result = gradeResult(toGradeTable(reference), toGradeTable(learner), {
      ordered: challenge.ordered,
      keyColumns: challenge.keyColumns,
    });
    if (!result.correct)
      return { correct: false, dataset: dataset.label, diagnosis: result.diagnosis, checked };
    checked.push(dataset.label);
  }
  return { correct: true, checked };
}
