/**
 * Seeded random numbers for the benchmarks (their data, and the resampling of bench/typecheck), so
 * that every run sees the same inputs: one generator, mulberry32, for all of them.
 */

/** Uniform numbers in [0, 1) from a 32-bit seed. */
export function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `len` entries uniform in [−scale/2, scale/2). */
export function uniformArray(len: number, seed: number, scale = 1): Float64Array {
  const next = uniform(seed), out = new Float64Array(len);
  for (let i = 0; i < len; i++) out[i] = (next() - 0.5) * scale;
  return out;
}

/** `len` entries from N(0, sd²) (Box–Muller, two per pair of uniforms). */
export function normalArray(len: number, seed: number, sd = 1): Float64Array {
  const next = uniform(seed), out = new Float64Array(len);
  for (let k = 0; k < len; k += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - next())) * sd, t = 2 * Math.PI * next();
    out[k] = r * Math.cos(t);
    if (k + 1 < len) out[k + 1] = r * Math.sin(t);
  }
  return out;
}
