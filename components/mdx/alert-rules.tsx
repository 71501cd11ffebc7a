import Link from 'next/link';
import type { MonitoringFigures } from '@/lib/content/monitoring-types';
import { alertRules, rejectRatioThreshold } from '@/lib/metrics/prometheus-config';

const cell = 'py-2 pr-3 align-top';
const percent = (ratio: number) => `${(ratio * 100).toFixed(2)} %`;

function YourRun({ run }: { run: MonitoringFigures | null }) {
  if (!run) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-3 text-sm dark:border-slate-700">
        Your own run&apos;s figures appear here after your first finished run:{' '}
        <Link prefetch={false} href="/pipeline" className="text-brand-600 underline">
          run the pipeline
        </Link>{' '}
        (try the <code>chaos</code> fault profile), then reload this page.
      </p>
    );
  }
  const firing = [
    ...(run.failedStages.length > 0 ? [`PipelineStageFailed (${run.failedStages.join(', ')})`] : []),
    ...(run.rejectRatio !== null && run.rejectRatio > rejectRatioThreshold ? ['PipelineRejectRateHigh'] : []),
    ...(run.brokenReconciliation?.length
      ? [`PipelineReconciliationBroken (${run.brokenReconciliation.join(', ')})`]
      : []),
  ];
  return (
    <div className="space-y-2 text-sm">
      <p>
        Your newest finished run <span className="font-mono">{run.runId}</span> ({run.faults} faults):
        rejected {run.rejectRatio === null ? 'not measured yet' : percent(run.rejectRatio)} of its records
        against a threshold of {percent(rejectRatioThreshold)}; failed stages:{' '}
        {run.failedStages.join(', ') || 'none'}; reconciliation:{' '}
        {run.brokenReconciliation === null
          ? 'not checked yet'
          : run.brokenReconciliation.length === 0
            ? 'holds for every entity'
            : `broken for ${run.brokenReconciliation.join(', ')}`}
        . Once their <code>for:</code> has passed, these rules would fire on it:{' '}
        <strong>{firing.length > 0 ? firing.join('; ') : 'none'}</strong>.
      </p>
      <p>What Prometheus scrapes from this app&apos;s /api/metrics for those rules right now:</p>
      <pre className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">
        {run.exposition.join('\n')}
      </pre>
    </div>
  );
}

/**
 * The project's alert rules (the source infra/prometheus/alerts.yml is generated from) and how they judge the
 * learner's newest finished run, read on the server from the same /api/metrics figures Prometheus scrapes.
 */
export function AlertRules({ run }: { run: MonitoringFigures | null }) {
  const rules = alertRules().groups.flatMap((group) => group.rules);
  return (
    <figure className="not-prose my-6 space-y-4">
      <table className="w-full text-left text-sm [&_td]:border-b [&_td]:border-slate-200 [&_th]:border-b [&_th]:border-slate-200 dark:[&_td]:border-slate-700 dark:[&_th]:border-slate-700">
        <caption className="pb-2 text-left font-semibold">infra/prometheus/alerts.yml</caption>
        <thead>
          <tr>
            <th scope="col" className={`${cell} font-medium`}>
              Alert
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              PromQL
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              for
            </th>
            <th scope="col" className="py-2 font-medium">
              Severity
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <tr key={rule.alert}>
              <th scope="row" className={`${cell} font-normal`}>
                {rule.alert}
              </th>
              <td className={`${cell} font-mono text-xs`}>{rule.expr}</td>
              <td className={cell}>{rule.for}</td>
              <td className="py-2">{rule.labels.severity}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <YourRun run={run} />
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">
        The rules are checked by <code>promtool check rules</code> and unit-tested with{' '}
        <code>promtool test rules</code> (infra/prometheus/alerts.test.yml); a test runs Debian&apos;s
        Prometheus 2.42 against this app and sees the reject-rate alert fire for a chaos run and stay quiet
        for a clean one. Grafana has no Debian package, so the dashboard (infra/grafana) runs only with
        Docker: <code>docker compose --profile monitoring up -d</code>.
      </figcaption>
    </figure>
  );
}
