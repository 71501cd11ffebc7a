/**
 * Retries for the moments when a KRaft broker is still settling: right after a topic is created its partitions'
 * leadership can move for a few hundred milliseconds (the admin client then answers NOT_LEADER_FOR_PARTITION), and a
 * consumer group that has just closed can still count as non-empty, or have its coordinator loading, when it is
 * deleted. kafkajs gives up on both; these helpers wait them out within a bound.
 */

interface TypedError {
  type?: string;
  message?: string;
}

interface GroupFailure {
  groupId: string;
  error?: TypedError;
}

/** Leadership is moving: asking again shortly will reach the new leader. */
const leadershipInFlux = /NOT_LEADER_FOR_PARTITION|NOT_LEADER_OR_FOLLOWER|LEADER_NOT_AVAILABLE/;

/**
 * The group's coordinator is not ready: on a fresh broker the first group request creates `__consumer_offsets`
 * (50 partitions), and until their leaders are elected and loaded the broker answers these. kafkajs names them
 * GROUP_LOAD_IN_PROGRESS, GROUP_COORDINATOR_NOT_AVAILABLE and NOT_COORDINATOR_FOR_GROUP; after its own retries
 * only the message may be left, so the messages count too.
 */
const coordinatorNotReady =
  /GROUP_LOAD_IN_PROGRESS|COORDINATOR_LOAD_IN_PROGRESS|COORDINATOR_NOT_AVAILABLE|NOT_COORDINATOR|coordinator is loading|coordinator is not available|not the correct coordinator/i;

/** The group cannot be deleted yet, but will be once its members' sessions end or its coordinator has loaded. */
const groupNotReady = new RegExp(`NON_EMPTY_GROUP|${coordinatorNotReady.source}`, 'i');

function errorType(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const typed = error as TypedError;
  return `${typed.type ?? ''} ${typed.message ?? ''}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function isLeadershipInFlux(error: unknown): boolean {
  return leadershipInFlux.test(errorType(error));
}

/** Runs `action`, retrying while partition leadership is moving (up to `attempts` tries, `delayMs` apart). */
export async function retryWhileLeadershipMoves<T>(
  action: () => Promise<T>,
  { attempts = 50, delayMs = 100 }: { attempts?: number; delayMs?: number } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= attempts || !isLeadershipInFlux(error)) throw error;
      await sleep(delayMs);
    }
  }
}

export function isCoordinatorNotReady(error: unknown): boolean {
  return coordinatorNotReady.test(errorType(error));
}

/** Runs a consumer-group request, retrying while the group's coordinator is still being elected or loaded. */
export async function retryWhileCoordinatorLoads<T>(
  action: () => Promise<T>,
  { attempts = 50, delayMs = 200 }: { attempts?: number; delayMs?: number } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= attempts || !isCoordinatorNotReady(error)) throw error;
      await sleep(delayMs);
    }
  }
}

function groupFailures(error: unknown): GroupFailure[] | null {
  if (typeof error !== 'object' || error === null) return null;
  const groups = (error as { groups?: unknown }).groups;
  return Array.isArray(groups) ? (groups as GroupFailure[]) : null;
}

export interface GroupDeleter {
  deleteGroups(groupIds: string[]): Promise<unknown>;
}

/**
 * Deletes consumer groups, treating a group that is already gone as deleted and retrying groups that are not ready
 * yet until `deadlineMs` has passed (a departed member holds a group non-empty until its session times out: 45 s by
 * default). Any other failure, or a group still not deletable at the deadline, is thrown.
 */
export async function deleteGroupsWhenReady(
  admin: GroupDeleter,
  groupIds: string[],
  { deadlineMs = 50_000, delayMs = 250 }: { deadlineMs?: number; delayMs?: number } = {},
): Promise<void> {
  const deadline = performance.now() + deadlineMs;
  let remaining = [...groupIds];
  while (remaining.length > 0) {
    try {
      await admin.deleteGroups(remaining);
      return;
    } catch (error) {
      const failures = groupFailures(error);
      if (failures === null) throw error;
      const notReady = failures.filter((failure) => groupNotReady.test(errorType(failure.error)));
      const fatal = failures.filter(
        (failure) => !notReady.includes(failure) && !/GROUP_ID_NOT_FOUND/.test(errorType(failure.error)),
      );
      if (fatal.length > 0 || (notReady.length > 0 && performance.now() >= deadline)) throw error;
      remaining = notReady.map((failure) => failure.groupId);
      if (remaining.length > 0) await sleep(delayMs);
    }
  }
}
