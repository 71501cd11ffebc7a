/**
 * The runs a SQL challenge is graded on besides the learner's own: two small runs with other seeds, written by
 * scripts/build-challenge-data.ts to public/challenge-data/seed-<n>/ and attached read-only by the browser grader.
 */
export const challengeDataSeeds = [7, 1234] as const;

/**
 * Runs kept back for re-drills (lib/challenges/redrill.ts): never part of the regular grading, so a learner who
 * failed or gave up a challenge meets numbers there that no earlier attempt showed. Built by the same script.
 */
export const redrillSeeds = [31, 577, 4242] as const;

export function challengeDataUrl(seed: number): string {
  return `/challenge-data/seed-${seed}/warehouse.duckdb`;
}
