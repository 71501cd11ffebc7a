import type { ConsumerLagSample } from '../../contracts/consumer-lag';
import type { Clock } from '../../core/clock';

/** One reading of a consumer group's lag on every partition it reads. */
export interface LagReading {
  sampleNo: number;
  /** Wall-clock milliseconds. */
  sampledAt: number;
  /** Records the ingest had landed; null for a group other than the ingest's. */
  recordsLanded: number | null;
  isFinal: boolean;
  lag: readonly ConsumerLagSample[];
}

/** As many samples as the manifest's lagSamples keeps: a 1M-event run lands a few hundred windows at most. */
const maxSamples = 500;

/**
 * The ingest group's lag as the ingest stage saw it (before the first window, then after each landed window),
 * then the final lag of every group: the rows of the stream_consumer_lag table.
 */
export class LagHistory {
  private readonly readings: LagReading[] = [];
  private samples = 0;

  constructor(private readonly clock: Clock) {}

  sample(lag: readonly ConsumerLagSample[], recordsLanded: number): void {
    if (this.samples >= maxSamples) return;
    this.readings.push({
      sampleNo: this.samples++,
      sampledAt: this.clock.now(),
      recordsLanded,
      isFinal: false,
      lag,
    });
  }

  /** The final lag of one group; the readings of one finish share a sample number, after every sample. */
  final(lag: readonly ConsumerLagSample[], recordsLanded: number | null): void {
    this.readings.push({
      sampleNo: this.samples,
      sampledAt: this.clock.now(),
      recordsLanded,
      isFinal: true,
      lag,
    });
  }

  /** Records landed at the newest sample (the ingest samples after every landed window, the last one included). */
  get lastLanded(): number {
    for (let index = this.readings.length - 1; index >= 0; index--) {
      const landed = this.readings[index]!.recordsLanded;
      if (!this.readings[index]!.isFinal && landed !== null) return landed;
    }
    return 0;
  }

  all(): readonly LagReading[] {
    return this.readings;
  }
}
