// Opens the run store given on the command line, records a run, says "open" and waits to be killed.
import { openPgliteRunStore } from '@/pipeline/services/embedded/pglite-run-store';

const store = await openPgliteRunStore({ dir: process.argv[2]! });
await store.upsertRun({ runId: 'child', status: 'running', config: {}, createdAt: 1, updatedAt: 1 });
process.stdout.write('open\n');
setInterval(() => undefined, 1000);
