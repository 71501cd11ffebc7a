/**
 * A binary min-heap on (timeMs, sequence). Sessions overlap in time, so their events are pushed here and popped
 * in event-time order; the heap holds only the sessions still running (a few thousand items at most), which
 * keeps memory constant however many events are generated.
 */
export interface Timed {
  timeMs: number;
  sequence: number;
}

const before = (left: Timed, right: Timed): boolean =>
  left.timeMs < right.timeMs || (left.timeMs === right.timeMs && left.sequence < right.sequence);

export class PendingHeap<T extends Timed> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    let index = items.length;
    items.push(item);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(item, items[parent]!)) break;
      items[index] = items[parent]!;
      index = parent;
    }
    items[index] = item;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let index = 0;
    const length = items.length;
    for (;;) {
      const left = index * 2 + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && before(items[right]!, items[left]!) ? right : left;
      if (!before(items[child]!, last)) break;
      items[index] = items[child]!;
      index = child;
    }
    items[index] = last;
    return top;
  }
}
