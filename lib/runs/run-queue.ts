/**
 * A FIFO of jobs with a concurrency cap: at most `limit` run at once, the rest wait in order. Pure (no Node
 * built-ins) so it is unit-tested without processes; the launcher gives it jobs that spawn child processes.
 */
export interface QueueSnapshot {
  running: string[];
  queued: string[];
}

export class RunQueue {
  private readonly running = new Set<string>();
  private readonly waiting: Array<{ id: string; start: () => Promise<void> }> = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`RunQueue limit must be a positive integer (got ${limit}).`);
  }

  /** Queues a job; returns its position (0 = started now). A job already queued or running is refused. */
  enqueue(id: string, start: () => Promise<void>): number {
    if (this.running.has(id) || this.waiting.some((job) => job.id === id)) throw new Error(`Job ${id} is already queued or running.`);
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
