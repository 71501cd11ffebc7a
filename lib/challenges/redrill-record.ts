import { recordRedrillOutcome, type RedrillOutcome } from './redrill-schedule';
import { updateRedrill } from './redrill-store';

/**
 * Stores the outcome of a graded attempt or a give-up (see recordRedrillOutcome). The challenge page loads this
 * on demand, after a Submit or a give-up, so FSRS is not in its first load.
 */
export function recordRedrill(
  challengeId: string,
  outcome: RedrillOutcome,
  redrillSeed: number | null,
): void {
  updateRedrill(challengeId, (redrill) =>
    recordRedrillOutcome(redrill, challengeId, outcome, redrillSeed, new Date()),
  );
}
