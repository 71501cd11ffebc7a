/** What every service of `npm run services` is given: where its state lives and the configuration in effect. */
export interface StackContext {
  /** The services data directory (absolute): one folder per service below it, and services.env. */
  dir: string;
  /** The configuration in effect: the real environment over .env (never the generated file). */
  config: Record<string, string | undefined>;
  /** What the last `up` wrote to services.env. */
  generated: Record<string, string>;
  /** Take any free port instead of the usual one (tests, several stacks on one machine). */
  anyPorts: boolean;
  /** One progress line for the learner. */
  say(line: string): void;
}

export type Health = 'healthy' | 'unhealthy' | 'down';

export interface ServiceStatus {
  name: string;
  version: string;
  address: string;
  health: Health;
  /** One line: what answered, or why not (the doctor's reason). */
  detail: string;
  /** Whether `npm run services -- up` started it (so `down` will stop it). */
  managed: boolean;
  pid?: number;
}

export interface UpResult {
  /** The variables that point the pipeline at this service (written to services.env). */
  env: Record<string, string>;
  /** What up did: 'started', 'already running', 'using the running server'… */
  action: string;
}

/**
 * One service of the stack. Adding a service means writing one of these and listing it in
 * definitions.ts: `up`, `status` and `down` and the generated env file follow from the list.
 */
export interface ServiceDefinition {
  /** Folder name below the data directory. */
  id: string;
  name: string;
  /** Makes the service answer (starting it when it is ours or stopped), waits for health. Throws with a fix. */
  up(context: StackContext): Promise<UpResult>;
  status(context: StackContext): Promise<ServiceStatus>;
  /** Stops what `up` started for this service, and nothing else. Returns what it did, in a few words. */
  down(context: StackContext): Promise<string>;
}
