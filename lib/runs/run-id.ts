/**
 * A run id as the manifest contract defines it (pipeline/contracts/manifest.ts): lower-case letters, digits and
 * dashes, at most 64 characters. Checked before a run id touches the file system, so it can never be a path.
 */
export const runIdPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function isValidRunId(value: string): boolean {
  return runIdPattern.test(value);
}
