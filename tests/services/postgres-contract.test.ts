import { inject } from 'vitest';
import { openPostgresRunStore } from '../../pipeline/services/postgres/postgres-run-store';
import { runStoreContract } from '../contracts/run-store-contract';

let counter = 0;

// The same contract suite as the PGlite run store, against the real PostgreSQL server.
runStoreContract('PostgreSQL', async () => {
  const store = await openPostgresRunStore(inject('databaseUrl'));
  return {
    store,
    runId: (label) => `contract-${process.pid}-${++counter}-${label}`,
    close: () => store.close(),
  };
});
