import { basename, dirname, join } from 'node:path';
import type { KeyValueStore } from '../../contracts/services';
import type { StageContext } from '../../contracts/stage';
import { FileKeyValueStore } from '../../services/embedded/file-key-value-store';
import type { SpeedSnapshot } from './windows';

/** Where the speed layer keeps its state: a snapshot file (embedded) or Redis (services tier). */
export interface SpeedStore {
  load(): Promise<SpeedSnapshot | null>;
  save(snapshot: SpeedSnapshot): Promise<void>;
  /** Forget everything (the topics were re-created, so the saved offsets mean nothing any more). */
  reset(): Promise<void>;
}

/** The speed store of a run: Redis when the tier has a key-value store, else a snapshot file in the run. */
/** The embedded tier's snapshot file of a run. */
export function speedSnapshotPath(runDir: string): string {
  return join(runDir, 'speed', 'snapshot.json');
}

export function speedStoreFor(context: Pick<StageContext, 'runDir' | 'services'>): SpeedStore {
  const kv = context.services.kv;
  if (!kv) return fileSpeedStore(speedSnapshotPath(context.runDir));
  return speedStoreOnKv(kv);
}

/** The speed store on a key-value store (Redis in the services tier): one key per run namespace. */
export function speedStoreOnKv(kv: KeyValueStore): SpeedStore {
  return keyValueSpeedStore(kv, 'speed-snapshot');
}

/**
 * `<runDir>/speed/snapshot.json`, replaced atomically: the same KeyValueStore contract as Redis (a file per
 * key), so tests/contracts/ covers both. An unreadable file counts as no snapshot: the speed layer then
 * recounts from the committed offsets instead of failing the ingest.
 */
export function fileSpeedStore(path: string): SpeedStore {
  const store = keyValueSpeedStore(new FileKeyValueStore(dirname(path)), basename(path));
  return { ...store, load: () => store.load().catch(() => null) };
}

function keyValueSpeedStore(kv: KeyValueStore, key: string): SpeedStore {
  return {
    async load() {
      const text = await kv.get(key);
      return text === null ? null : (JSON.parse(text) as SpeedSnapshot);
    },
    save: (snapshot) => kv.set(key, JSON.stringify(snapshot)),
    reset: () => kv.delete(key),
  };
}
