// A seeded random source for synthetic data: the same seed gives the same city, so that a
// benchmark can be run again on the same cases.

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // sfc32, seeded through splitmix32 so that small seeds still start well mixed
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal with the given median; sigma is the spread of its logarithm. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A version 4 UUID from this source. */
  uuid(): string {
    const hex = Array.from({ length: 16 }, () => this.int(256));
    hex[6] = ((hex[6] as number) & 0x0f) | 0x40;
    hex[8] = ((hex[8] as number) & 0x3f) | 0x80;
    const s = hex.map((byte) => byte.toString(16).padStart(2, '0')).join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

/** Draws an index with probability proportional to its weight, by binary search over the sums. */
export class WeightedChoice {
  private readonly sums: Float64Array;

  constructor(weights: readonly number[]) {
    this.sums = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((weight, i) => {
      total += Math.max(0, weight);
      this.sums[i] = total;
    });
    if (total <= 0) throw new Error('WeightedChoice needs a positive weight');
  }

  draw(random: Random): number {
    const target = random.next() * (this.sums[this.sums.length - 1] as number);
    let low = 0;
    let high = this.sums.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.sums[mid] as number) > target) high = mid;
      else low = mid + 1;
    }
    return low;
  }
}
