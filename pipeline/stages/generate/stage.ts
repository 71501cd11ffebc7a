import { join, relative } from 'node:path';
import type { StageDefinition, StageResult } from '../../contracts/stage';
import { generateDataset } from './generate-dataset';

/**
 * The first stage of a run: `<runDir>/generated/<entity>.ndjson` for users, products, events and orders, and
 * `<runDir>/ground-truth.json`, the ledger of every injected fault. Output paths in the result are relative to
 * the run directory.
 */
export const generateStage: StageDefinition = {
  name: 'generate',
  async run(context): Promise<StageResult> {
    const { config } = context;
    const log = context.log.child('generate');
    log.log('info', 'generating dataset', {
      seed: config.seed,
      events: config.events,
      days: config.days,
      faults: config.faults,
    });
    const summary = await generateDataset({
      options: {
        seed: config.seed,
        events: config.events,
        days: config.days,
        faults: config.faults,
        startDate: config.startDate,
        incident: config.incident,
        partitions: config.partitions,
      },
      outDir: join(context.runDir, 'generated'),
      format: 'ndjson',
      gzip: false,
      hash: true,
      // The writer thread when it can start (tsx present, sources on disk), in-thread otherwise.
      parallel: true,
      // ground-truth.json belongs at the root of the run, beside manifest.json.
      groundTruthPath: join(context.runDir, 'ground-truth.json'),
      random: context.random,
      clock: context.clock,
      signal: context.signal,
      onProgress: (progress) => context.progress(progress),
    });
    const outputs = summary.files.map((file) => ({
      path: relative(context.runDir, file.path),
      rows: file.rows,
      sha256: file.sha256,
    }));
    const outputRows = Object.values(summary.emitted).reduce((sum, rows) => sum + rows, 0);
    log.log('info', 'dataset generated', {
      outputRows,
      faults: summary.faults,
      eventsPerSecond: summary.eventsPerSecond,
    });
    return {
      inputRows: 0,
      outputRows,
      rejectedRows: 0,
      rejectReasons: {},
      outputs,
      metrics: {
        emitted: summary.emitted,
        clean: summary.clean,
        faults: summary.faults,
        // An incident round's learner is not told the kinds: the console shows these metrics.
        ...(config.incident ? {} : { faultsByKind: summary.faultsByKind }),
        sessions: summary.sessions,
        eventsPerSecond: summary.eventsPerSecond,
        writerThread: summary.writerThread,
        durationMs: Math.round(summary.durationMs),
      },
    };
  },
};
