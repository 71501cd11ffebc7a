/**
 * The order in which new review cards are introduced. The queue takes the first few unseen items of one list, so
 * a list of every interview question followed by every quiz item would show no quiz item until all 91 questions
 * had been introduced. Merging the kinds in proportion keeps both in every session, and the merge is a pure
 * function of the two lists, so every learner (and every reload) sees the same order.
 */
export function interleaveInProportion<T>(first: readonly T[], second: readonly T[]): T[] {
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length || j < second.length) {
    // Each item sits at the midpoint of its share of the list: (index + ½) / length. Take whichever list's next
    // item sits earlier; on a tie the first list goes first.
    const nextFirst = i < first.length ? (i + 0.5) / first.length : Number.POSITIVE_INFINITY;
    const nextSecond = j < second.length ? (j + 0.5) / second.length : Number.POSITIVE_INFINITY;
    if (nextFirst <= nextSecond) merged.push(first[i++]!);
    else merged.push(second[j++]!);
  }
  return merged;
}
