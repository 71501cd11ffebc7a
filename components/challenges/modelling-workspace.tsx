'use client';

import Link from 'next/link';
import { useId, useMemo, useState } from 'react';
import { DuckDbClient } from '@/components/sql/duckdb-client';
import { LazySqlEditor } from '@/components/sql/lazy-sql-editor';
import type { SchemaTable } from '@/components/sql/protocol';
import type { ModellingChallenge } from '@/content/schema/modelling';
import { challengeEntry, updateChallengeProgress } from '@/lib/challenges/progress';
import {
  describeModelFailure,
  gradeModel,
  type ModelEngine,
  type ModelFailure,
} from '@/lib/modelling/grade-model';
import { DifficultyBadge } from './challenge-list';
import { DiagnosisView } from './diagnosis-view';
import { editorHeight } from './editor-height';
import { toGradeTable } from './to-grade-table';
import { useChallengeProgress } from './use-challenge-progress';
import { useHydrated } from './use-hydrated';

/** The seeds a design is graded on: three fixtures, so a view that returns constants fails. */
const modelSeeds = [42, 7, 1234] as const;

/**
 * Its own engine: a design is built in an in-memory schema of a worker no run is attached to, so a learner's
 * DDL can never meet the playground's or a SQL challenge's attached run.
 */
let modellingClient: DuckDbClient | null = null;
function engine(): ModelEngine {
  modellingClient ??= new DuckDbClient();
  const client = modellingClient;
  return { run: async (sql) => toGradeTable(await client.query(sql).result) };
}

function viewColumns(challenge: ModellingChallenge, view: string): string[] {
  return challenge.questions.find((q) => q.view === view)?.expectedColumns.map((c) => c.name) ?? [];
}

type Outcome =
  | { correct: true }
  | { correct: false; seed: number; failure: ModelFailure }
  | { correct: false; seed: null; error: string };

const starter = '-- CREATE TABLE …; INSERT INTO … SELECT … FROM src_…; CREATE VIEW answer_… AS …;\n';

