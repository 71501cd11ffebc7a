// A job's thread on the embedded tier: a read-only reader of the run's log (only the job's topics) and the
// run's key files.
import { PipelineError } from '../../contracts/errors';
import { systemClock } from '../../core/clock';
import { EmbeddedEventLog } from '../embedded/event-log/embedded-event-log';
import { FileKeyValueStore } from '../embedded/file-key-value-store';
import type { OpenThreadServices } from './serve-thread-job';

export const openEmbeddedThreadServices: OpenThreadServices = async (connections, topics) => {
  if (connections.tier !== 'embedded')
    throw new PipelineError('INTERNAL', 'The embedded thread host was given services-tier connections.');
  const log = new EmbeddedEventLog({ root: connections.logRoot, clock: systemClock, readOnlyTopics: topics });
  return { log, kv: new FileKeyValueStore(connections.kvDirectory), close: () => log.close() };
};
