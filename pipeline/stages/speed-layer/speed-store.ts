import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { StageContext } from '../../contracts/stage';
import type { SpeedSnapshot } from './windows';

/** Where the speed layer keeps its state: a snapshot file (embedded) or Redis (services tier). */
export interface SpeedStore {
  load(): Promise<SpeedSnapshot | null>;
  save(snapshot: SpeedSnapshot): Promise<void>;
  /** Forget everything (the topics were re-created, so the saved offsets mean nothing any more). */
  reset(): Promise<void>;
}

/** The speed store of a run: Redis when the tier has a key-value store, else a snapshot file in the run. */
export function speedStoreFor(context: Pick<StageContext, 'runDir' | 'services'>): SpeedStore {
  const kv = context.services.kv;
  if (!kv) return fileSpeedStore(join(context.runDir, 'speed', 'snapshot.json'));
  return {
    async load() {
      const text = await kv.get('speed-snapshot');
      return text === null ? null : (JSON.parse(text) as SpeedSnapshot);
    },
    save: (snapshot) => kv.set('speed-snapshot', JSON.stringify(snapshot)),
    reset: () => kv.delete('speed-snapshot'),
  };
}

/** `<runDir>/speed/snapshot.json`, replaced atomically. */
export function fileSpeedStore(path: string): SpeedStore {
  return {
    async load() {
      try {
        return JSON.parse(await readFile(path, 'utf8')) as SpeedSnapshot;
      } catch {
        return null;
      }
    },
    async save(snapshot) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(`${path}.tmp`, JSON.stringify(snapshot));
      await rename(`${path}.tmp`, path);
    },
    async reset() {
      await rm(path, { force: true });
    },
  };
}
