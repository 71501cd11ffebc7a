import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The import boundaries of DESIGN §4 live in eslint.config.mjs; these cases prove the rules fire.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('import boundaries', () => {
  it('forbids React and Next in pipeline/', async () => {
    const ids = await ruleIdsFor("import { useState } from 'react';\nexport const s = useState;\n", 'pipeline/stages/x.ts');
    expect(ids).toContain('no-restricted-imports');
  });

  it('forbids the web side in pipeline/', async () => {
    const ids = await ruleIdsFor("import { Card } from '@/components/ui/card';\nexport const c = Card;\n", 'pipeline/x.ts');
    expect(ids).toContain('no-restricted-imports');
  });

  it('forbids relative imports of the web side from pipeline/ at any depth', async () => {
    for (const [source, file] of [
      ['../../../app/layout', 'pipeline/stages/generate/x.ts'],
      ['../../../../components/ui/card', 'pipeline/services/embedded/event-log/x.ts'],
      ['../../lib/env', 'pipeline/stages/x.ts'],
    ] as const) {
      const ids = await ruleIdsFor(`import * as web from '${source}';\nexport const w = web;\n`, file);
      expect(ids, source).toContain('no-restricted-imports');
    }
    expect(await ruleIdsFor("import * as core from '../core/clock';\nexport const c = core;\n", 'pipeline/stages/x.ts')).toEqual([]);
  });

  it('forbids relative imports of routes from lib/ and components/', async () => {
    expect(await ruleIdsFor("import * as page from '../../app/page';\nexport const p = page;\n", 'lib/runs/x.ts')).toContain('no-restricted-imports');
    expect(await ruleIdsFor("import * as page from '../../app/page';\nexport const p = page;\n", 'components/ui/x.tsx')).toContain('no-restricted-imports');
  });

  it('forbids Math.random and Date.now in pipeline/', async () => {
    const ids = await ruleIdsFor('export const r = [Math.random(), Date.now(), new Date()];\n', 'pipeline/x.ts');
    expect(ids.filter((id) => id === 'no-restricted-properties')).toHaveLength(2);
    expect(ids).toContain('no-restricted-syntax');
  });

  it('forbids components from importing server-only modules', async () => {
    const ids = await ruleIdsFor("import { runs } from '@/lib/runs/registry.server';\nexport const r = runs;\n", 'components/x.tsx');
    expect(ids).toContain('no-restricted-imports');
  });

  it('lets lib/ import the pipeline contracts', async () => {
    const ids = await ruleIdsFor("import { stageNames } from '@/pipeline/contracts/stages';\nexport const s = stageNames;\n", 'lib/x.ts');
    expect(ids).toEqual([]);
  });
});
