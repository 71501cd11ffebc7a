export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** One diagnosis of the doctor (and of a services run's preflight). */
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

/**
 * How the learner starts the services, so a fix names the right command: `services` when they run without Docker
 * (`npm run services`, or the doctor's --no-docker), `either` when both routes are open.
 */
export type StartRoute = 'services' | 'either';

/** The command that starts a stopped service on this route. */
export function startCommand(route: StartRoute, composeService: string): string {
  return route === 'services'
    ? '`npm run services -- up`'
    : `\`npm run services -- up\` (no Docker) or \`docker compose up -d ${composeService}\``;
}
