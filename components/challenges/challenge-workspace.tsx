'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useId, useRef, useState } from 'react';
import { EditorPlaceholder } from '@/components/sql/editor-placeholder';
import { LazySqlEditor } from '@/components/sql/lazy-sql-editor';
import type { SchemaTable } from '@/components/sql/protocol';
import { latestRunSource } from '@/components/sql/latest-run';
import { useQueryRunner } from '@/components/sql/query-runner';
import type { RunRequest } from '@/components/sql/sql-editor';
import { useDuckDb } from '@/components/sql/use-duckdb';
import type { Challenge } from '@/content/schema/challenge';
import { challengeEntry, updateChallengeProgress } from '@/lib/challenges/progress';
import { DifficultyBadge } from './challenge-list';
import { DiagnosisView } from './diagnosis-view';
import { editorHeight } from './editor-height';
import {
  gradeOnDatasets,
  gradingDatasets,
  redrillDataset,
  type Dataset,
  type Verdict,
} from './grade-on-datasets';
import { measureRewrite, type RewriteReport } from './measure-rewrite';
import { PlanPanel, RewriteView } from './plan-panel';
import { RedrillBanner } from './redrill-banner';
import { useChallengeProgress } from './use-challenge-progress';
import { useHydrated } from './use-hydrated';
import { recordRedrill, useRedrillSeed } from './use-redrill';

const ResultsPanel = dynamic(() => import('@/components/sql/results-panel'), {
  ssr: false,
  loading: () => <EditorPlaceholder height={240} label="Loading results…" />,
});

// The schema is read beside the query but is not needed to paint the page: it loads after it.
const SchemaPanel = dynamic(() => import('@/components/sql/schema-panel').then((m) => m.SchemaPanel), {
  ssr: false,
  loading: () => <p className="text-xs text-slate-500">Loading the schema…</p>,
});

const starter = '-- Write your query here, then Run to look at the result and Submit to grade it.\nSELECT\n';

