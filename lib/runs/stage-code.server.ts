import 'server-only';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { stageSqlOrder, type StageName } from '@/pipeline/contracts/stages';
import type { CodeFile } from './inspect-types';

const rank = (order: readonly string[], file: string) => {
  const index = order.indexOf(file);
  return index < 0 ? order.length : index;
};

/** A stage's SQL files (pipeline/stages/<stage>/*.sql) in the order they run; none for a TypeScript stage. */
async function stageSqlFiles(stage: StageName, projectRoot: string): Promise<CodeFile[]> {
  const directory = path.join(projectRoot, 'pipeline', 'stages', stage);
  const names = (await readdir(directory).catch(() => [] as string[])).filter((name) =>
    name.endsWith('.sql'),
  );
  const order = stageSqlOrder[stage] ?? [];
  names.sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
  return Promise.all(
    names.map(async (name) => ({
      file: `pipeline/stages/${stage}/${name}`,
      language: 'sql' as const,
      text: await readFile(path.join(directory, name), 'utf8'),
    })),
  );
}

/**
 * What a stage ran, for the drawer's read-only editor: its SQL files in run order, or, for a stage written in
 * TypeScript (generate, produce, ingest, export), its stage.ts. The path is built from the stage enum only.
 */
export async function stageCode(stage: StageName, projectRoot = process.cwd()): Promise<CodeFile[]> {
  const sql = await stageSqlFiles(stage, projectRoot);
  if (sql.length > 0) return sql;
  const relative = `pipeline/stages/${stage}/stage.ts`;
  const text = await readFile(path.join(projectRoot, relative), 'utf8').catch(() => null);
  return text === null ? [] : [{ file: relative, language: 'typescript', text }];
}
