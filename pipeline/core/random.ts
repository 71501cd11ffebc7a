/**
 * A seeded, fast pseudo-random source (sfc32, seeded through splitmix32). The pipeline never calls
 * Math.random: every stage receives a Random so the same seed gives byte-identical output.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** A fresh independent stream derived from this one and a label, so adding a consumer does not shift others. */
  fork(label: string): Random;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a, to turn labels into seeds. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * sfc32 as a class, not closures: every stream shares one `next` on the prototype, so a call site that sees many
 * forks (the generator's simulators each hold their own) stays monomorphic and V8 inlines it. With a closure per
 * stream the same call site saw a different function for every fork and could not (about 9% of a generate).
 */
class Sfc32 implements Random {
  /**
   * a, b, c, d in a Uint32Array: most states are above 2^30, so as object fields each update would box a fresh
   * heap number (the generator's largest source of garbage); typed-array stores also wrap to 32 bits by themselves.
   */
  private readonly state = new Uint32Array(4);

  constructor(seed: number) {
    const init = splitmix32(seed);
    for (let index = 0; index < 4; index++) this.state[index] = init();
    for (let warmup = 0; warmup < 12; warmup++) this.next();
  }

  next(): number {
    const s = this.state;
    const t = (s[0]! + s[1]! + s[3]!) >>> 0;
    s[3] = s[3]! + 1;
    s[0] = s[1]! ^ (s[1]! >>> 9);
    s[1] = s[2]! + (s[2]! << 3);
    s[2] = ((s[2]! << 21) | (s[2]! >>> 11)) + t;
    return t / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  fork(label: string): Random {
    return new Sfc32((hashString(label) ^ Math.floor(this.next() * 4294967296)) >>> 0);
  }
}

export function createRandom(seed: number): Random {
  return new Sfc32(seed);
}
