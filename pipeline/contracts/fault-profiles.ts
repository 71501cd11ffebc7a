/**
 * The generator's fault profiles, in a module of their own without zod: the run form imports them on first load.
 * pipeline/contracts/faults.ts re-exports them beside the faults each profile injects.
 */
export const faultProfiles = ['none', 'realistic', 'chaos'] as const;
export type FaultProfile = (typeof faultProfiles)[number];
