import type { RoundGrade } from '@/lib/incidents/round-types';

/** The round in progress (a reload resumes it) and the outcomes of past rounds, in this browser only. */
const currentKey = 'pipeline-lab:incident:v1';
const historyKey = 'pipeline-lab:incident-history:v1';

export interface RoundOutcome {
  runId: string;
  incident: string;
  rootCauseCorrect: boolean;
  checkPassed: boolean;
  recall: number;
  precision: number | null;
  /** Rubric items ticked out of the total, once the explanation is self-graded. */
  explanation?: { ticked: number; total: number; seconds: number };
  at: string;
}

export function loadCurrentRound(): string | null {
  try {
    const stored = JSON.parse(window.localStorage.getItem(currentKey) ?? 'null') as {
      runId?: unknown;
    } | null;
    return typeof stored?.runId === 'string' ? stored.runId : null;
  } catch {
    return null;
  }
}

export function saveCurrentRound(runId: string | null): void {
  if (runId === null) window.localStorage.removeItem(currentKey);
  else window.localStorage.setItem(currentKey, JSON.stringify({ runId }));
}

export function loadOutcomes(): RoundOutcome[] {
  try {
    const stored = JSON.parse(window.localStorage.getItem(historyKey) ?? '[]') as unknown;
    return Array.isArray(stored) ? (stored as RoundOutcome[]) : [];
  } catch {
    return [];
  }
}

function saveOutcomes(outcomes: RoundOutcome[]): void {
  window.localStorage.setItem(historyKey, JSON.stringify(outcomes.slice(-50)));
}

/** The latest grade of a round replaces an earlier one of the same round. */
export function saveRoundOutcome(runId: string, grade: RoundGrade): void {
  const own = grade.scores[0];
  const previous = loadOutcomes().filter((outcome) => outcome.runId !== runId);
  saveOutcomes([
    ...previous,
    {
      runId,
      incident: grade.incident.type,
      rootCauseCorrect: grade.rootCause.correct,
      checkPassed: grade.checkPassed,
      recall: own?.recall ?? 0,
      precision: own?.precision ?? null,
      at: new Date().toISOString(),
    },
  ]);
}

export function saveExplanation(runId: string, explanation: RoundOutcome['explanation']): void {
  saveOutcomes(
    loadOutcomes().map((outcome) => (outcome.runId === runId ? { ...outcome, explanation } : outcome)),
  );
}
