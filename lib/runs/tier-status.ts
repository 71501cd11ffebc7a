import type { Tier } from '@/pipeline/contracts/services';

/** GET /api/services: what the run form needs to offer the services tier (shared by the route and the form). */
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
}
