import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readFile } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { challenges, modellingChallenges } from '@/content/challenges';
import { lessonPlan } from '@/content/lessons-plan';
import { gradeResult, type Cell, type GradeTable } from '@/lib/sql/grade';
import { checkRewrite, parsePlan, planHas, type PlanNode } from '@/lib/sql/plan';
import { wasmEngine, type WasmEngine } from './wasm-engine';

// Three real runs, as the browser grades: the learner's seed and two others, so a hard-coded answer fails.
const seeds = [42, 7, 1234] as const;
const run = promisify(execFile);
let workDir = '';
const connections = new Map<number, DuckDBConnection>();
/** The browser's engine, with the three runs attached as s<seed>. */
let wasm: WasmEngine;

function toCell(value: DuckDBValue): Cell {
  if (value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value;
  if (typeof value === 'bigint') return Number(value);
  return value.toString();
}

async function query(seed: number, sql: string): Promise<GradeTable> {
  const connection = connections.get(seed);
  if (!connection) throw new Error(`no run for seed ${seed}`);
  const reader = await connection.runAndReadAll(sql);
  return { columns: reader.columnNames(), rows: reader.getRows().map((row) => row.map(toCell)) };
}

/** The plan as the browser shows it: DuckDB's EXPLAIN ANALYZE, here in its JSON form. */
async function analyzedPlan(seed: number, sql: string): Promise<PlanNode> {
  const table = await query(seed, `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`);
  return parsePlan(String(table.rows[0]?.[1]));
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'challenges-'));
  const tsx = path.join('node_modules', '.bin', 'tsx');
  for (const seed of seeds) {
    const out = path.join(workDir, `seed-${seed}`);
    await run(
      tsx,
      [
        'pipeline/cli.ts',
        'run',
        '--seed',
        String(seed),
        '--events',
        '8000',
        '--faults',
        'realistic',
        '--out',
        out,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const instance = await DuckDBInstance.create(path.join(out, 'warehouse.duckdb'), {
      access_mode: 'READ_ONLY',
    });
    connections.set(seed, await instance.connect());
  }
  wasm = await wasmEngine();
  for (const seed of seeds) {
    wasm.registerFile(
      `seed-${seed}.duckdb`,
      new Uint8Array(await readFile(path.join(workDir, `seed-${seed}`, 'warehouse.duckdb'))),
    );
    await wasm.run(`ATTACH 'seed-${seed}.duckdb' AS s${seed} (READ_ONLY)`);
  }
}, 360_000);

