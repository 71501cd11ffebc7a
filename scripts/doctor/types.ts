export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  /** What was found, in one line. */
  detail: string;
  /** What to do about it: specific, copy-pasteable where possible. Empty when ok. */
  fix?: string;
}
