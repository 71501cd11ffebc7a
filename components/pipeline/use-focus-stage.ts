'use client';

import { useEffect, useState } from 'react';
import { stageNames, type StageName } from '@/pipeline/contracts/stages';

/**
 * The stage a lesson's "Run this stage" link asks for (`/pipeline?stage=validate`), or null. Read from the URL once
 * after hydration (not with useSearchParams, which would make the statically rendered page need a Suspense
 * boundary); anything that is not a stage name is ignored.
 */
export function useFocusStage(): StageName | null {
  const [stage, setStage] = useState<StageName | null>(null);
  useEffect(() => {
    const asked = new URLSearchParams(window.location.search).get('stage');
    if (asked && (stageNames as readonly string[]).includes(asked)) setStage(asked as StageName);
  }, []);
  return stage;
}
