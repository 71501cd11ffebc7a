export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  /** What was found, in one line. */
  detail: string;
  /** The server's version, where it tells. */
  version?: string;
  /** What to do about it: specific, copy-pasteable where possible. Empty when ok. */
  fix?: string;
}
