import 'server-only';
import { isPipelineError } from '@/pipeline/contracts/errors';
import { assertTierReachable } from '@/pipeline/services/create-services';
import { env } from '@/lib/env';
import { sparkAvailability } from '@/pipeline/spark';
import type { TierStatus } from './tier-status';

/** A page load and the form's first render ask together: one check answers both. */
const freshForMs = 5_000;

interface Cache {
  at: number;
  status: Promise<TierStatus>;
}
const globalKey = Symbol.for('pipeline-lab.tier-status');
const holder = globalThis as unknown as Record<symbol, Cache | undefined>;

async function check(): Promise<TierStatus> {
  const defaultTier = env().tier;
  const spark = sparkAvailability();
  try {
    await assertTierReachable('services');
    return {
      defaultTier,
      services: { available: true, reason: null, checkedAt: Date.now() },
      spark: await spark,
    };
  } catch (error) {
    if (!isPipelineError(error) || error.code !== 'SERVICE_UNAVAILABLE') throw error;
    return {
      defaultTier,
      services: { available: false, reason: error.message, checkedAt: Date.now() },
      spark: await spark,
    };
  }
}

/** Whether the services tier's systems answer now (the doctor's checks, a few seconds at most) and Spark can run, briefly cached. */
export function tierStatus(options: { fresh?: boolean } = {}): Promise<TierStatus> {
  const cached = holder[globalKey];
  if (cached && !options.fresh && performance.now() - cached.at < freshForMs) return cached.status;
  const status = check();
  holder[globalKey] = { at: performance.now(), status };
  status.catch(() => {
    if (holder[globalKey]?.status === status) holder[globalKey] = undefined;
  });
  return status;
}
