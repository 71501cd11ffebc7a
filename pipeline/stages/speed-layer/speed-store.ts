import type { KeyValueStore } from '../../contracts/services';
import { speedSnapshotKey, type SpeedSnapshot } from '../../contracts/speed';

/** Where the speed layer keeps its state: one key of the run's key-value store (Redis, or a file embedded). */
export interface SpeedStore {
  load(): Promise<SpeedSnapshot | null>;
  save(snapshot: SpeedSnapshot): Promise<void>;
  /** Forget everything (the topics were re-created, so the saved offsets mean nothing any more). */
  reset(): Promise<void>;
}

/**
 * The speed store on the run's key-value store. An unreadable snapshot counts as none: the speed layer then
 * recounts from the committed offsets instead of failing the ingest.
 */
export function speedStoreOn(kv: KeyValueStore): SpeedStore {
  return {
    async load() {
      const text = await kv.get(speedSnapshotKey);
      if (text === null) return null;
      try {
        return JSON.parse(text) as SpeedSnapshot;
      } catch {
        return null;
      }
    },
    save: (snapshot) => kv.set(speedSnapshotKey, JSON.stringify(snapshot)),
    reset: () => kv.delete(speedSnapshotKey),
  };
}
