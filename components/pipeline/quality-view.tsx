'use client';

import { useEffect, useState } from 'react';
import type { QualityReport } from '@/pipeline/contracts/quality-report';
import { fmt } from './console-types';

/** The quality report: checks, the reconciliation as a waterfall per entity, recall against injected faults. */
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
  return (
    <section aria-label="Quality" className="grid gap-4">
      <p className="text-sm">
        {report.summary.passed} of {report.summary.checks} checks pass · recall against injected faults{' '}
        {report.faults?.overallRecall == null
          ? '— (no ground truth)'
          : `${(report.faults.overallRecall * 100).toFixed(1)} %`}
      </p>
      {report.reconciliation.map((row) => {
        const max = Math.max(row.generated ?? 0, row.raw, 1);
        const bar = (label: string, value: number, offset: number, colour: string) => (
          <div className="flex items-center gap-2 text-xs" key={label}>
            <span className="w-24 shrink-0">{label}</span>
            <div className="relative h-3 flex-1 bg-slate-100 dark:bg-slate-800">
              <div
                className={`absolute h-3 ${colour}`}
                style={{ left: `${(offset / max) * 100}%`, width: `${(value / max) * 100}%` }}
              />
            </div>
            <span className="w-20 text-right font-mono">{fmt(value)}</span>
          </div>
        );
        return (
          <div key={row.entity} data-testid={`reconcile-${row.entity}`}>
            <h4 className="text-sm font-semibold">
              {row.entity}{' '}
              <span className={row.holds ? 'text-green-700' : 'text-red-700'}>
                {row.holds ? 'reconciles' : 'does not reconcile'}
              </span>
            </h4>
            {row.generated !== null ? bar('generated', row.generated, 0, 'bg-slate-500') : null}
            {bar('raw', row.raw, 0, 'bg-sky-600')}
            {bar('accepted', row.accepted, 0, 'bg-green-600')}
            {bar('quarantined', row.quarantined, row.accepted, 'bg-red-600')}
            {bar('duplicates', row.duplicatesRemoved, row.accepted + row.quarantined, 'bg-amber-500')}
          </div>
        );
      })}
      <table className="text-sm" aria-label="Quality checks">
        <thead>
          <tr className="text-left">
            <th>Check</th>
            <th>Table</th>
            <th>Result</th>
            <th className="text-right">Failing rows</th>
          </tr>
        </thead>
        <tbody>
          {report.checks.map((check) => (
            <tr
              key={`${check.table}.${check.name}`}
              className="border-b border-slate-100 dark:border-slate-800"
            >
              <td className="font-mono text-xs">{check.name}</td>
              <td className="font-mono text-xs">{check.table}</td>
              <td className={check.passed ? 'text-green-700' : 'text-red-700'}>
                {check.passed ? 'pass' : 'fail'}
              </td>
              <td className="text-right">{fmt(check.failingRows)}</td>
            </tr>
          ))}
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
