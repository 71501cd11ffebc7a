// The speed layer as a thread job (ThreadRunner in contracts/services.ts): the ingest stage runs it on a thread
// of its own, with the thread's own connections to the run's log and key-value store.
import type { ThreadJob } from '../../contracts/services';
import { runSpeedLayer } from './speed-layer';
import { speedStoreOn } from './speed-store';
import type { SpeedSnapshot } from './windows';

const speedLayerJob: ThreadJob<Record<string, never>, SpeedSnapshot> = (services) =>
  runSpeedLayer({
    log: services.log,
    store: speedStoreOn(services.kv),
    signal: new AbortController().signal,
    isProducerDone: () => true,
  });

export default speedLayerJob;
