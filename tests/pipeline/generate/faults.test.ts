import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { faultKinds, type FaultProfile } from '@/pipeline/contracts/faults';
import { entities } from '@/pipeline/contracts/records';
import { detectFaults } from './fault-detector';
import { generate, readGroundTruth, tempDir, windowStartMs } from './helpers';

const days = 14;
const windowEndMs = windowStartMs + days * 86_400_000;
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const key = (fault: { kind: string; entity: string; recordId: string }) =>
  `${fault.kind}|${fault.entity}|${fault.recordId}`;
const sorted = (values: string[]) => [...values].sort();

describe.each<[FaultProfile, number, number, [number, number]]>([
  ['realistic', 40_000, 11, [0.008, 0.03]],
  ['chaos', 40_000, 11, [0.06, 0.15]],
  ['chaos', 20_000, 12, [0.06, 0.15]],
])('fault profile %s (%i events, seed %i)', (profile, events, seed, [minShare, maxShare]) => {
  it('puts every fault of ground-truth.json in the output, and no other fault', async () => {
    const dir = tempDir(profile);
    dirs.push(dir);
    const summary = await generate(dir, { events, faults: profile, seed, days });
    const truth = readGroundTruth(dir);
    const findings = detectFaults(dir, windowEndMs);
    expect(findings.filter((finding) => !(faultKinds as readonly string[]).includes(finding.kind))).toEqual(
      [],
    );
    expect(sorted(findings.map(key))).toEqual(sorted(truth.faults.map(key)));

    expect(truth.seed).toBe(seed);
    expect(truth.profile).toBe(profile);
    expect(truth.emitted).toEqual(summary.emitted);
    expect(truth.clean.events).toBe(events);
    const records = entities.reduce((sum, entity) => sum + truth.clean[entity], 0);
    const share = truth.faults.length / records;
    expect(share).toBeGreaterThan(minShare);
    expect(share).toBeLessThan(maxShare);
  });
});

describe('fault coverage', () => {
  it('injects every kind in both profiles once the dataset is large enough', async () => {
    for (const profile of ['realistic', 'chaos'] as const) {
      const dir = tempDir(`${profile}-kinds`);
      dirs.push(dir);
      await generate(dir, { events: profile === 'chaos' ? 30_000 : 50_000, faults: profile, seed: 5 });
      const kinds = new Set(readGroundTruth(dir).faults.map((fault) => fault.kind));
      expect([...faultKinds].filter((kind) => !kinds.has(kind))).toEqual([]);
    }
  });

  it('writes no faults at all for the none profile, and exactly N events', async () => {
    const dir = tempDir('none');
    dirs.push(dir);
    await generate(dir, { events: 10_000, faults: 'none' });
    const truth = readGroundTruth(dir);
    expect(truth.faults).toEqual([]);
    expect(truth.emitted).toEqual(truth.clean);
    expect(truth.emitted.events).toBe(10_000);
    expect(detectFaults(dir, windowEndMs)).toEqual([]);
  });
});
