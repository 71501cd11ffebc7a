'use client';

import { useEffect, useState } from 'react';
import type { QualityReport } from '@/pipeline/contracts/quality-report';
import { fmt } from './console-types';
import { ReconciliationBars } from './reconciliation-bars';

/**
 * The quality report: checks, the reconciliation as a waterfall per entity, recall against injected faults. A
 * record-level check (kind quarantine) shows what it caught: catching an injected fault is its job, not a failure.
 */
export function QualityView({ runId, version }: { runId: string; version: string }) {
  const [report, setReport] = useState<QualityReport | null>(null);
  useEffect(() => {
    let live = true;
    void fetch(`/api/runs/${runId}/files/quality/report.json`, { cache: 'no-store' })
      .then((response) => (response.ok ? (response.json() as Promise<QualityReport>) : null))
      .then((json) => live && setReport(json));
    return () => {
      live = false;
    };
  }, [runId, version]);
  if (!report)
    return (
      <p className="text-sm text-slate-500">The quality report appears once the quality stage has run.</p>
    );
  const catching = report.checks.filter((check) => check.kind === 'quarantine');
  const caughtRecords = catching.reduce((sum, check) => sum + (check.caught ?? check.failingRows), 0);
  return (
    <section aria-label="Quality" className="grid gap-4">
      <p className="text-sm" data-testid="quality-headline">
        {report.summary.passed} of {report.summary.checks} warehouse checks pass
        {report.summary.failed > 0 ? `, ${report.summary.failed} fail` : ''} · {catching.length} record checks
        caught {fmt(caughtRecords)} records (quarantined) · recall against injected faults{' '}
        {report.faults?.overallRecall == null
          ? '— (no ground truth)'
          : `${(report.faults.overallRecall * 100).toFixed(1)} %`}
      </p>
      {report.reconciliation.map((row) => (
        <ReconciliationBars key={row.entity} row={row} />
      ))}
      <table className="text-sm" aria-label="Quality checks">
        <thead>
          <tr className="text-left">
            <th>Check</th>
            <th>Table</th>
            <th>Result</th>
            <th className="text-right">Rows</th>
          </tr>
        </thead>
        <tbody>
          {report.checks.map((check) => {
            const caught = check.kind === 'quarantine';
            const result = caught
              ? `caught ${fmt(check.caught ?? check.failingRows)}`
              : check.passed
                ? 'pass'
                : 'fail';
            return (
              <tr
                key={`${check.table}.${check.name}`}
                data-result={caught ? 'caught' : check.passed ? 'pass' : 'fail'}
                className="border-b border-slate-100 dark:border-slate-800"
              >
                <td className="font-mono text-xs">{check.name}</td>
                <td className="font-mono text-xs">{check.table}</td>
                <td
                  className={
                    caught
                      ? 'text-amber-700 dark:text-amber-300'
                      : check.passed
                        ? 'text-green-700'
                        : 'text-red-700'
                  }
                >
                  {result}
                </td>
                <td className="text-right">
                  {fmt(caught ? (check.caught ?? check.failingRows) : check.failingRows)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table className="text-sm" aria-label="Recall by fault kind">
        <thead>
          <tr className="text-left">
            <th>Fault</th>
            <th>Injected</th>
            <th>Caught</th>
            <th>Recall</th>
          </tr>
        </thead>
        <tbody>
          {(report.faults?.byKind ?? []).map((kind) => (
            <tr key={kind.kind}>
              <td className="font-mono text-xs">{kind.kind}</td>
              <td>{fmt(kind.injected)}</td>
              <td>{fmt(kind.caught)}</td>
              <td>{kind.recall === null ? '—' : `${(kind.recall * 100).toFixed(1)} %`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