/** A modelling challenge: the brief, the source tables, the questions as views to create, the rubric, one script. */
export function ModellingWorkspace({
  challenge,
  lessons,
}: {
  challenge: ModellingChallenge;
  lessons: { slug: string; title: string }[];
}) {
  const id = useId();
  const hydrated = useHydrated();
  const progress = challengeEntry(useChallengeProgress(), challenge.id);
  const [script, setScript] = useState(() => progress.lastSql || starter);
  const [grading, setGrading] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const showSolution = progress.solved || progress.gaveUp;
  // The script is built from the source tables (each fixture loads them fresh): those are what completion offers.
  const sourceTables = useMemo<SchemaTable[]>(
    () =>
      challenge.sources.map((source) => ({
        name: source.table,
        rows: Number.NaN,
        columns: source.columns.map(({ name, type }) => ({ name, type })),
      })),
    [challenge.sources],
  );

  const submit = async () => {
    // Ctrl/⌘+Enter reaches here too, where the disabled button cannot stop a second grading.
    if (grading) return;
    setGrading(true);
    setOutcome(null);
    let result: Outcome = { correct: true };
    try {
      const db = engine();
      for (const seed of modelSeeds) {
        const verdict = await gradeModel(challenge, script, seed, db);
        if (!verdict.correct) {
          result = { correct: false, seed, failure: verdict.failure };
          break;
        }
      }
    } catch (error) {
      result = { correct: false, seed: null, error: error instanceof Error ? error.message : String(error) };
    }
    setOutcome(result);
    setGrading(false);
    updateChallengeProgress(challenge.id, (entry) => ({
      ...entry,
      attempts: entry.attempts + 1,
      solved: entry.solved || result.correct,
      solvedAt: entry.solvedAt ?? (result.correct ? new Date().toISOString() : null),
      lastSql: script,
    }));
  };

  return (
    <article className="space-y-6" data-hydrated={hydrated}>
      <header>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-3xl font-bold tracking-tight">{challenge.title}</h1>
          <DifficultyBadge difficulty={challenge.difficulty} />
          {progress.solved ? (
            <span className="rounded bg-emerald-600 px-2 py-0.5 text-xs font-medium text-white">
              ✓ Solved
            </span>
          ) : null}
        </div>
        <p className="mt-1 text-xs text-slate-500">
          {challenge.topics.join(' · ')} · {progress.attempts} attempt{progress.attempts === 1 ? '' : 's'}
        </p>
      </header>

      <p className="max-w-3xl">{challenge.brief}</p>

      <section aria-labelledby={`${id}-sources`}>
        <h2 id={`${id}-sources`} className="text-lg font-semibold">
          Source tables (loaded for you, then dropped before your views run)
        </h2>
        {challenge.sources.map((source) => (
          <div key={source.table} className="mt-2 text-sm">
            <p>
              <span className="font-mono font-semibold">{source.table}</span>: {source.description}
            </p>
            <p className="font-mono text-xs text-slate-600 dark:text-slate-300">
              {source.columns
                .map((c) => `${c.name} ${c.type}${c.description ? ` (${c.description})` : ''}`)
                .join(' · ')}
            </p>
          </div>
        ))}
      </section>

      <section aria-labelledby={`${id}-questions`}>
        <h2 id={`${id}-questions`} className="text-lg font-semibold">
          Views your script must create
        </h2>
        <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm">
          {challenge.questions.map((q) => (
            <li key={q.view}>
              <span className="font-mono">{q.view}</span>({q.expectedColumns.map((c) => c.name).join(', ')}):{' '}
              {q.question}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby={`${id}-rubric`}>
        <h2 id={`${id}-rubric`} className="text-lg font-semibold">
          Rubric
        </h2>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
          {challenge.rubric.map((item) => (
            <li key={item.text}>
              {item.text}{' '}
              <span className="text-xs text-slate-500">
                {item.check ? '(checked on your tables)' : '(check it yourself)'}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section
        aria-label="Your design"
        className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        <label htmlFor={`${id}-sql`} className="text-sm font-semibold">
          Your script: tables, loads, answer views
        </label>
        <div className="mt-2 overflow-hidden rounded-md border border-slate-200 dark:border-slate-700">
          <LazySqlEditor
            id={`${id}-sql`}
            testId="model-sql"
            label="Your script: tables, loads, answer views"
            value={script}
            onChange={setScript}
            onRun={() => void submit()}
            tables={sourceTables}
            marker={null}
            height={editorHeight(script, 12, 30)}
          />
        </div>
        <p className="mt-1 text-xs text-slate-500">
          Ctrl/⌘+Enter submits; Ctrl/⌘+Space completes the source tables and their columns.
        </p>
        <button
          type="button"
          onClick={() => void submit()}
          disabled={grading}
          className="mt-2 rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white disabled:opacity-50"
        >
          {grading ? 'Grading on 3 fixtures…' : 'Submit'}
        </button>
      </section>

      {outcome ? (
        outcome.correct ? (
          <div
            role="status"
            data-testid="verdict-correct"
            className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-950 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-50"
          >
            <p className="font-semibold">
              Your design answers every question on the fixtures of seeds {modelSeeds.join(', ')}. Now check
              the rubric items marked for you.
            </p>
          </div>
        ) : outcome.seed === null ? (
          <p
            role="alert"
            data-testid="verdict-error"
            className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900"
          >
            The grader failed: {outcome.error}
          </p>
        ) : (
          <div
            role="alert"
            data-testid="model-failure"
            data-kind={outcome.failure.kind}
            className="space-y-2"
          >
            <p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
              On the seed-{outcome.seed} fixture: {describeModelFailure(outcome.failure)}
            </p>
            {outcome.failure.kind === 'question' ? (
              <DiagnosisView
                diagnosis={outcome.failure.diagnosis}
                dataset={`the seed-${outcome.seed} fixture`}
                columns={viewColumns(challenge, outcome.failure.view)}
              />
            ) : null}
          </div>
        )
      ) : null}

      <section aria-labelledby={`${id}-hints`}>
        <h2 id={`${id}-hints`} className="text-lg font-semibold">
          Hints
        </h2>
        <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm" data-testid="hints">
          {challenge.hints.slice(0, progress.hintsUsed).map((hint) => (
            <li key={hint}>{hint}</li>
          ))}
        </ol>
        <div className="mt-2 flex gap-2">
          {progress.hintsUsed < 3 ? (
            <button
              type="button"
              onClick={() =>
                updateChallengeProgress(challenge.id, (e) => ({
                  ...e,
                  hintsUsed: Math.min(3, e.hintsUsed + 1),
                }))
              }
              className="rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-700"
            >
              Show hint {progress.hintsUsed + 1} of 3
            </button>
          ) : null}
          {!showSolution ? (
            <button
              type="button"
              onClick={() => updateChallengeProgress(challenge.id, (e) => ({ ...e, gaveUp: true }))}
              className="rounded px-3 py-1 text-sm text-slate-500 underline"
            >
              Give up and show a reference design
            </button>
          ) : null}
        </div>
      </section>

      {showSolution ? (
        <section aria-labelledby={`${id}-solution`} data-testid="solution">
          <h2 id={`${id}-solution`} className="text-lg font-semibold">
            A reference design
          </h2>
          <pre className="mt-2 overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-sm text-slate-100">
            {challenge.solution}
          </pre>
          <p className="mt-2 max-w-3xl text-sm">{challenge.explanation}</p>
        </section>
      ) : null}

      {lessons.length > 0 ? (
        <section aria-labelledby={`${id}-lessons`}>
          <h2 id={`${id}-lessons`} className="text-lg font-semibold">
            Lessons
          </h2>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {lessons.map((lesson) => (
              <li key={lesson.slug}>
                <Link href={`/learn/${lesson.slug}`} className="text-brand-600 underline">
                  {lesson.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