/** One challenge: statement, editor, Run and Submit (graded on three runs), hints one by one, the reference once solved or given up. */
export function ChallengeWorkspace({
  challenge,
  lessons,
}: {
  challenge: Challenge;
  lessons: { slug: string; title: string }[];
}) {
  const id = useId();
  const hydrated = useHydrated();
  const progress = challengeEntry(useChallengeProgress(), challenge.id);
  const redrillSeed = useRedrillSeed();
  const [gaveUpNow, setGaveUpNow] = useState(false);
  const [sql, setSql] = useState(starter);
  const [learner, setLearner] = useState<Dataset | null>(null);
  const [grading, setGrading] = useState(false);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [answers, setAnswers] = useState<(number | null)[]>(() =>
    (challenge.plan?.questions ?? []).map(() => null),
  );
  const [rewrite, setRewrite] = useState<RewriteReport | null>(null);
  const plan = challenge.plan;
  const questionsRight = !plan || plan.questions.every((question, i) => answers[i] === question.answer);
  const engine = useDuckDb(null, { eager: false });
  const { result, stale, failure, running, run } = useQueryRunner(engine.run);
  const [runTables, setRunTables] = useState<readonly SchemaTable[] | null>(null);
  const columns = challenge.expectedColumns.map((c) => c.name);

  const learnerDataset = async (): Promise<Dataset> => {
    if (learner) return learner;
    if (redrillSeed !== null) {
      setLearner(redrillDataset(redrillSeed));
      return redrillDataset(redrillSeed);
    }
    const latest = await latestRunSource();
    const dataset = { source: latest.source, label: latest.label };
    setLearner(dataset);
    return dataset;
  };

  const schemaLoad = useRef<Promise<void> | null>(null);
  const gradingNow = useRef(false);
  /**
   * The tables of the learner's run, for the schema list and the editor's completion: read when the learner reaches
   * for the editor (when Monaco starts loading) or runs a query. Grading waits for it and it does not start during
   * grading: attaching the learner's run then could swap it in under a query meant for a seed run.
   */
  const loadSchema = (): Promise<void> => {
    if (schemaLoad.current || gradingNow.current) return schemaLoad.current ?? Promise.resolve();
    const load = learnerDataset()
      .then((dataset) => engine.describe(dataset.source))
      .then(setRunTables, () => {
        schemaLoad.current = null;
      });
    schemaLoad.current = load;
    return load;
  };

  const onRun = async (request: RunRequest = { sql, line: 1, column: 1 }) => {
    if (gradingNow.current) return;
    setVerdict(null);
    const dataset = await learnerDataset();
    await run(request.sql, { line: request.line, column: request.column }, dataset.source);
    // The run's database is attached now: its real tables and row counts replace the contract's list.
    await loadSchema();
  };

  const onSubmit = async () => {
    // Ctrl/⌘+Shift+Enter reaches here too, where the disabled button cannot stop a second grading.
    if (gradingNow.current) return;
    gradingNow.current = true;
    setGrading(true);
    setVerdict(null);
    setRewrite(null);
    try {
      await schemaLoad.current;
      const learnerRun = await learnerDataset();
      const outcome = await gradeOnDatasets(challenge, sql, gradingDatasets(learnerRun), engine.run);
      setVerdict(outcome);
      const report =
        outcome.correct && plan ? await measureRewrite(plan, sql, learnerRun.source, engine.run) : null;
      setRewrite(report);
      const solved = outcome.correct && questionsRight && (report?.passed ?? true);
      updateChallengeProgress(challenge.id, (entry) => ({
        ...entry,
        attempts: entry.attempts + 1,
        solved: entry.solved || solved,
        solvedAt: entry.solvedAt ?? (solved ? new Date().toISOString() : null),
        lastSql: sql,
      }));
      await recordRedrill(challenge.id, solved ? 'solved' : 'failed', redrillSeed);
    } catch (error) {
      setVerdict({
        correct: false,
        dataset: 'the grader',
        error: error instanceof Error ? error.message : String(error),
        checked: [],
      });
    } finally {
      gradingNow.current = false;
      setGrading(false);
    }
  };

  const revealHint = () =>
    updateChallengeProgress(challenge.id, (entry) => ({
      ...entry,
      hintsUsed: Math.min(3, entry.hintsUsed + 1),
    }));
  const giveUp = () => {
    updateChallengeProgress(challenge.id, (entry) => ({ ...entry, gaveUp: true }));
    void recordRedrill(challenge.id, 'failed', redrillSeed);
    setGaveUpNow(true);
  };
  // A re-drill hides the reference an earlier give-up revealed: it shows only after this attempt ends.
  const showSolution =
    redrillSeed === null ? progress.solved || progress.gaveUp : gaveUpNow || verdict?.correct === true;
  const busy = running || grading;

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
          {challenge.topics.join(' · ')} · {progress.attempts} attempt{progress.attempts === 1 ? '' : 's'} ·{' '}
          {progress.hintsUsed} of 3 hints used
        </p>
        {redrillSeed !== null ? <RedrillBanner challengeId={challenge.id} seed={redrillSeed} /> : null}
      </header>

      <section aria-labelledby={`${id}-statement`}>
        <h2 id={`${id}-statement`} className="sr-only">
          Statement
        </h2>
        <p className="max-w-3xl text-base">{challenge.statement}</p>
        <table className="mt-3 text-sm">
          <caption className="mb-1 text-left font-medium">
            Expected columns{challenge.ordered ? ' — row order is graded' : ' — any row order'}
          </caption>
          <tbody>
            {challenge.expectedColumns.map((column, i) => (
              <tr key={column.name}>
                <td className="pr-3 text-slate-500">{i + 1}</td>
                <td className="pr-3 font-mono">{column.name}</td>
                <td className="text-slate-600 dark:text-slate-300">{column.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {plan ? (
        <PlanPanel
          plan={plan}
          run={engine.run}
          source={async () => (await learnerDataset()).source}
          answers={answers}
          onAnswer={(question, option) =>
            setAnswers((previous) => previous.map((value, i) => (i === question ? option : value)))
          }
          revealed={verdict !== null}
        />
      ) : null}

      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <section
          aria-label="Your query"
          className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <div className="mb-2 flex items-center text-xs text-slate-500">
            <label htmlFor={`${id}-sql`} className="text-sm font-semibold text-slate-900 dark:text-slate-100">
              Your SQL
            </label>
            <span className="ml-auto">
              {engine.status === 'loading'
                ? 'Loading DuckDB-WASM…'
                : learner
                  ? `runs on ${learner.label}`
                  : 'runs in your browser'}
            </span>
          </div>
          <div
            className="overflow-hidden rounded-md border border-slate-200 dark:border-slate-700"
            onPointerEnter={() => void loadSchema()}
            onFocus={() => void loadSchema()}
          >
            <LazySqlEditor
              id={`${id}-sql`}
              testId="challenge-sql"
              label="Your SQL"
              value={sql}
              onChange={setSql}
              onRun={(request) => void onRun(request)}
              onSubmit={() => void onSubmit()}
              tables={runTables ?? []}
              marker={
                failure && failure.line !== null
                  ? { line: failure.line, column: failure.column ?? 1, message: failure.summary }
                  : null
              }
              height={editorHeight(sql, 8, 20)}
            />
          </div>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <button
              type="button"
              onClick={() => void onRun()}
              disabled={busy}
              className="rounded border border-brand-600 px-3 py-1 text-sm font-medium text-brand-600 disabled:opacity-50"
            >
              {running ? 'Running…' : 'Run'}
            </button>
            <button
              type="button"
              onClick={() => void onSubmit()}
              disabled={busy}
              className="rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white disabled:opacity-50"
            >
              {grading ? 'Grading on 3 runs…' : 'Submit'}
            </button>
            <span className="text-xs text-slate-500">
              Ctrl/⌘+Enter runs (the selection if there is one), Ctrl/⌘+Shift+Enter submits, Ctrl/⌘+Space
              completes table and column names
            </span>
          </div>
          {failure ? (
            <p
              role="alert"
              className="mt-3 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
            >
              {failure.summary}
              {failure.line !== null ? ` (line ${failure.line}, column ${failure.column})` : ''}
            </p>
          ) : null}
          {engine.error ? (
            <p role="alert" className="mt-3 text-sm text-red-700">
              {engine.error}
            </p>
          ) : null}
        </section>
        <aside
          aria-label="Tables and columns"
          className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 p-3 dark:border-slate-800"
        >
          <h2 className="mb-1 text-sm font-semibold">Tables and columns</h2>
          <SchemaPanel tables={runTables} label={learner?.label} />
        </aside>
      </div>

      {verdict ? (
        verdict.correct ? (
          <div
            role="status"
            data-testid="verdict-correct"
            className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-950 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-50"
          >
            <p className="font-semibold">
              {plan ? 'Your query is right' : 'Correct'} on {verdict.checked.join(', ')}.
              {plan && !questionsRight ? ' Some plan questions are still unanswered or wrong.' : ''}
            </p>
          </div>
        ) : 'diagnosis' in verdict ? (
          <DiagnosisView diagnosis={verdict.diagnosis} dataset={verdict.dataset} columns={columns} />
        ) : (
          <p
            role="alert"
            data-testid="verdict-error"
            className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          >
            Your query failed on {verdict.dataset}: {verdict.error}
          </p>
        )
      ) : null}

      {rewrite ? <RewriteView report={rewrite} /> : null}

      {result && !running && !verdict && stale ? (
        <p data-testid="stale-result" className="text-xs font-medium uppercase tracking-wide text-slate-500">
          Previous result: from the last query that ran, not the one that failed above
        </p>
      ) : null}
      {result && !running && !verdict ? (
        <div className={stale ? 'opacity-60' : undefined}>
          <ResultsPanel result={result} height={240} />
        </div>
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
              onClick={revealHint}
              className="rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-700"
            >
              Show hint {progress.hintsUsed + 1} of 3
            </button>
          ) : null}
          {!showSolution ? (
            <button
              type="button"
              onClick={giveUp}
              className="rounded px-3 py-1 text-sm text-slate-500 underline"
            >
              Give up and show the solution
            </button>
          ) : null}
        </div>
      </section>

      {showSolution ? (
        <section aria-labelledby={`${id}-solution`} data-testid="solution">
          <h2 id={`${id}-solution`} className="text-lg font-semibold">
            Reference solution
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
