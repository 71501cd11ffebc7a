import { PipelineError } from '../../contracts/errors';
import { devices, eventTypes, referrers, type Entity } from '../../contracts/records';
import { createTrafficCalendar } from './calendar';
import { createCatalog, productRecordOf } from './catalog';
import { datasetSizes, type GeneratorOptions } from './config';
import { DatasetEmitter, type EventOutput } from './dataset-emitter';
import { BatchBuilder, type EventTables } from './event-batch';
import { eventLine } from './event-lines';
import { createInThreadSink, launchWriterThread, type EventSink, type WriterThread } from './event-sink';
import { FaultInjector } from './fault-injector';
import { IncidentSlices } from './incident-slices';
import type { GenerateRequest } from './generate-dataset';
import type { GroundTruthWriter } from './ground-truth-writer';
import { createIdFactory, eventIdText } from './ids';
import type { OutputFile } from './output-file';
import { PendingEvent, type Pending } from './pending';
import { PendingHeap } from './pending-heap';
import { buildPools } from './pools';
import type { LineFormat, PlainRecord } from './record-format';
import { createSearchTerms } from './search-terms';
import { pageUrlTable, SessionSimulator, type World } from './session-simulator';
import { parseIsoDate } from './time-format';
import { applyUserUpdate, createUserPopulation, userRecordOf } from './users';

const PROGRESS_EVERY = 1 << 14;

export interface SimulationTargets {
  lineFormat: LineFormat;
  /** Open files of every entity except NDJSON events, which go through an EventSink created here. */
  files: Partial<Record<Entity, OutputFile>>;
  events: { sink: EventSink | null };
  eventsPath: string;
  groundTruth: GroundTruthWriter;
}

/**
 * Builds the world and writes every record: users (in updated_at order), then events and orders as sessions
 * run (in event-time order), then products (their stock reflects every sale).
 */
export async function simulateDataset(
  options: GeneratorOptions,
  request: GenerateRequest,
  targets: SimulationTargets,
) {
  // Start the writer thread first: loading its modules overlaps building the world.
  const thread = targets.lineFormat === 'ndjson' && request.parallel ? launchWriterThread() : null;
  try {
    return await simulate(options, request, targets, thread);
  } catch (error) {
    if (!targets.events.sink) await thread?.terminate();
    throw error;
  }
}

