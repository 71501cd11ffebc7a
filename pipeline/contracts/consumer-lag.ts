import { z } from 'zod';

/**
 * A consumer group's lag per partition while the ingest runs, written by the ingest stage to a file of the run
 * directory as it lands windows, and read by the web side's /api/metrics, so Prometheus sees lag rise and fall
 * during a run rather than only its final value in the manifest.
 */
export const liveLagFileName = 'consumer-lag.json';

export const consumerLagSampleSchema = z.object({
  group: z.string().min(1),
  topic: z.string().min(1),
  partition: z.number().int().nonnegative(),
  lag: z.number().int().nonnegative(),
});
export type ConsumerLagSample = z.infer<typeof consumerLagSampleSchema>;

export const liveLagSchema = z.object({
  /** When the samples were read (ISO-8601). */
  sampledAt: z.string(),
  samples: z.array(consumerLagSampleSchema),
});
export type LiveLag = z.infer<typeof liveLagSchema>;
