import type { StoredCard } from '@/lib/interview/review-scheduler';
import { emptyRedrillState, type Redrill, type RedrillState } from './redrill';

/**
 * Re-drills in localStorage beside the challenge progress (pipeline-lab:challenges:v1), read and written the same
 * way: a hand-written shape check on read (a broken or old value reads as none), listeners told on write.
 */
export const redrillKey = 'pipeline-lab:challenge-redrills:v1';

const isCount = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0;
const isIsoDate = (value: unknown): boolean =>
  typeof value === 'string' && !Number.isNaN(new Date(value).getTime());

function isCard(value: unknown, itemId: string): value is StoredCard {
  if (typeof value !== 'object' || value === null) return false;
  const card = value as Record<string, unknown>;
  const finite = ['stability', 'difficulty'].every(
    (field) => typeof card[field] === 'number' && Number.isFinite(card[field]),
  );
  const counts = ['elapsed_days', 'scheduled_days', 'learning_steps', 'reps', 'lapses'].every((field) =>
    isCount(card[field]),
  );
  return (
    card.itemId === itemId &&
    isIsoDate(card.due) &&
    finite &&
    counts &&
    isCount(card.state) &&
    (card.state as number) <= 3 &&
    (card.last_review === null || isIsoDate(card.last_review))
  );
}

function isRedrill(value: unknown, challengeId: string): value is Redrill {
  if (typeof value !== 'object' || value === null) return false;
  const redrill = value as Record<string, unknown>;
  return (
    redrill.challengeId === challengeId &&
    isCount(redrill.seed) &&
    Array.isArray(redrill.seedsSeen) &&
    redrill.seedsSeen.every(isCount) &&
    isCard(redrill.card, `redrill:${challengeId}`)
  );
}

/** Whether a value is stored re-drills: version 1, each keyed by its own challenge with a whole FSRS card. */
export function isRedrillState(value: unknown): value is RedrillState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Record<string, unknown>;
  const redrills = state.redrills;
  return (
    state.version === 1 &&
    typeof redrills === 'object' &&
    redrills !== null &&
    !Array.isArray(redrills) &&
    Object.entries(redrills).every(([id, redrill]) => isRedrill(redrill, id))
  );
}

const listeners = new Set<() => void>();
let cachedText: string | null = null;
let cached: RedrillState = emptyRedrillState;

/** The stored re-drills; a missing or unreadable value reads as none. */
export function readRedrills(): RedrillState {
  if (typeof window === 'undefined') return emptyRedrillState;
  const text = window.localStorage.getItem(redrillKey);
  if (text === cachedText) return cached;
  cachedText = text;
  try {
    const parsed: unknown = text ? JSON.parse(text) : emptyRedrillState;
    cached = isRedrillState(parsed) ? parsed : emptyRedrillState;
  } catch {
    cached = emptyRedrillState;
  }
  return cached;
}

/** Applies a change to one challenge's re-drill (undefined removes it) and tells subscribers. */
export function updateRedrill(
  challengeId: string,
  change: (redrill: Redrill | undefined) => Redrill | undefined,
): void {
  const current = readRedrills();
  const next = change(current.redrills[challengeId]);
  const redrills = { ...current.redrills };
  if (next) redrills[challengeId] = next;
  else delete redrills[challengeId];
  const state: RedrillState = { version: 1, redrills };
  if (!isRedrillState(state)) throw new Error(`The re-drill of ${challengeId} to store is malformed.`);
  window.localStorage.setItem(redrillKey, JSON.stringify(state));
  for (const listener of listeners) listener();
}

export function subscribeRedrills(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => event.key === redrillKey && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
