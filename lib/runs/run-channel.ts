/**
 * One run's event stream: numbered events kept in memory so a reconnecting EventSource (Last-Event-ID) gets
 * every line it missed, then the live ones. Progress events are coalesced per stage so a long run cannot push
 * the log lines out of the buffer.
 */
export interface ChannelEvent {
  id: number;
  type: 'status' | 'progress' | 'stage' | 'log' | 'done';
  data: unknown;
}

export class RunChannel {
  private readonly events: ChannelEvent[] = [];
  private readonly listeners = new Set<(event: ChannelEvent) => void>();
  private nextId = 1;

  constructor(private readonly capacity = 5000) {}

  push(type: ChannelEvent['type'], data: unknown, coalesceKey?: string): ChannelEvent {
    const event: ChannelEvent = { id: this.nextId++, type, data };
    if (coalesceKey !== undefined) {
      const index = this.events.findIndex(
        (old) => old.type === type && (old.data as { key?: string }).key === coalesceKey,
      );
      if (index >= 0) this.events.splice(index, 1);
    }
    this.events.push(event);
    if (this.events.length > this.capacity) this.events.shift();
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** Events with an id above `lastEventId`, oldest first. */
  since(lastEventId: number): ChannelEvent[] {
    return this.events.filter((event) => event.id > lastEventId);
  }

  subscribe(listener: (event: ChannelEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get lastId(): number {
    return this.nextId - 1;
  }
}
