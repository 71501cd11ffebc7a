import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StageName } from '@/pipeline/contracts/stages';
import type { CodeFile } from './inspect-types';
import { sqlOf } from './run-details.server';

/**
 * What a stage ran, for the drawer's read-only editor: its SQL files in run order, or, for a stage written in
 * TypeScript (generate, produce, ingest, export), its stage.ts. The path is built from the stage enum only.
 */
export async function stageCode(stage: StageName, projectRoot = process.cwd()): Promise<CodeFile[]> {
  const sql = sqlOf(stage);
  if (sql.length > 0) return sql.map((file) => ({ file: `pipeline/stages/${stage}/${file.file}`, language: 'sql', text: file.sql }));
  const relative = `pipeline/stages/${stage}/stage.ts`;
  const text = await readFile(path.join(projectRoot, relative), 'utf8').catch(() => null);
  return text === null ? [] : [{ file: relative, language: 'typescript', text }];
}