async function simulate(
  options: GeneratorOptions,
  request: GenerateRequest,
  targets: SimulationTargets,
  thread: WriterThread | null,
) {
  const { files, events, groundTruth, lineFormat } = targets;
  const root = request.random;
  const startMs = parseIsoDate(options.startDate);
  const sizes = datasetSizes(options.events);
  const ids = createIdFactory(root.fork('ids'));
  const calendar = createTrafficCalendar(startMs, options.days, root.fork('calendar'));
  const pools = buildPools(Math.floor(root.fork('pools').next() * 2 ** 31), startMs);
  const users = createUserPopulation(sizes.users, calendar, pools, ids, root.fork('users'));
  // About 1.2 units are sold per 100 events (purchases × units per line); stock is sized to 1.4 per 100.
  const catalog = createCatalog(
    sizes.products,
    options.events * 0.014,
    startMs,
    pools,
    ids,
    root.fork('catalog'),
  );
  const search = createSearchTerms(pools, root.fork('search'));
  const eventIdKey = { salt: Math.floor(root.fork('event-ids').next() * 4294967296) >>> 0, mask: ids.mask };
  const pageUrls = pageUrlTable(
    catalog.skus.map((sku) => `/p/${sku}`),
    search.queries.map((query) => `/search?q=${encodeURIComponent(query)}`),
  );
  const pageUrlsJson = pageUrls.map((url) => JSON.stringify(url));
  const world: World = {
    users,
    catalog,
    search,
    ids,
    pageUrls,
    pageUrlsJson,
    eventIdKey,
    windowEndMs: calendar.endMs,
  };
  // Orphan ids come from their own counter range (the top half), so faults never shift the clean data's ids
  // and an orphan id can never equal a real one.
  const orphanIds = createIdFactory(root.fork('orphan-ids'), { mask: ids.mask, firstCounter: 2 ** 31 });
  const injector = new FaultInjector(
    options.faults,
    root.fork('faults'),
    orphanIds,
    calendar.endMs,
    options.incident,
  );
  const slices = options.incident
    ? new IncidentSlices(options.incident, root.fork('incident'), orphanIds, {
        startMs,
        endMs: calendar.endMs,
        partitions: options.partitions ?? 4,
        userIds: users.ids,
      })
    : null;
  let eventOutput: EventOutput;
  let builder: BatchBuilder | null = null;
  if (lineFormat === 'ndjson') {
    const tables: EventTables = {
      userIds: users.ids,
      productIds: catalog.ids,
      pageUrlsJson,
      queriesJson: search.queryJson,
      eventIdKey,
      eventTypes,
      devices,
      referrers,
    };
    const sinkOptions = {
      path: targets.eventsPath,
      gzip: request.gzip,
      hash: request.hash ?? true,
      tables,
    };
    const sink = thread?.sink(sinkOptions) ?? createInThreadSink(sinkOptions);
    events.sink = sink;
    const batches = new BatchBuilder(sink.obtain, sink.submit);
    builder = batches;
    eventOutput = {
      writeLine: (line) => batches.addLine(line),
      writeClean: (event, index) => batches.addEvent(event, index),
    };
  } else {
    const file = files.events!;
    eventOutput = {
      writeLine: (line) => file.writeRow(line),
      writeClean: (event, index) =>
        file.writeRow(eventLine('csv', event, eventIdText(eventIdKey, index, event.timeMs), world)),
    };
  }
  const entityFiles = files as Record<Exclude<Entity, 'events'>, OutputFile>;
  const emitter = new DatasetEmitter(
    lineFormat,
    entityFiles,
    eventOutput,
    injector,
    groundTruth,
    world,
    slices,
  );
  const initialStock = Int32Array.from(catalog.stock);

  // Users: version 1 at signup, later versions when a profile changes, in updated_at order.
  const userRandom = root.fork('user-updates');
  const versions = new Uint16Array(users.count);
  let nextUpdate = 0;
  const emitUserVersion = (user: number, timeMs: number) => {
    versions[user] = versions[user]! + 1;
    const version = versions[user]!;
    const record = userRecordOf(users, pools, user, version, timeMs) as unknown as PlainRecord;
    emitter.emitRecord('users', record, `${users.ids[user]}#${version}`, { quarantineAllowed: version > 1 });
  };
  for (let user = 0; user < users.count; user++) {
    while (nextUpdate < users.updates.length && users.updates[nextUpdate]!.timeMs < users.signupMs[user]!) {
      const update = users.updates[nextUpdate++]!;
      applyUserUpdate(users, update, userRandom);
      emitUserVersion(update.user, update.timeMs);
    }
    emitUserVersion(user, users.signupMs[user]!);
  }
  for (; nextUpdate < users.updates.length; nextUpdate++) {
    const update = users.updates[nextUpdate]!;
    applyUserUpdate(users, update, userRandom);
    emitUserVersion(update.user, update.timeMs);
  }

  // Events and orders: sessions start in time order; the heap merges their overlapping events.
  const heap = new PendingHeap<Pending>();
  const simulator = new SessionSimulator(world, heap, root.fork('sessions'));
  const drain = (untilMs: number) => {
    for (let next = heap.peek(); next !== undefined && next.timeMs < untilMs; next = heap.peek()) {
      heap.pop();
      // The session's next item takes its place (read before the event is recycled into the pool).
      if (next.next !== null) heap.push(next.next);
      if (next instanceof PendingEvent) {
        emitter.emitEvent(next);
        simulator.recycle(next);
      } else
        emitter.emitRecord('orders', next.record as unknown as PlainRecord, next.record.order_id, {
          quarantineAllowed: true,
        });
    }
  };
  let generated = 0;
  let lastStart = startMs;
  let nextProgress = PROGRESS_EVERY;
  while (generated < options.events) {
    const start = Math.max(lastStart, calendar.timeAt(generated / options.events));
    lastStart = start;
    drain(start);
    generated += simulator.run(start, options.events - generated);
    if (generated >= nextProgress) {
      nextProgress += PROGRESS_EVERY;
      request.onProgress?.({ done: generated, total: options.events, unit: 'events' });
      if (request.signal?.aborted)
        throw new PipelineError('CANCELLED', 'Generation was cancelled; no output files were kept.');
      // Bound the chunks in flight, and let timers, signals and log sinks run between chunks.
      for (const file of Object.values(files)) await file.drain();
      await events.sink?.drain();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  drain(Number.POSITIVE_INFINITY);
  emitter.finish();
  builder?.flush();
  request.onProgress?.({ done: generated, total: options.events, unit: 'events' });

  // Products last: their stock_qty and updated_at reflect every sale in the window.
  for (let product = 0; product < catalog.count; product++) {
    const record = productRecordOf(catalog, pools, product) as unknown as PlainRecord;
    emitter.emitRecord('products', record, catalog.ids[product]!, {
      quarantineAllowed: catalog.active[product] === 0,
    });
  }

  const initial: Record<string, number> = {};
  const final: Record<string, number> = {};
  for (let product = 0; product < catalog.count; product++) {
    initial[catalog.ids[product]!] = initialStock[product]!;
    final[catalog.ids[product]!] = catalog.stock[product]!;
  }
  const versionsTotal = users.count + users.updates.length;
  return {
    emitted: emitter.emitted,
    clean: { users: versionsTotal, products: catalog.count, events: generated, orders: simulator.orders },
    sessions: simulator.sessions,
    inventory: { initial, final },
    writerThread: events.sink?.threaded ?? false,
  };
}
