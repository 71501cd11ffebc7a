import { describe, expect, it } from 'vitest';
import { deleteGroupsWhenReady, retryWhileCoordinatorLoads, retryWhileLeadershipMoves } from './kafka-retry';

// A real broker produces these answers only by chance in the first moments after a start, so they are replayed
// here in the shapes kafkajs throws them (KafkaJSProtocolError's `type`, KafkaJSDeleteGroupsError's `groups`).
const protocolError = (type: string) => Object.assign(new Error(`broker said ${type}`), { type });
const deleteGroupsError = (groups: Array<{ groupId: string; type: string }>) =>
  Object.assign(new Error('Error in DeleteGroups'), {
    groups: groups.map(({ groupId, type }) => ({ groupId, errorCode: 1, error: protocolError(type) })),
  });

describe('retryWhileLeadershipMoves', () => {
  it('retries while leadership moves and returns the first answer', async () => {
    let calls = 0;
    const answer = await retryWhileLeadershipMoves(
      async () => {
        calls++;
        if (calls < 3) throw protocolError(calls === 1 ? 'NOT_LEADER_FOR_PARTITION' : 'LEADER_NOT_AVAILABLE');
        return 'offsets';
      },
      { delayMs: 1 },
    );
    expect(answer).toBe('offsets');
    expect(calls).toBe(3);
  });

  it('throws any other error at once', async () => {
    let calls = 0;
    await expect(
      retryWhileLeadershipMoves(
        async () => {
          calls++;
          throw protocolError('TOPIC_AUTHORIZATION_FAILED');
        },
        { delayMs: 1 },
      ),
    ).rejects.toThrow('TOPIC_AUTHORIZATION_FAILED');
    expect(calls).toBe(1);
  });

  it('gives up after the given number of attempts', async () => {
    let calls = 0;
    await expect(
      retryWhileLeadershipMoves(
        async () => {
          calls++;
          throw protocolError('NOT_LEADER_FOR_PARTITION');
        },
        { attempts: 4, delayMs: 1 },
      ),
    ).rejects.toThrow('NOT_LEADER_FOR_PARTITION');
    expect(calls).toBe(4);
  });
});

describe('deleteGroupsWhenReady', () => {
  it('retries only the groups that were not ready, and counts a missing group as deleted', async () => {
    const requests: string[][] = [];
    const admin = {
      async deleteGroups(ids: string[]) {
        requests.push(ids);
        if (requests.length === 1) {
          throw deleteGroupsError([
            { groupId: 'run-ingest', type: 'NON_EMPTY_GROUP' },
            { groupId: 'run-gone', type: 'GROUP_ID_NOT_FOUND' },
          ]);
        }
        if (requests.length === 2)
          throw deleteGroupsError([{ groupId: 'run-ingest', type: 'NOT_COORDINATOR' }]);
        return [];
      },
    };
    await deleteGroupsWhenReady(admin, ['run-ingest', 'run-gone', 'run-speed'], { delayMs: 1 });
    expect(requests).toEqual([['run-ingest', 'run-gone', 'run-speed'], ['run-ingest'], ['run-ingest']]);
  });

  it('throws a failure that waiting cannot cure', async () => {
    const admin = {
      async deleteGroups() {
        throw deleteGroupsError([{ groupId: 'run-ingest', type: 'GROUP_AUTHORIZATION_FAILED' }]);
      },
    };
    await expect(deleteGroupsWhenReady(admin, ['run-ingest'], { delayMs: 1 })).rejects.toThrow(
      'Error in DeleteGroups',
    );
  });

  it('throws when a group is still not deletable at the deadline', async () => {
    let calls = 0;
    const admin = {
      async deleteGroups() {
        calls++;
        throw deleteGroupsError([{ groupId: 'run-ingest', type: 'NON_EMPTY_GROUP' }]);
      },
    };
    await expect(
      deleteGroupsWhenReady(admin, ['run-ingest'], { deadlineMs: 30, delayMs: 5 }),
    ).rejects.toThrow('Error in DeleteGroups');
    expect(calls).toBeGreaterThan(1);
  });

  it('throws an error that is not about groups (the broker is down)', async () => {
    const admin = {
      async deleteGroups(): Promise<unknown> {
        throw new Error('Connection error: ECONNREFUSED');
      },
    };
    await expect(deleteGroupsWhenReady(admin, ['run-ingest'], { delayMs: 1 })).rejects.toThrow(
      'ECONNREFUSED',
    );
  });
});

describe('retryWhileCoordinatorLoads', () => {
  it('waits while a fresh broker elects and loads the group coordinator, by type or by message only', async () => {
    const answers = [
      protocolError('GROUP_COORDINATOR_NOT_AVAILABLE'),
      protocolError('NOT_COORDINATOR_FOR_GROUP'),
      protocolError('GROUP_LOAD_IN_PROGRESS'),
      // What is left once kafkajs's own retrier gives up: KafkaJSNumberOfRetriesExceeded with the last message.
      new Error('This is not the correct coordinator for this group'),
    ];
    let calls = 0;
    const answer = await retryWhileCoordinatorLoads(
      async () => {
        const failure = answers[calls++];
        if (failure) throw failure;
        return 'committed offsets';
      },
      { delayMs: 1 },
    );
    expect(answer).toBe('committed offsets');
    expect(calls).toBe(5);
  });

  it('throws any other error at once and gives up after the given attempts', async () => {
    let calls = 0;
    const fail = (type: string) => async () => {
      calls++;
      throw protocolError(type);
    };
    await expect(
      retryWhileCoordinatorLoads(fail('GROUP_AUTHORIZATION_FAILED'), { delayMs: 1 }),
    ).rejects.toThrow('GROUP_AUTHORIZATION_FAILED');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      retryWhileCoordinatorLoads(fail('NOT_COORDINATOR_FOR_GROUP'), { attempts: 3, delayMs: 1 }),
    ).rejects.toThrow('NOT_COORDINATOR_FOR_GROUP');
    expect(calls).toBe(3);
  });
});
