'use client';

import { useCallback, useEffect, useState } from 'react';
import type { TierStatus } from '@/lib/runs/tier-status';

type Tier = 'embedded' | 'services';

/** GET /api/services: the console's default tier and whether the services tier's systems answer now. */
export function useTierStatus(): { status: TierStatus | null; checking: boolean; recheck: () => void } {
  const [status, setStatus] = useState<TierStatus | null>(null);
  const [checking, setChecking] = useState(true);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let stopped = false;
    setChecking(true);
    fetch(`/api/services${round > 0 ? '?fresh=1' : ''}`, { cache: 'no-store' })
      .then(async (response) => (response.ok ? ((await response.json()) as TierStatus) : null))
      .catch(() => null)
      .then((next) => {
        if (stopped) return;
        setStatus(next);
        setChecking(false);
      });
    return () => {
      stopped = true;
    };
  }, [round]);
  const recheck = useCallback(() => setRound((value) => value + 1), []);
  return { status, checking, recheck };
}

/**
 * The tier a run uses: embedded (everything in this process) or services (Kafka, S3, PostgreSQL and Redis). The
 * services choice is enabled only when they answer; otherwise it says why, in the doctor's words.
 */
export function TierChoice({
  tier,
  onChange,
  status,
  checking,
  recheck,
}: { tier: Tier; onChange: (tier: Tier) => void } & ReturnType<typeof useTierStatus>) {
  const available = status?.services.available === true;
  const reason = checking
    ? 'Checking the services…'
    : (status?.services.reason ?? 'The services could not be checked.');
  return (
    <span role="radiogroup" aria-label="Tier" className="inline-flex flex-wrap items-center gap-3">
      <span className="font-medium text-slate-700 dark:text-slate-300">Tier:</span>
      <label className="inline-flex items-center gap-1">
        <input
          type="radio"
          name="run-tier"
          value="embedded"
          checked={tier === 'embedded'}
          onChange={() => onChange('embedded')}
        />{' '}
        embedded
      </label>
      <label className={`inline-flex items-center gap-1 ${available ? '' : 'opacity-60'}`}>
        <input
          type="radio"
          name="run-tier"
          value="services"
          checked={tier === 'services'}
          disabled={!available}
          aria-describedby={available ? undefined : 'run-tier-reason'}
          onChange={() => onChange('services')}
        />{' '}
        services (Kafka, S3, PostgreSQL, Redis)
      </label>
      {available ? null : (
        <span id="run-tier-reason" data-testid="tier-unavailable">
          {reason}{' '}
          {checking ? null : (
            <button type="button" onClick={recheck} className="underline">
              Check again
            </button>
          )}
        </span>
      )}
    </span>
  );
}
