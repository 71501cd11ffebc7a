import type { Manifest } from '@/pipeline/contracts/manifest';
import { batchLayerStages, duplicatesRemoved, quarantineFigures } from '@/pipeline/contracts/run-figures';
import type { EvidenceKey } from '@/content/schema/question';

/**
 * Figures from the learner's own run for the {{run.*}} placeholders in model answers, so the learner talks
 * about a system they ran. Everything is read from manifest.json through pipeline/contracts/run-figures.ts, the
 * same reading the console and the CLI summary use, so an answer quotes the figures the learner saw.
 */
export type Evidence = Record<EvidenceKey, string>;

const count = (value: number) => value.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const percent = (value: unknown) => (typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : 'n/a');

export function buildEvidence(manifest: Manifest): Evidence {
  const stage = (name: string) => manifest.stages.find((entry) => entry.name === name);
  const succeeded = manifest.stages.filter((entry) => entry.status === 'succeeded');
  const totalMs = succeeded.reduce((sum, entry) => sum + entry.durationMs, 0);
  const batchMs = succeeded
    .filter((entry) => batchLayerStages.includes(entry.name))
    .reduce((sum, entry) => sum + entry.durationMs, 0);
  const slowest = succeeded.reduce(
    (worst, entry) => (worst && worst.durationMs >= entry.durationMs ? worst : entry),
    succeeded[0],
  );
  const quarantine = quarantineFigures(manifest);
  const quality = stage('quality')?.metrics ?? {};
  const ingest = stage('ingest')?.metrics ?? {};
  const lagSamples = Array.isArray(ingest.lagSamples)
    ? (ingest.lagSamples as Array<{ totalLag?: unknown }>)
    : [];
  const maxLag = lagSamples.reduce(
    (max, sample) => (typeof sample.totalLag === 'number' ? Math.max(max, sample.totalLag) : max),
    0,
  );
  return {
    'run.events': count(manifest.config.events),
    'run.faultProfile': manifest.config.faults,
    'run.totalDuration': seconds(totalMs),
    'run.batchDuration': seconds(batchMs),
    'run.stageTimings': succeeded.map((entry) => `${entry.name} ${seconds(entry.durationMs)}`).join(', '),
    'run.slowestStage': slowest
      ? `${slowest.name} (${seconds(slowest.durationMs)}, ${Math.round((slowest.durationMs / Math.max(1, totalMs)) * 100)}%)`
      : 'n/a',
    'run.rejected': count(quarantine.total),
    'run.rejectReasons':
      Object.entries(quarantine.byReason)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([code, rows]) => `${code} ${count(rows)}`)
        .join(', ') || 'none',
    'run.duplicatesRemoved': count(duplicatesRemoved(stage('dedupe')) ?? 0),
    'run.checkRecall': percent(quality.recall),
    'run.checkPrecision': percent(quality.precision),
    'run.partitions': String(manifest.config.partitions),
    'run.maxLag': count(maxLag),
    'run.throughput':
      totalMs > 0 ? `${count(Math.round(manifest.config.events / (totalMs / 1000)))} events/s` : 'n/a',
  };
}

/** Replaces {{run.*}} placeholders with the learner's figures, or with a marked gap when there is no run. */
export function fillEvidence(markdown: string, evidence: Evidence | null): string {
  return markdown.replace(/\{\{\s*(run\.[a-zA-Z]+)\s*\}\}/g, (whole, key: string) => {
    if (!evidence) return '[your figure: run the pipeline first]';
    return key in evidence ? evidence[key as EvidenceKey] : whole;
  });
}
