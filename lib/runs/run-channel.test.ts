import { describe, expect, it } from 'vitest';
import { RunChannel } from './run-channel';

describe('RunChannel', () => {
  it('replays the events after a Last-Event-ID and streams later ones to subscribers', () => {
    const channel = new RunChannel();
    channel.push('log', { message: 'one' });
    channel.push('log', { message: 'two' });
    const live: number[] = [];
    const unsubscribe = channel.subscribe((event) => live.push(event.id));
    channel.push('log', { message: 'three' });
    unsubscribe();
    channel.push('log', { message: 'four' });
    expect(channel.since(1).map((event) => (event.data as { message: string }).message)).toEqual([
      'two',
      'three',
      'four',
    ]);
    expect(live).toEqual([3]);
  });

  it('keeps only the latest progress per stage, so log lines stay in the buffer', () => {
    const channel = new RunChannel(3);
    channel.push('log', { message: 'kept' });
    for (let done = 0; done < 10; done++) channel.push('progress', { key: 'generate', done }, 'generate');
    const events = channel.since(0);
    expect(events.map((event) => event.type)).toEqual(['log', 'progress']);
    expect((events[1]!.data as { done: number }).done).toBe(9);
  });
});
