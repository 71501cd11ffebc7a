// The speed layer's thread on the embedded tier (see speed-layer-thread.ts): a read-only reader of the run's log.
import { PipelineError } from '../../contracts/errors';
import { systemClock } from '../../core/clock';
import { EmbeddedEventLog } from '../../services/embedded/event-log/embedded-event-log';
import { speedTopics } from './speed-layer';
import { fileSpeedStore } from './speed-store';
import { serveSpeedLayer } from './speed-layer-worker-serve';

serveSpeedLayer(async (connections, snapshotPath) => {
  if (connections.tier !== 'embedded') throw new PipelineError('INTERNAL', 'The embedded speed-layer thread was given services-tier connections.');
  const log = new EmbeddedEventLog({ root: connections.logRoot, clock: systemClock, readOnlyTopics: speedTopics });
  return { log, store: fileSpeedStore(snapshotPath), close: () => log.close() };
});
