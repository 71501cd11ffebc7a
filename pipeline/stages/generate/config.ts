import { z } from 'zod';
import { faultProfiles } from '../../contracts/faults';
import { runConfigSchema } from '../../contracts/manifest';

export { defaultStartDate } from '../../contracts/manifest';

/** What the generator needs from a run's config (the rest of RunConfig does not change the data). */
export const generatorOptionsSchema = runConfigSchema
  .pick({ seed: true, events: true, days: true, startDate: true, incident: true })
  .extend({
    faults: z.enum(faultProfiles),
    /** The topic's partition count: a stuck consumer holds back one partition's events (default 4). */
    partitions: z.number().int().min(1).max(64).optional(),
  });
export type GeneratorOptions = z.infer<typeof generatorOptionsSchema>;

/** An event whose ingested_at is more than this after its event_ts is late (the late_event fault goes 2–48 h). */
export const lateThresholdMs = 3_600_000;

/** Share of records that carry a fault in each profile (realistic ≈ 1–2 %, chaos ≈ 10 %). */
export const faultRateByProfile = { none: 0, realistic: 0.015, chaos: 0.1 } as const;

export interface DatasetSizes {
  events: number;
  users: number;
  products: number;
}

/** Users ≈ events / 40 (a user has a few sessions of ~8 events); a catalog of a few thousand products at most. */
export function datasetSizes(events: number): DatasetSizes {
  return {
    events,
    users: Math.max(50, Math.round(events / 40)),
    products: Math.min(5000, Math.max(100, Math.round(events / 100))),
  };
}
