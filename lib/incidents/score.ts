/** How well one check's ids match one run's ledger of the incident. */
export interface DatasetScore {
  /** "your run", "hidden seed 1", … */
  label: string;
  /** Records the incident hit (the ledger's distinct ids). */
  affected: number;
  /** Distinct ids the check returned. */
  returned: number;
  /** Of those, ids in the ledger. */
  caught: number;
  recall: number;
  /** Null when the check returned nothing. */
  precision: number | null;
  /** Up to five ledger ids the check did not return. */
  missed: string[];
  /** Up to five returned ids that are not in the ledger. */
  falsePositives: string[];
  /** The query failed on this run: its message. */
  error?: string;
}

/** Recall and precision both at least this on every run: the check passes. */
export const passMark = 0.95;
const examples = 5;

export function scoreIds(
  label: string,
  ledger: ReadonlySet<string>,
  returned: Iterable<string>,
): DatasetScore {
  const distinct = new Set(returned);
  let caught = 0;
  const falsePositives: string[] = [];
  for (const id of distinct) {
    if (ledger.has(id)) caught++;
    else if (falsePositives.length < examples) falsePositives.push(id);
  }
  const missed: string[] = [];
  for (const id of ledger) {
    if (missed.length >= examples) break;
    if (!distinct.has(id)) missed.push(id);
  }
  return {
    label,
    affected: ledger.size,
    returned: distinct.size,
    caught,
    recall: ledger.size === 0 ? 1 : caught / ledger.size,
    precision: distinct.size === 0 ? null : caught / distinct.size,
    missed,
    falsePositives,
  };
}

export function failedScore(label: string, ledger: ReadonlySet<string>, error: string): DatasetScore {
  return { ...scoreIds(label, ledger, []), error };
}

export function passes(score: DatasetScore): boolean {
  return score.error === undefined && score.recall >= passMark && (score.precision ?? 0) >= passMark;
}

const percent = (value: number) => `${Math.round(value * 1000) / 10} %`;

/** What went wrong, in the order a reviewer would say it; empty when the check passes everywhere. */
export function diagnose(scores: readonly DatasetScore[]): string[] {
  const notes: string[] = [];
  const [own, ...hidden] = scores;
  if (!own) return notes;
  for (const score of scores) {
    if (score.error) notes.push(`On ${score.label} the query failed: ${score.error}`);
  }
  if (own.error) return notes;
  if (own.returned === 0) {
    notes.push('Your check returned no ids on your run, so it would not have caught the incident.');
    return notes;
  }
  if (own.caught === 0)
    notes.push(
      'None of the ids your check returned is an affected record: the first column must be the record id (event_id, or record_id in quarantine and dedupe_removed).',
    );
  else if (own.recall < passMark)
    notes.push(
      `Low recall on your run: it caught ${own.caught} of ${own.affected} affected records (${percent(own.recall)}); the missed ones are listed below.`,
    );
  if (own.precision !== null && own.precision < passMark && own.caught > 0)
    notes.push(
      `Low precision on your run: ${own.returned - own.caught} of the ${own.returned} ids it returned are clean records (${percent(1 - own.precision)} false alarms).`,
    );
  const ownPassed = passes(own);
  for (const score of hidden) {
    if (score.error || !ownPassed || passes(score)) continue;
    notes.push(
      `It fits your run but not ${score.label} (recall ${percent(score.recall)}, precision ${score.precision === null ? 'none returned' : percent(score.precision)}): a value copied from your data (an id, a time) instead of the rule that finds it?`,
    );
  }
  return notes;
}
