import { z } from 'zod';
import { challengeSchema, type Challenge } from '@/content/schema/challenge';
import { easyChallenges } from './easy';
import { faultProfileChallenges } from './fault-profile';
import { hardChallenges } from './hard';
import { mediumChallenges } from './medium';
import { moreChallenges } from './more';
import { patternChallenges } from './patterns';

/** Every SQL challenge, validated once at import so a malformed entry fails the build and the tests by name. */
export const challenges: readonly Challenge[] = z
  .array(challengeSchema)
  .parse([
    ...easyChallenges,
    ...mediumChallenges,
    ...hardChallenges,
    ...faultProfileChallenges,
    ...patternChallenges,
    ...moreChallenges,
  ])
  .filter((challenge, index, all) => {
    if (all.findIndex((other) => other.id === challenge.id) !== index)
      throw new Error(`content/challenges: duplicate challenge id "${challenge.id}"`);
    return true;
  });

export function challengeById(id: string): Challenge | undefined {
  return challenges.find((challenge) => challenge.id === id);
}
