/**
 * Result storage (src/core/alloc.ts): every array starts zeroed and is storage of its own, in each
 * size class (on V8's heap, carved from a shared slab, an ArrayBuffer of its own) and across slab
 * boundaries.
 */
import { describe, expect, it } from "vitest";
import { alloc, copyOf, scalarData } from "../src/core/alloc";

const SIZES = [0, 1, 8, 9, 16, 255, 256, 257, 1000, 1023, 1024, 1025, 5000];

describe("alloc", () => {
  it("gives zeroed arrays of the asked length that never share storage, across size classes and slabs", () => {
    const arrays: Float64Array[] = [];
    for (let round = 0; round < 40; round++) // ~40 × 15 KiB of slab arrays: many slabs
      for (const n of SIZES) {
        const a = alloc(n);
        expect(a.length).toBe(n);
        expect(a.every((v) => Object.is(v, 0))).toBe(true);
        a.fill(arrays.length + 1); // a pattern per array, overwritten if another array shares it
        arrays.push(a);
      }
    arrays.forEach((a, k) => expect(a.every((v) => v === k + 1), `array ${k} (${a.length} entries)`).toBe(true));
  });

  it("copyOf copies into storage of its own; scalarData holds its number", () => {
    for (const n of SIZES) {
      const x = Float64Array.from({ length: n }, (_, i) => i + 0.5);
      const y = copyOf(x);
      expect(Array.from(y)).toEqual(Array.from(x));
      y.fill(-1);
      expect(x.every((v, i) => v === i + 0.5)).toBe(true);
    }
    for (const v of [0, -0, 1.5, NaN, -Infinity]) {
      const d = scalarData(v);
      expect(d.length).toBe(1);
      expect(Object.is(d[0], v)).toBe(true);
    }
  });
});
