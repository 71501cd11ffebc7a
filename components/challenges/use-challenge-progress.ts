'use client';

import { useSyncExternalStore } from 'react';
import {
  emptyChallengeProgress,
  readChallengeProgress,
  subscribeChallengeProgress,
  type ChallengeProgress,
} from '@/lib/challenges/progress';

export function useChallengeProgress(): ChallengeProgress {
  return useSyncExternalStore(
    subscribeChallengeProgress,
    readChallengeProgress,
    () => emptyChallengeProgress,
  );
}
