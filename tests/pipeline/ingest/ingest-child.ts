/**
 * Runs the ingest consumer on an existing run directory in its own process, so the crash test can kill it
 * with SIGKILL: `tsx tests/pipeline/ingest/ingest-child.ts <runDir> <windowSize> [killAt]`. With `killAt` N the
 * process SIGKILLs itself at the N-th crash point; odd points fall between a window's write and its commit,
 * even ones just after the commit, so both halves of the protocol are interrupted. `<runDir> <windowSize> none
 * announce` prints 'ingesting' and runs to the end, for a parent that kills it from outside at a random moment.
 */
import { join } from 'node:path';
import { systemClock } from '../../../pipeline/core/clock';
import { EmbeddedEventLog } from '../../../pipeline/services/embedded/event-log/embedded-event-log';
import { LocalObjectStore } from '../../../pipeline/services/shared/local-object-store';
import { ingestRaw } from '../../../pipeline/stages/ingest/ingest-raw';

const [runDir, windowSize, killAt, announce] = process.argv.slice(2);
let crashPoints = 0;
const maybeDie = () => {
  if (killAt !== undefined && killAt !== 'none' && ++crashPoints === Number(killAt))
    process.kill(process.pid, 'SIGKILL');
};
// With `announce`, say when consuming starts, so a parent can SIGKILL this process at a random moment of the work.
if (announce === 'announce') console.log('ingesting');
const log = new EmbeddedEventLog({ root: join(runDir!, 'log'), clock: systemClock });
const lake = new LocalObjectStore(join(runDir!, 'lake'));
await ingestRaw({
  log,
  lake,
  signal: new AbortController().signal,
  isProducerDone: () => true,
  windowSize: Number(windowSize),
  onWindowWritten: maybeDie,
  onProgress: maybeDie,
});
await log.close();
console.log('ingest finished');
