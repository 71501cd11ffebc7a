import { beforeAll, describe, expect, it } from 'vitest';
import { modellingChallenges } from '@/content/challenges';
import { describeModelFailure, gradeModel, type ModelEngine } from '@/lib/modelling/grade-model';
import { wasmEngine } from './wasm-engine';

// The browser grades designs with DuckDB-WASM, an older engine than the node one of modelling.test.ts: foreign keys,
// catalog functions and the result conversion have differed between them, so every design runs on both.
let engine: ModelEngine;
let version = '';
beforeAll(async () => {
  const wasm = await wasmEngine();
  engine = wasm;
  version = wasm.version;
}, 60_000);

describe('modelling challenges on DuckDB-WASM', () => {
  it('runs the browser engine', () => {
    expect(version).toMatch(/^v1\.4\./);
  });

  it.each(modellingChallenges.map((c) => [c.id, c] as const))(
    '%s: the reference passes and every wrong design fails as expected',
    async (_id, challenge) => {
      for (const seed of [42, 7, 1234]) {
        const verdict = await gradeModel(challenge, challenge.solution, seed, engine);
        expect(verdict.correct ? 'correct' : describeModelFailure(verdict.failure), `seed ${seed}`).toBe(
          'correct',
        );
      }
      for (const wrong of challenge.wrongAnswers) {
        const verdict = await gradeModel(challenge, wrong.sql, 42, engine);
        expect(verdict.correct ? 'correct' : verdict.failure.kind, wrong.mistake).toBe(wrong.expected.kind);
      }
    },
  );
});
