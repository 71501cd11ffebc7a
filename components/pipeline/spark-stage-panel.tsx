import type { SparkStageView } from '@/lib/runs/inspect-types';
import { fmt, formatBytes } from './console-types';

/**
 * What a stage ran on Spark: the totals Spark measured (jobs, stages, tasks, shuffle, spill), the statement
 * running now, the live Spark UI while its driver runs, and every statement with its SQL and executed plan.
 */
export function SparkStagePanel({ spark }: { spark: SparkStageView }) {
  const { totals, current } = spark;
  return (
    <section aria-label="Spark" data-testid="spark-stage" className="mt-5">
      <h3 className="font-semibold">
        On Spark {spark.sparkVersion} <span className="font-mono text-xs text-slate-500">{spark.master}</span>
      </h3>
      <dl className="mt-2 grid grid-cols-3 gap-2 text-sm">
        {(
          [
            ['Jobs', fmt(totals.jobs)],
            ['Stages', fmt(totals.stages)],
            ['Tasks', fmt(totals.tasks)],
            ['Shuffle write', formatBytes(totals.shuffleWriteBytes)],
            ['Shuffle read', formatBytes(totals.shuffleReadBytes)],
            ['Spill', formatBytes(totals.spillBytes)],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt className="text-slate-500">{label}</dt>
            <dd data-testid={`spark-${label.toLowerCase().replace(' ', '-')}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {current ? (
        <p className="mt-2 text-sm" role="status">
          Running {current.file} statement {current.index}
          {current.tasksTotal > 0
            ? `: Spark job ${current.jobId}, stage ${current.stageId}, ${fmt(current.tasksDone)} of ${fmt(current.tasksTotal)} tasks`
            : ': planning'}
        </p>
      ) : null}
      <p className="mt-2 text-sm">
        {spark.uiLive && spark.uiUrl ? (
          <a className="text-sky-700 underline" href={spark.uiUrl} target="_blank" rel="noreferrer">
            Open the live Spark UI ({spark.uiUrl})
          </a>
        ) : (
          <span className="font-semibold">Spark UI not running. </span>
        )}{' '}
        <span className="text-slate-500">{spark.uiNote}</span>
      </p>
      {spark.error ? <p className="mt-2 text-sm text-red-700">{spark.error}</p> : null}
      <h4 className="mt-3 text-xs font-semibold uppercase text-slate-500">
        Spark SQL run ({spark.statements.length} statements)
      </h4>
      <ol className="mt-1 grid gap-1 text-sm">
        {spark.statements.map((statement) => (
          <li key={`${statement.file}-${statement.index}`}>
            <details>
              <summary className="cursor-pointer">
                <span className="font-mono text-xs">
                  {statement.file} #{statement.index}
                </span>
                {statement.table ? (
                  <span>
                    {' '}
                    → {statement.table} ({fmt(statement.rows ?? 0)} rows)
                  </span>
                ) : null}{' '}
                <span className="text-xs text-slate-500">
                  {fmt(statement.durationMs)} ms · shuffle {formatBytes(statement.figures.shuffleWriteBytes)}{' '}
                  written · spill {formatBytes(statement.figures.spillBytes)}
                </span>
              </summary>
              <pre className="mt-1 max-h-60 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100">
                {statement.sql}
              </pre>
              {statement.plan ? (
                <>
                  <p className="mt-1 text-xs text-slate-500">Physical plan as executed (EXPLAIN FORMATTED)</p>
                  <pre
                    data-testid="spark-plan"
                    className="mt-1 max-h-80 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100"
                  >
                    {statement.plan}
                  </pre>
                </>
              ) : null}
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
