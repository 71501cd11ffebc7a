/** The batch engines of validate … quality, in a module without zod: the run form imports them on first load. */
export const batchEngines = ['duckdb', 'spark'] as const;
export type BatchEngine = (typeof batchEngines)[number];
