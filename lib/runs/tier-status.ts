import type { Tier } from '@/pipeline/contracts/services';

/** GET /api/services: what the run form needs to offer the services tier and the Spark engine (route and form). */
export interface TierStatus {
  /** PIPELINE_TIER, else embedded: the tier a run uses when the request names none. */
  defaultTier: Tier;
  services: {
    available: boolean;
    /** Why not, in one line (the doctor's reason and fix); null when available. */
    reason: string | null;
    /** Milliseconds since the epoch. */
    checkedAt: number;
  };
  /** Whether the Spark engine can run here (JDK 17+, jars downloaded), with the fix in one line when not. */
  spark: { available: boolean; reason: string | null };
}
