import 'server-only';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Manifest } from '@/pipeline/contracts/manifest';
import type { StageName } from '@/pipeline/contracts/stages';
import { readManifest, runDirectory } from './registry.server';
import { isActive } from './launcher.server';

export interface OutputFile {
  stage: StageName;
  path: string;
  rows: number;
  bytes: number | null;
}

export interface RunDetails {
  manifest: Manifest;
  active: boolean;
  files: OutputFile[];
}

/** The manifest plus each output's size on disk (a table output in warehouse.duckdb has no file of its own). */
export async function runDetails(runId: string): Promise<RunDetails> {
  const manifest = await readManifest(runId);
  const root = runDirectory(runId);
  const files: OutputFile[] = [];
  for (const stage of manifest.stages) {
    for (const output of stage.outputs) {
      const resolved = path.resolve(root, output.path);
      let bytes: number | null = null;
      if (resolved.startsWith(root + path.sep)) {
        bytes = await stat(resolved).then(
          (info) => (info.isFile() ? info.size : null),
          () => null,
        );
      }
      files.push({ stage: stage.name, path: output.path, rows: output.rows, bytes });
    }
  }
  return { manifest, active: isActive(runId), files };
}
