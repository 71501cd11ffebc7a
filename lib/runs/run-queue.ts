/**
 * A FIFO of jobs with a concurrency cap: at most `limit` run at once, the rest wait in order. Pure (no Node
 * built-ins) so it is unit-tested without processes; the launcher gives it jobs that spawn child processes.
 */
export interface QueueSnapshot {
  running: string[];
  queued: string[];
}

/** Thrown when the queue already holds its most waiting jobs; the HTTP layer answers 429 with Retry-After. */
export class QueueFullError extends Error {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.name = 'QueueFullError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** By shape, not class: each Next route bundle has its own copy of this module. */
export function isQueueFullError(error: unknown): error is QueueFullError {
  return (
    error instanceof Error &&
    error.name === 'QueueFullError' &&
    typeof (error as Partial<QueueFullError>).retryAfterSeconds === 'number'
  );
}

/** A small run takes seconds and a 2M-event run a few minutes: asking again in half a minute is neither. */
const retryAfterSeconds = 30;

export class RunQueue {
  private readonly running = new Set<string>();
  private readonly waiting: Array<{ id: string; start: () => Promise<void> }> = [];

  /** `maxWaiting`: how many jobs may wait beyond the `limit` running ones before `enqueue` refuses more. */
  constructor(
    private readonly limit: number,
    private readonly maxWaiting: number = Infinity,
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`RunQueue limit must be a positive integer (got ${limit}).`);
  }

  /** Throws QueueFullError when a new job would be refused. */
  checkRoom(): void {
    if (this.running.size >= this.limit && this.waiting.length >= this.maxWaiting) {
      const message = `${this.running.size} runs are running and ${this.waiting.length} are waiting, the most this server queues: try again when one has finished.`;
      throw new QueueFullError(message, retryAfterSeconds);
    }
  }

  /**
   * Queues a job; returns its position (0 = started now). A job already queued or running is refused, and so is
   * any job while `maxWaiting` jobs wait (QueueFullError).
   */
  enqueue(id: string, start: () => Promise<void>): number {
    if (this.running.has(id) || this.waiting.some((job) => job.id === id))
      throw new Error(`Job ${id} is already queued or running.`);
    this.checkRoom();
    this.waiting.push({ id, start });
    const position = this.waiting.length;
    this.pump();
    return this.running.has(id) ? 0 : position;
  }

  /** Removes a job that has not started; returns whether it was waiting. */
  cancel(id: string): boolean {
    const index = this.waiting.findIndex((job) => job.id === id);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    return true;
  }

  has(id: string): boolean {
    return this.running.has(id) || this.waiting.some((job) => job.id === id);
  }

  snapshot(): QueueSnapshot {
    return { running: [...this.running], queued: this.waiting.map((job) => job.id) };
  }

  private pump(): void {
    while (this.running.size < this.limit && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running.add(job.id);
      // A failing job frees its slot like a finished one: the next job must not wait for a crashed one.
      void Promise.resolve()
        .then(job.start)
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(job.id);
          this.pump();
        });
    }
  }
}
