import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestSchema } from '@/pipeline/contracts/manifest';
import { evidenceKeys } from '@/content/schema/question';
import { buildEvidence, fillEvidence } from './evidence';

const dir = mkdtempSync(join(tmpdir(), 'evidence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evidence from the learner run', () => {
  it('fills every placeholder from a real run manifest', () => {
    execFileSync(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['pipeline/cli.ts', 'run', '--events', '3000', '--seed', '5', '--out', join(dir, 'evidence-run')], { stdio: 'ignore' });
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'evidence-run', 'manifest.json'), 'utf8')));
    const evidence = buildEvidence(manifest);
    expect(Object.keys(evidence).sort()).toEqual([...evidenceKeys].sort());
    expect(evidence['run.events']).toBe('3,000');
    expect(evidence['run.checkRecall']).toBe('100.0%');
    expect(evidence['run.stageTimings']).toMatch(/^generate [\d.]+ s, produce [\d.]+ s/);
    const validate = manifest.stages.find((stage) => stage.name === 'validate')!;
    expect(evidence['run.rejected']).toBe(validate.rejectedRows.toLocaleString('en-US'));
    const filled = fillEvidence('I processed {{run.events}} events; recall {{ run.checkRecall }}.', evidence);
    expect(filled).toBe('I processed 3,000 events; recall 100.0%.');
  }, 120_000);

  it('marks the gap when there is no run yet, and leaves unknown keys alone', () => {
    expect(fillEvidence('Lag was {{run.maxLag}}.', null)).toBe('Lag was [your figure: run the pipeline first].');
    expect(fillEvidence('{{run.nope}}', null)).toContain('run the pipeline first');
  });
});
