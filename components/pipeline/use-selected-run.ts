'use client';

import { useCallback, useEffect, useState } from 'react';

/** Run ids as the launcher and the CLI make them; anything else in the address is ignored. */
const runIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * The run the console shows, kept in the address (`/pipeline?run=<id>`) so a reload, a bookmark or a shared link
 * opens the same run. Read once after hydration (the page is static, so not with useSearchParams, which would need
 * a Suspense boundary) and written with replaceState: choosing a run changes the view, not the page.
 */
export function useSelectedRun(): [string | null, (runId: string | null) => void] {
  const [selected, setSelectedState] = useState<string | null>(null);
  useEffect(() => {
    const asked = new URLSearchParams(window.location.search).get('run');
    if (asked && runIdPattern.test(asked)) setSelectedState(asked);
  }, []);
  const setSelected = useCallback((runId: string | null) => {
    setSelectedState(runId);
    const url = new URL(window.location.href);
    if (runId) url.searchParams.set('run', runId);
    else url.searchParams.delete('run');
    window.history.replaceState(window.history.state, '', url);
  }, []);
  return [selected, setSelected];
}
