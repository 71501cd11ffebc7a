/** A challenge's difficulty, without zod: the challenge list filters by it on first load. */
export const challengeDifficulties = ['easy', 'medium', 'hard'] as const;
export type ChallengeDifficulty = (typeof challengeDifficulties)[number];
