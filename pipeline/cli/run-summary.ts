import type { Manifest, StageRecord } from '../contracts/manifest';

/**
 * The end-of-run summary a learner reads: per stage what came in, went out and was rejected, how long it took;
 * per entity the reconciliation; rejects by reason; and where the outputs are.
 */
const number = new Intl.NumberFormat('en-US');

/** A plain-text table: the first column (and any listed in `left`) left-aligned, numbers right-aligned. */
function table(headers: string[], rows: string[][], left: number[] = [0]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (left.includes(column) ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd();
  return [line(headers), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(line)].map((text) => `  ${text}`).join('\n');
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface Reconciliation {
  entity: string;
  generated: number | null;
  landed: number;
  accepted: number;
  quarantined: number;
  duplicatesRemoved: number;
  holds: boolean;
}

function stage(manifest: Manifest, name: StageRecord['name']): StageRecord | undefined {
  return manifest.stages.find((record) => record.name === name);
}

export interface RunSummary {
  runId: string;
  status: Manifest['status'];
  runDir: string;
  stages: Array<Pick<StageRecord, 'name' | 'status' | 'inputRows' | 'outputRows' | 'rejectedRows' | 'durationMs' | 'attempts'>>;
  reconciliation: Reconciliation[] | null;
  rejectReasons: Record<string, number>;
  /** One message per reason code, e.g. 'events: field "user_id": no accepted user has id …'. */
  rejectExamples: Record<string, string>;
  recall: number | null;
  precision: number | null;
  outputs: Record<string, string>;
}

export function summarize(manifest: Manifest, runDir: string): RunSummary {
  const reasons: Record<string, number> = {};
  const validate = stage(manifest, 'validate');
  if (validate?.status === 'succeeded') for (const [code, count] of Object.entries(validate.rejectReasons)) reasons[code] = (reasons[code] ?? 0) + count;
  const examples = validate?.status === 'succeeded' ? ((validate.metrics.rejectExamples as Record<string, string> | undefined) ?? {}) : {};
  const quality = stage(manifest, 'quality');
  const qualityDone = quality?.status === 'succeeded';
  return {
    runId: manifest.runId,
    status: manifest.status,
    runDir,
    stages: manifest.stages.map(({ name, status, inputRows, outputRows, rejectedRows, durationMs, attempts }) => ({ name, status, inputRows, outputRows, rejectedRows, durationMs, attempts })),
    reconciliation: qualityDone ? ((quality.metrics.reconciliation as Reconciliation[] | undefined) ?? null) : null,
    rejectReasons: reasons,
    rejectExamples: examples,
    recall: qualityDone ? ((quality.metrics.recall as number | null | undefined) ?? null) : null,
    precision: qualityDone ? ((quality.metrics.precision as number | null | undefined) ?? null) : null,
    outputs: {
      manifest: `${runDir}/manifest.json`,
      warehouse: `${runDir}/warehouse.duckdb`,
      parquet: `${runDir}/lake/curated/`,
      quarantine: `${runDir}/lake/quarantine/`,
      qualityReport: `${runDir}/quality/report.json`,
    },
  };
}

export function renderSummary(summary: RunSummary): string {
  const parts: string[] = [];
  parts.push(`\nRun ${summary.runId}: ${summary.status.toUpperCase()}\n`);
  parts.push(
    table(
      ['stage', 'status', 'in', 'out', 'rejected', 'time'],
      summary.stages.map((record) => [
        record.name,
        record.attempts > 1 ? `${record.status} (${record.attempts} tries)` : record.status,
        number.format(record.inputRows),
        number.format(record.outputRows),
        number.format(record.rejectedRows),
        record.status === 'pending' ? '' : seconds(record.durationMs),
      ]),
    ),
  );
  const total = summary.stages.reduce((sum, record) => sum + record.durationMs, 0);
  parts.push(`  total ${seconds(total)}\n`);
  if (summary.reconciliation) {
    parts.push('Reconciliation: generated = landed = accepted + quarantined + duplicates removed');
    parts.push(
      table(
        ['entity', 'generated', 'landed', 'accepted', 'quarantined', 'duplicates', 'holds'],
        summary.reconciliation.map((entity) => [
          entity.entity,
          entity.generated === null ? '—' : number.format(entity.generated),
          number.format(entity.landed),
          number.format(entity.accepted),
          number.format(entity.quarantined),
          number.format(entity.duplicatesRemoved),
          entity.holds ? 'yes' : 'NO',
        ]),
      ) + '\n',
    );
  }
  const reasons = Object.entries(summary.rejectReasons).sort(([, a], [, b]) => b - a);
  if (reasons.length > 0) {
    parts.push('Rejected records by reason (in the quarantine table and lake/quarantine/):');
    const example = (code: string) => {
      const text = summary.rejectExamples[code] ?? '';
      return text.length > 90 ? `${text.slice(0, 89)}…` : text;
    };
    parts.push(table(['reason', 'records', 'for example'], reasons.map(([code, count]) => [code, number.format(count), example(code)]), [0, 2]) + '\n');
  }
  if (summary.recall !== null || summary.precision !== null) {
    const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(2)} %`);
    parts.push(`Checks against the injected faults: recall ${percent(summary.recall)}, precision ${percent(summary.precision)} (details in quality/report.json)\n`);
  }
  parts.push('Outputs:');
  parts.push(`  warehouse for the playground  ${summary.outputs.warehouse}`);
  parts.push(`  Parquet per table            ${summary.outputs.parquet}`);
  parts.push(`  quarantined records          ${summary.outputs.quarantine}`);
  parts.push(`  quality report               ${summary.outputs.qualityReport}`);
  parts.push(`  manifest (counts, checksums) ${summary.outputs.manifest}\n`);
  return `${parts.join('\n')}\n`;
}
