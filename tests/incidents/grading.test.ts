import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentTypes, type IncidentType } from '@/pipeline/contracts/incidents';
import { runCheck } from '@/lib/incidents/check-runner.server';
import { gradeOnRuns, lookUpExamples } from '@/lib/incidents/grade-check.server';
import { referenceChecks } from '@/lib/incidents/reference-checks';
import { diagnose, passes } from '@/lib/incidents/score';
import { buildIncidentRun, incidentWorkDir } from './incident-runs';

// A learner's seed and the two hidden ones, as a round grades: every incident on all three.
const seeds = [42, 7, 1234] as const;
const events = 4000;
let workDir = '';
const runDirs = new Map<string, string>();

const runsOf = (incident: IncidentType) =>
  seeds.map((seed, index) => ({
    label: index === 0 ? 'your run' : `hidden run ${index}`,
    runDir: runDirs.get(`${incident}-${seed}`)!,
  }));

beforeAll(async () => {
  workDir = await incidentWorkDir();
  const jobs = incidentTypes.flatMap((incident) => seeds.map((seed) => ({ incident, seed })));
  // Two at a time: a run's stages are mostly single-threaded, and the machine has two cores.
  const next = async (): Promise<void> => {
    const job = jobs.shift();
    if (!job) return;
    runDirs.set(
      `${job.incident}-${job.seed}`,
      await buildIncidentRun(workDir, job.incident, job.seed, events),
    );
    await next();
  };
  await Promise.all([next(), next()]);
}, 600_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
});

describe('incident grading on real runs', () => {
  it.each(incidentTypes)(
    '%s: the reference check has recall and precision 1 on all three seeds',
    async (incident) => {
      const scores = await gradeOnRuns(incident, referenceChecks[incident], runsOf(incident));
      for (const score of scores) {
        expect(score.affected, `${incident} ${score.label}`).toBeGreaterThan(0);
        expect(score.recall, `${incident} ${score.label}`).toBe(1);
        expect(score.precision, `${incident} ${score.label}`).toBe(1);
      }
      expect(scores.every(passes)).toBe(true);
      expect(diagnose(scores)).toEqual([]);
    },
  );

  it('a check that sees only the late half of "late and out-of-order" gets low recall, and the missed rows', async () => {
    const runs = runsOf('late_arrivals');
    const scores = await gradeOnRuns('late_arrivals', 'SELECT event_id FROM fact_events WHERE is_late', runs);
    const own = scores[0]!;
    expect(own.precision).toBe(1);
    expect(own.recall).toBeGreaterThan(0.2);
    expect(own.recall).toBeLessThan(0.8);
    expect(own.missed).toHaveLength(5);
    const notes = diagnose(scores);
    expect(notes[0]).toMatch(/^Low recall on your run: it caught \d+ of \d+ affected records/);
    const examples = await lookUpExamples(runs[0]!.runDir, own.missed);
    expect(examples.map((example) => example.table)).toEqual(Array(5).fill('fact_events'));
    expect(JSON.parse(examples[0]!.row!)).toMatchObject({ event_id: own.missed[0], is_late: false });
  });

  it('a check that flags clean records too gets low precision with its false positives', async () => {
    const scores = await gradeOnRuns(
      'timezone_bug',
      "SELECT event_id FROM fact_events WHERE device = 'desktop'",
      runsOf('timezone_bug'),
    );
    const own = scores[0]!;
    expect(own.recall).toBe(1);
    expect(own.precision).toBeLessThan(0.5);
    expect(own.falsePositives).toHaveLength(5);
    expect(diagnose(scores)).toEqual([
      expect.stringMatching(/^Low precision on your run: \d+ of the \d+ ids/),
    ]);
  });

  it('a check hard-coded to a value of the learner run passes there and fails on the hidden runs', async () => {
    const runs = runsOf('skewed_key');
    const [hot] = await runCheck(
      path.join(runs[0]!.runDir, 'warehouse.duckdb'),
      'SELECT session_id FROM fact_events GROUP BY session_id ORDER BY count(*) DESC LIMIT 1',
    );
    const scores = await gradeOnRuns(
      'skewed_key',
      `SELECT event_id FROM fact_events WHERE session_id = '${hot}'`,
      runs,
    );
    expect(passes(scores[0]!)).toBe(true);
    expect(scores.slice(1).map((score) => score.recall)).toEqual([0, 0]);
    expect(diagnose(scores)).toEqual([
      expect.stringMatching(/^It fits your run but not hidden run 1/),
      expect.stringMatching(/^It fits your run but not hidden run 2/),
    ]);
  });

  it('refuses a check that writes or reads files, with a specific message', async () => {
    const runs = runsOf('schema_drift').slice(0, 1);
    await expect(gradeOnRuns('schema_drift', "SELECT * FROM read_csv('/etc/passwd')", runs)).rejects.toThrow(
      /file system operations are disabled/,
    );
    await expect(gradeOnRuns('schema_drift', 'DELETE FROM fact_events', runs)).rejects.toThrow(
      /A check must be a SELECT query/,
    );
    await expect(gradeOnRuns('schema_drift', 'SELECT event_id FROM no_such_table', runs)).rejects.toThrow(
      /The check failed: Catalog Error/,
    );
  });
});
