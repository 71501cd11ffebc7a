/**
 * Walker/Vose alias tables: O(1) sampling from a discrete distribution with one uniform draw. Used for the
 * Zipf-like product popularity, user activity and every weighted choice on the hot path.
 */
export interface AliasTable {
  readonly size: number;
  /** An index drawn with probability proportional to its weight, from one uniform number in [0, 1). */
  sample(uniform: number): number;
}

export function createAliasTable(weights: ArrayLike<number>): AliasTable {
  const size = weights.length;
  if (size === 0) throw new Error('alias table needs at least one weight');
  let total = 0;
  for (let index = 0; index < size; index++) total += weights[index]!;
  const probability = new Float64Array(size);
  const alias = new Int32Array(size);
  const scaled = new Float64Array(size);
  const small: number[] = [];
  const large: number[] = [];
  for (let index = 0; index < size; index++) {
    scaled[index] = (weights[index]! * size) / total;
    (scaled[index]! < 1 ? small : large).push(index);
  }
  while (small.length > 0 && large.length > 0) {
    const less = small.pop()!;
    const more = large.pop()!;
    probability[less] = scaled[less]!;
    alias[less] = more;
    scaled[more] = scaled[more]! + scaled[less]! - 1;
    (scaled[more]! < 1 ? small : large).push(more);
  }
  for (const index of large) probability[index] = 1;
  for (const index of small) probability[index] = 1;
  return new Alias(probability, alias);
}

/**
 * A class, not an object literal with a closure: every table shares one `sample`, so the hot call sites that
 * sample many tables (one per category and subcategory) stay monomorphic and V8 inlines them.
 */
class Alias implements AliasTable {
  readonly size: number;

  constructor(
    private readonly probability: Float64Array,
    private readonly alias: Int32Array,
  ) {
    this.size = probability.length;
  }

  sample(uniform: number): number {
    const position = uniform * this.size;
    const index = Math.floor(position);
    return position - index < this.probability[index]! ? index : this.alias[index]!;
  }
}

/** Zipf weights 1/rank^exponent for ranks 1..size. */
export function zipfWeights(size: number, exponent: number): Float64Array {
  const weights = new Float64Array(size);
  for (let rank = 0; rank < size; rank++) weights[rank] = 1 / Math.pow(rank + 1, exponent);
  return weights;
}
