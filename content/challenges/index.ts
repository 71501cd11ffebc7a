import { z } from 'zod';
import { challengeSchema, type Challenge } from '@/content/schema/challenge';
import { modellingChallengeSchema, type ModellingChallenge } from '@/content/schema/modelling';
import { easyChallenges } from './easy';
import { faultProfileChallenges } from './fault-profile';
import { hardChallenges } from './hard';
import { mediumChallenges } from './medium';
import { modellingChallengeList } from './modelling';
import { moreChallenges } from './more';
import { patternChallenges } from './patterns';
import { planReadingChallenges } from './plan-reading';
import { streamingChallenges } from './streaming';

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
    ...planReadingChallenges,
    ...streamingChallenges,
  ])
  .filter((challenge, index, all) => {
    if (all.findIndex((other) => other.id === challenge.id) !== index)
      throw new Error(`content/challenges: duplicate challenge id "${challenge.id}"`);
    return true;
  });

/** Modelling challenges: a blank domain, a script of DDL, loads and answer views, graded by lib/modelling/grade-model.ts. */
export const modellingChallenges: readonly ModellingChallenge[] = z
  .array(modellingChallengeSchema)
  .parse(modellingChallengeList);
for (const model of modellingChallenges) {
  if (challenges.some((challenge) => challenge.id === model.id))
    throw new Error(`content/challenges: duplicate challenge id "${model.id}"`);
}

export function modellingChallengeById(id: string): ModellingChallenge | undefined {
  return modellingChallenges.find((challenge) => challenge.id === id);
}

export function challengeById(id: string): Challenge | undefined {
  return challenges.find((challenge) => challenge.id === id);
}
