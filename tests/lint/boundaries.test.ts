import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The import boundaries ARCHITECTURE.md states live in eslint.config.mjs; these cases prove the rules fire.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('import boundaries', () => {
  it('forbids React and Next in pipeline/', async () => {
    const ids = await ruleIdsFor(
      "import { useState } from 'react';\nexport const s = useState;\n",
      'pipeline/stages/x.ts',
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('forbids the web side in pipeline/', async () => {
    const ids = await ruleIdsFor(
      "import { Card } from '@/components/ui/card';\nexport const c = Card;\n",
      'pipeline/x.ts',
    );
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
    expect(
      await ruleIdsFor(
        "import * as core from '../core/clock';\nexport const c = core;\n",
        'pipeline/stages/x.ts',
      ),
    ).toEqual([]);
  });

  it('forbids relative imports of routes from lib/ and components/', async () => {
    expect(
      await ruleIdsFor("import * as page from '../../app/page';\nexport const p = page;\n", 'lib/runs/x.ts'),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIdsFor(
        "import * as page from '../../app/page';\nexport const p = page;\n",
        'components/ui/x.tsx',
      ),
    ).toContain('no-restricted-imports');
  });

  it('forbids Math.random and Date.now in pipeline/', async () => {
    const ids = await ruleIdsFor(
      'export const r = [Math.random(), Date.now(), new Date()];\n',
      'pipeline/x.ts',
    );
    expect(ids.filter((id) => id === 'no-restricted-properties')).toHaveLength(2);
    expect(ids).toContain('no-restricted-syntax');
  });

  it('forbids components from importing server-only modules', async () => {
    const ids = await ruleIdsFor(
      "import { runs } from '@/lib/runs/registry.server';\nexport const r = runs;\n",
      'components/x.tsx',
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('lets lib/ import the pipeline contracts', async () => {
    const ids = await ruleIdsFor(
      "import { stageNames } from '@/pipeline/contracts/stages';\nexport const s = stageNames;\n",
      'lib/x.ts',
    );
    expect(ids).toEqual([]);
  });

  it('forbids a stage from importing a tier implementation or the services factory', async () => {
    for (const source of [
      '../../services/embedded/event-log/embedded-event-log',
      '../../services/kafka/kafka-event-log',
      '../../services/create-services',
      '@/pipeline/services/redis/redis-kv',
    ]) {
      const ids = await ruleIdsFor(
        `import * as tier from '${source}';\nexport const t = tier;\n`,
        'pipeline/stages/ingest/x.ts',
      );
      expect(ids, source).toContain('no-restricted-imports');
    }
    expect(
      await ruleIdsFor(
        "import type { Services } from '../../contracts/services';\nexport type S = Services;\n",
        'pipeline/stages/ingest/x.ts',
      ),
    ).toEqual([]);
    // The web-side rule still holds for stages.
    expect(
      await ruleIdsFor(
        "import * as web from '../../../lib/env';\nexport const w = web;\n",
        'pipeline/stages/ingest/x.ts',
      ),
    ).toContain('no-restricted-imports');
  });

  it('forbids one tier from importing another, and the services layer from importing stages', async () => {
    for (const [source, file] of [
      ['../embedded/file-key-value-store', 'pipeline/services/s3/x.ts'],
      ['../../kafka/kafka-event-log', 'pipeline/services/embedded/event-log/x.ts'],
      ['../postgres/postgres-run-store', 'pipeline/services/redis/x.ts'],
      ['../../stages/ingest/stage', 'pipeline/services/kafka/x.ts'],
      ['../stages/ingest/stage', 'pipeline/services/x.ts'],
    ] as const) {
      const ids = await ruleIdsFor(`import * as other from '${source}';\nexport const o = other;\n`, file);
      expect(ids, `${file} → ${source}`).toContain('no-restricted-imports');
    }
    expect(
      await ruleIdsFor(
        "import * as shared from '../shared/local-object-store';\nexport const s = shared;\n",
        'pipeline/services/s3/x.ts',
      ),
    ).toEqual([]);
    expect(
      await ruleIdsFor(
        "import * as tier from './embedded/event-log/embedded-event-log';\nexport const t = tier;\n",
        'pipeline/services/create-services.ts',
      ),
    ).toEqual([]);
  });

  it('lets the web reach the pipeline only through contracts, core, the services factory and the runner', async () => {
    for (const [source, file] of [
      ['@/pipeline/services/embedded/event-log/record-codec', 'lib/runs/x.server.ts'],
      ['@/pipeline/stages/speed-layer/windows', 'components/pipeline/x.tsx'],
      ['../../pipeline/services/kafka/kafka-event-log', 'lib/runs/x.ts'],
      ['@/pipeline/stages/sql-files', 'app/api/x/route.ts'],
    ] as const) {
      const ids = await ruleIdsFor(`import * as inside from '${source}';\nexport const i = inside;\n`, file);
      expect(ids, `${file} → ${source}`).toContain('no-restricted-imports');
    }
    for (const [source, file] of [
      ['@/pipeline/contracts/speed', 'components/pipeline/x.tsx'],
      ['@/pipeline/services/create-services', 'lib/runs/x.server.ts'],
      ['../../pipeline/run', 'lib/runs/x.ts'],
      ['@/pipeline/core/murmur2', 'components/mdx/x.tsx'],
    ] as const) {
      expect(
        await ruleIdsFor(`import * as allowed from '${source}';\nexport const a = allowed;\n`, file),
        `${file} → ${source}`,
      ).toEqual([]);
    }
  });
});
