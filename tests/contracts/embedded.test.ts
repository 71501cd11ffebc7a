import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../pipeline/core/clock';
import { EmbeddedEventLog } from '../../pipeline/services/embedded/event-log/embedded-event-log';
import {
  embeddedOperationalFile,
  openDuckDbOperationalDb,
} from '../../pipeline/services/embedded/duckdb-operational-db';
import { FileKeyValueStore } from '../../pipeline/services/embedded/file-key-value-store';
import { LocalObjectStore } from '../../pipeline/services/shared/local-object-store';
import { openPgliteRunStore } from '../../pipeline/services/embedded/pglite-run-store';
import { memoryRunStore } from '../../pipeline/services/embedded/memory-run-store';
import { eventLogContract } from './event-log-contract';
import { keyValueStoreContract } from './key-value-store-contract';
import { operationalDatabaseContract } from './operational-database-contract';
import { runStoreContract } from './run-store-contract';
import { objectStoreContract } from './object-store-contract';

eventLogContract('embedded', async () => {
  const root = mkdtempSync(join(tmpdir(), 'event-log-contract-'));
  const log = new EmbeddedEventLog({ root, clock: systemClock });
  return {
    log,
    topicName: (label) => `t-${label}`,
    close: async () => {
      await log.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
});

objectStoreContract('local file system', async () => {
  const root = mkdtempSync(join(tmpdir(), 'object-store-contract-'));
  return {
    store: new LocalObjectStore(root),
    close: async () => rmSync(root, { recursive: true, force: true }),
  };
});

runStoreContract('PGlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'run-store-contract-'));
  const store = await openPgliteRunStore({ dir });
  return {
    store,
    runId: (label) => `run-${label}`,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

// A web-console run's store, kept in its child process for the length of one job.
runStoreContract('in memory (web run child)', async () => {
  const store = memoryRunStore();
  return { store, runId: (label) => `run-${label}`, close: () => store.close() };
});

// The embedded tier's key-value store: one file per key in `<runDir>/kv` (the speed layer's snapshot is `kv/speed-snapshot`).
keyValueStoreContract('files (the embedded speed store)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'kv-contract-'));
  let counter = 0;
  return {
    open: async (namespace) =>
      Object.assign(new FileKeyValueStore(join(root, namespace)), { close: async () => undefined }),
    uniqueNamespace: (label) => `${++counter}-${label}`,
    cleanup: async () => rmSync(root, { recursive: true, force: true }),
  };
});

// The embedded tier's shop database: a DuckDB file per run (`<runDir>/oltp/shop.duckdb`).
operationalDatabaseContract('DuckDB file of the run', async () => {
  const root = mkdtempSync(join(tmpdir(), 'operational-contract-'));
  return {
    open: async (label) => openDuckDbOperationalDb(embeddedOperationalFile(join(root, label)), label),
    cleanup: async () => rmSync(root, { recursive: true, force: true }),
  };
});
