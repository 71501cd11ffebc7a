/**
 * Counts in-flight reads per run so a job can wait for them before it starts: a DuckDB file opened read-only by
 * the console holds a shared lock, and the run's child would fail to open it for writing. Pure, so it is
 * unit-tested without files or processes.
 */
export class ReadLeases {
  private readonly active = new Map<string, number>();
  private readonly waiters = new Map<string, Array<() => void>>();

  async hold<T>(key: string, read: () => Promise<T>): Promise<T> {
    this.active.set(key, (this.active.get(key) ?? 0) + 1);
    try {
      return await read();
    } finally {
      const left = (this.active.get(key) ?? 1) - 1;
      if (left > 0) this.active.set(key, left);
      else {
        this.active.delete(key);
        for (const wake of this.waiters.get(key) ?? []) wake();
        this.waiters.delete(key);
      }
    }
  }

  /** Resolves once no read of `key` is in flight. */
  idle(key: string): Promise<void> {
    if (!this.active.has(key)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(key, [...(this.waiters.get(key) ?? []), resolve]));
  }
}