afterAll(async () => {
  for (const connection of connections.values()) connection.closeSync();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('SQL challenges content', () => {
  it('has at least 60 challenges (modelling ones included) over every difficulty, each linked to existing lessons', () => {
    expect(challenges.length + modellingChallenges.length).toBeGreaterThanOrEqual(60);
    for (const difficulty of ['easy', 'medium', 'hard'] as const)
      expect(challenges.some((c) => c.difficulty === difficulty)).toBe(true);
    const slugs = new Set(lessonPlan.map((lesson) => lesson.slug));
    for (const challenge of challenges)
      for (const slug of challenge.lessons) expect(slugs, `${challenge.id} → ${slug}`).toContain(slug);
  });

  it.each(challenges.map((c) => [c.id, c] as const))(
    '%s: the reference passes its grader on three seeds and returns rows',
    async (_id, challenge) => {
      let rows = 0;
      for (const seed of seeds) {
        const expected = await query(seed, challenge.solution);
        expect(expected.columns.length, `${challenge.id}: column count vs expectedColumns`).toBe(
          challenge.expectedColumns.length,
        );
        rows += expected.rows.length;
        expect(
          gradeResult(expected, await query(seed, challenge.solution), {
            ordered: challenge.ordered,
            keyColumns: challenge.keyColumns,
          }),
        ).toEqual({ correct: true });
      }
      expect(rows, `${challenge.id}: the reference returns no rows on any seed`).toBeGreaterThan(0);
    },
  );

  it.each(challenges.map((c) => [c.id, c] as const))(
    "%s: the answer differs between seeds, so copying one run's values fails",
    async (_id, challenge) => {
      const [learnerSeed, ...others] = seeds;
      const hardCoded = await query(learnerSeed, challenge.solution);
      for (const seed of others) {
        const verdict = gradeResult(await query(seed, challenge.solution), hardCoded, {
          ordered: challenge.ordered,
          keyColumns: challenge.keyColumns,
        });
        expect(
          verdict.correct,
          `${challenge.id}: seed ${seed} gives the same result as seed ${learnerSeed}`,
        ).toBe(false);
      }
    },
  );

  it.each(challenges.filter((c) => !c.ordered).map((c) => [c.id, c] as const))(
    '%s: harmless differences pass (renamed columns, another row order)',
    async (_id, challenge) => {
      for (const seed of seeds) {
        const expected = await query(seed, challenge.solution);
        const renamed = expected.columns.map((_, i) => `c${i}`).join(', ');
        const variant = await query(
          seed,
          `SELECT * FROM (${challenge.solution}) AS t(${renamed}) ORDER BY ${expected.columns.map((_, i) => `${i + 1} DESC`).join(', ')}`,
        );
        expect(variant.columns).not.toEqual(expected.columns);
        expect(gradeResult(expected, variant, { ordered: false, keyColumns: challenge.keyColumns })).toEqual({
          correct: true,
        });
      }
    },
  );

  it.each(challenges.flatMap((c) => c.wrongAnswers.map((w) => [c.id, w.mistake, c, w] as const)))(
    '%s: "%s" fails with the expected diagnosis',
    async (_id, _mistake, challenge, wrong) => {
      // It fails on every seed, as the browser grades it on all three. The diagnosis is checked on the learner's
      // seed: on other runs a data-dependent mistake (a per-day z-score) can rightly read as missing or extra rows.
      for (const seed of seeds) {
        const expected = await query(seed, challenge.solution);
        const result = gradeResult(expected, await query(seed, wrong.sql), {
          ordered: challenge.ordered,
          keyColumns: challenge.keyColumns,
        });
        expect(result.correct, `seed ${seed}: the wrong answer passed`).toBe(false);
        if (!result.correct) {
          if (seed === seeds[0])
            expect(result.diagnosis.kind, `seed ${seed}: ${result.diagnosis.message}`).toBe(wrong.expected);
          expect(result.diagnosis.message.length).toBeGreaterThan(20);
        }
      }
    },
  );
});

const planChallenges = challenges.filter((c) => c.plan !== undefined);

describe('plan-reading challenges', () => {
  it('has at least 6, each with questions whose right option the plan shows', () => {
    expect(planChallenges.length).toBeGreaterThanOrEqual(6);
  });

  it.each(planChallenges.map((c) => [c.id, c] as const))(
    "%s: every question's answer holds in the plan on three seeds",
    async (_id, challenge) => {
      const plan = challenge.plan;
      if (!plan) throw new Error('not a plan challenge');
      for (const seed of seeds) {
        const analyzed = await analyzedPlan(seed, plan.query);
        for (const question of plan.questions)
          expect(planHas(analyzed, question.fact), `seed ${seed}: ${question.prompt}`).toBe(true);
      }
    },
  );

  it.each(planChallenges.map((c) => [c.id, c] as const))(
    "%s: the answers hold in the browser engine's plans too (DuckDB-WASM)",
    async (_id, challenge) => {
      const plan = challenge.plan;
      if (!plan) throw new Error('not a plan challenge');
      for (const seed of seeds) {
        await wasm.run(`USE s${seed}`);
        const analyzed = parsePlan(
          String((await wasm.run(`EXPLAIN (ANALYZE, FORMAT JSON) ${plan.query}`)).rows[0]?.[1]),
        );
        for (const question of plan.questions)
          expect(planHas(analyzed, question.fact), `${wasm.version}, seed ${seed}: ${question.prompt}`).toBe(
            true,
          );
        if (plan.rewrite) {
          const rewritten = parsePlan(
            String((await wasm.run(`EXPLAIN (ANALYZE, FORMAT JSON) ${challenge.solution}`)).rows[0]?.[1]),
          );
          expect(
            checkRewrite(analyzed, rewritten, plan.rewrite).problems,
            `${wasm.version}, seed ${seed}`,
          ).toEqual([]);
        }
      }
    },
  );

  it.each(planChallenges.filter((c) => c.plan?.rewrite).map((c) => [c.id, c] as const))(
    "%s: the reference rewrite returns the original's result and passes the plan rule; the original fails it",
    async (_id, challenge) => {
      const plan = challenge.plan;
      const rewrite = plan?.rewrite;
      if (!plan || !rewrite) throw new Error('not a rewrite challenge');
      for (const seed of seeds) {
        const verdict = gradeResult(await query(seed, plan.query), await query(seed, challenge.solution), {
          ordered: challenge.ordered,
          keyColumns: challenge.keyColumns,
        });
        expect(verdict, `seed ${seed}`).toEqual({ correct: true });
        const original = await analyzedPlan(seed, plan.query);
        const rewritten = checkRewrite(original, await analyzedPlan(seed, challenge.solution), rewrite);
        expect(rewritten.problems, `seed ${seed}`).toEqual([]);
        expect(
          checkRewrite(original, original, rewrite).passed,
          `seed ${seed}: the original passes its own rule`,
        ).toBe(false);
      }
    },
  );
});
