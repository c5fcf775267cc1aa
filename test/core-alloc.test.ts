/**
 * Result storage (src/core/alloc.ts): every array starts zeroed and is storage of its own, in each
 * size class (on V8's heap, carved from a shared slab, an ArrayBuffer of its own) and across slab
 * boundaries; kernels' outputs (`allocOutput`) are storage of their own too, NaN under the tests'
 * poison (test/setup.ts), and otherwise not zeroed first (but for arrays of 8 entries or fewer, on V8's heap).
 */
import { describe, expect, it } from "vitest";
import { MAX_SLAB_ENTRIES, alloc, allocOutput, allocSettings, copyOf, scalarData } from "../src/core/alloc";
import { relu, tanh, fromData } from "../src/index";

const SIZES = [0, 1, 8, 9, 16, 255, 256, 257, 1000, 1023, 1024, 1025, 4095, MAX_SLAB_ENTRIES, MAX_SLAB_ENTRIES + 1, 9000];

describe("alloc", () => {
  it("gives zeroed arrays of the asked length that never share storage, across size classes and slabs", () => {
    const arrays: Float64Array[] = [];
    for (let round = 0; round < 40; round++) // ~40 × 100 KiB of slab arrays: many slabs
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

  it("allocOutput: NaN in the tests (test/setup.ts), so that an unwritten entry shows; alloc stays zeroed meanwhile", () => {
    expect(allocSettings.poison).toBe(true);
    for (const n of SIZES) {
      expect(allocOutput(n).every((v) => Number.isNaN(v)), `${n} entries`).toBe(true);
      expect(alloc(n).every((v) => Object.is(v, 0)), `${n} entries`).toBe(true);
    }
    // kernels on it write every entry, the ones whose value is 0 included
    const x = fromData(3, 3, [-1, 2, -3, 4, -5, 6, -7, 8, -0]);
    expect(Array.from(relu(x).data)).toEqual([0, 2, 0, 4, 0, 6, 0, 8, 0]);
    const big = fromData(50, 50, Float64Array.from({ length: 2500 }, (_, i) => (i % 7) - 3));
    expect(tanh(big).data.every((v, i) => v === Math.tanh((i % 7) - 3) || Math.abs(v - Math.tanh((i % 7) - 3)) < 1e-15)).toBe(true);
  });

  it("allocOutput without the poison: arrays of their own, in each size class; above the slab sizes each has exactly its own buffer", () => {
    allocSettings.poison = false;
    try {
      const arrays: Float64Array[] = [];
      for (let round = 0; round < 20; round++)
        for (const n of SIZES) {
          const a = allocOutput(n);
          expect(a.length).toBe(n);
          if (n > MAX_SLAB_ENTRIES) {
            expect(a.byteOffset).toBe(0);
            expect(a.buffer.byteLength).toBe(n * 8);
          }
          a.fill(arrays.length + 1);
          arrays.push(a);
        }
      arrays.forEach((a, k) => expect(a.every((v) => v === k + 1), `array ${k} (${a.length} entries)`).toBe(true));
    } finally {
      allocSettings.poison = true;
    }
  });
});
