import { describe, it, expect, afterEach, afterAll } from "vitest";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { gemm, gemmJs, gemmStrided, gemmStridedJs, setGemmBackend, setGemmThreads } from "../src/kernels/gemm";
import { createWasmGemm, getWasmGemm, setWasmDirectMaxWork, type WasmGemm } from "../src/kernels/wasm/gemm-wasm";
import { closeThreadedGemm, threadedGemm, threadedGemmMemoryBytes, threadedGemmReady, threadedMemory } from "../src/kernels/wasm/gemm-threads";
import { GEMM_WASM_LAYOUT } from "../src/kernels/wasm/gemm-wasm.generated";
import { firstDiff, randArray, rng } from "./core-helpers";
import { configure, kernelInfo } from "../src/index";

/** The build script (plain .mjs, no type declarations), loaded by URL. */
type BuildScript = { buildGeneratedSource(): Promise<string>; GENERATED_PATH: string };
const BUILD_SCRIPT = new URL("../scripts/build-wasm.mjs", import.meta.url).href;


/** Reference: naive triple loop on op(A)(i,p), op(B)(p,j); also returns Σ|a||b| per entry. */
function naive(
  ta: boolean, tb: boolean, m: number, n: number, k: number,
  a: Float64Array, b: Float64Array, c0: Float64Array | null,
): { c: Float64Array; mag: Float64Array } {
  const c = new Float64Array(m * n);
  const mag = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = c0 ? c0[i * n + j] : 0;
      let g = Math.abs(s);
      for (let p = 0; p < k; p++) {
        const x = (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
        s += x;
        g += Math.abs(x);
      }
      c[i * n + j] = s;
      mag[i * n + j] = g;
    }
  return { c, mag };
}

/** Entry-wise |x − y| ≤ 1e-12 · (Σ|a_ip b_pj| + |c0|) + tiny: relative to the sum's magnitude. */
function expectClose(x: Float64Array, y: Float64Array, mag: Float64Array, what: string): void {
  expect(x.length, what).toBe(y.length);
  for (let i = 0; i < x.length; i++) {
    const tol = 1e-12 * mag[i] + 1e-300;
    if (!(Math.abs(x[i] - y[i]) <= tol)) {
      throw new Error(`${what}: entry ${i}: ${x[i]} vs ${y[i]} (tol ${tol})`);
    }
  }
}

/** Bitwise equality without vitest's slow deep diff on large arrays. */
const sameArray = (x: Float64Array, y: Float64Array): boolean => firstDiff(x, y) === -1;

const SIZES = [1, 2, 3, 5, 7, 8, 9, 17, 31, 64, 65, 130, 257];
const COMBOS = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

/** Every shape × transpose pair × accumulate flag, with random operands (c0: C's values before). */
function* gemmCases(shapes: readonly (readonly [number, number, number])[], r: () => number) {
  for (const [m, n, k] of shapes)
    for (const [ta, tb] of COMBOS)
      for (const acc of [false, true]) yield { m, n, k, ta, tb, acc, a: randArray(m * k, r), b: randArray(k * n, r), c0: randArray(m * n, r) };
}

const variants: WasmGemm[] = [];
for (const v of ["simd", "relaxed"] as const) {
  const w = createWasmGemm(v);
  if (w) variants.push(w);
}

/** The shared instance; this Node has Wasm SIMD (the first test checks), so a null fails the test. */
function sharedWasmGemm(): WasmGemm {
  const w = getWasmGemm();
  if (w === null) throw new Error("no Wasm SIMD kernel on this runtime");
  return w;
}

afterEach(() => {
  setGemmBackend("auto");
  setGemmThreads(2);
});
afterAll(() => closeThreadedGemm());

describe("wasm gemm: availability and build", () => {
  it("the plain SIMD variant loads on this Node (it is the baseline the package relies on)", () => {
    expect(variants.map((w) => w.variant)).toContain("simd");
    expect(getWasmGemm()).not.toBeNull();
  });

  it("loads the relaxed-SIMD variant too where V8's flag is on (the \"wasm relaxed\" test project)", () => {
    // Relaxed SIMD needs V8 ≥ 11.4 or the flag (vitest.config.ts runs this file a second time with it).
    console.log(`wasm gemm variants: ${variants.map((w) => w.variant).join(", ")}; shared: ${getWasmGemm()?.variant}`);
    if (process.execArgv.includes("--experimental-wasm-relaxed-simd")) {
      expect(variants.map((w) => w.variant)).toEqual(["simd", "relaxed"]);
      expect(getWasmGemm()?.variant).toBe("relaxed");
    }
  });

  it("the committed generated module equals a fresh build of gemm.wat", async () => {
    const { buildGeneratedSource, GENERATED_PATH } = (await import(/* @vite-ignore */ BUILD_SCRIPT)) as BuildScript;
    const fresh = await buildGeneratedSource();
    const committed = readFileSync(GENERATED_PATH, "utf8");
    expect(committed === fresh, "run `node scripts/build-wasm.mjs` and commit the result").toBe(true);
  }, 60_000);
});

describe("wasm gemm vs JS gemm vs naive loop", () => {
  it.each(variants.map((w) => [w.variant, w] as const))("%s: all transposes, accumulate on/off, edge shapes", (_, w) => {
    const r = rng(42);
    const shapes: [number, number, number][] = [];
    // every size as each dimension with the others small, plus random combinations
    for (const s of SIZES) {
      shapes.push([s, 3, 5], [4, s, 9], [7, 6, s], [s, s, s > 130 ? 3 : s]);
    }
    for (let t = 0; t < 40; ) {
      const pick = () => SIZES[Math.floor(r() * SIZES.length)];
      const s: [number, number, number] = [pick(), pick(), pick()];
      if (s[0] * s[1] * s[2] > 300_000) continue; // keep the naive reference quick
      shapes.push(s);
      t++;
    }
    shapes.push([257, 130, 260], [65, 257, 300], [600, 9, 530], [3, 1100, 260]);
    for (const { m, n, k, ta, tb, acc, a, b, c0 } of gemmCases(shapes, r)) {
      const a0 = a.slice();
      const b0 = b.slice();
      const ref = naive(ta, tb, m, n, k, a, b, acc ? c0 : null);
      const cw = c0.slice();
      expect(w.gemm(ta, tb, m, n, k, 1, a, 0, ta ? m : k, b, 0, tb ? k : n, cw, 0, n, acc)).toBe(true);
      const cj = c0.slice();
      gemmJs(ta, tb, m, n, k, a, b, cj, acc);
      const what = `${w.variant} m=${m} n=${n} k=${k} ta=${ta} tb=${tb} acc=${acc}`;
      expectClose(cw, ref.c, ref.mag, `${what} wasm vs naive`);
      expectClose(cj, ref.c, ref.mag, `${what} js vs naive`);
      expectClose(cw, cj, ref.mag, `${what} wasm vs js`);
      expect(sameArray(a, a0) && sameArray(b, b0), `${what}: inputs unchanged`).toBe(true);
    }
  });

  // runs in the "wasm relaxed" project (and on runtimes that accept relaxed SIMD as is)
  it.runIf(variants.length === 2)("relaxed and plain variants agree", () => {
    const [p, q] = variants;
    const r = rng(7);
    for (const [m, n, k] of [[130, 65, 257], [257, 257, 257], [9, 31, 17]] as const)
      for (const [ta, tb] of COMBOS) {
        const a = randArray(m * k, r);
        const b = randArray(k * n, r);
        const ref = naive(ta, tb, m, n, k, a, b, null);
        const c1 = new Float64Array(m * n);
        const c2 = new Float64Array(m * n);
        p.gemm(ta, tb, m, n, k, 1, a, 0, ta ? m : k, b, 0, tb ? k : n, c1, 0, n, false);
        q.gemm(ta, tb, m, n, k, 1, a, 0, ta ? m : k, b, 0, tb ? k : n, c2, 0, n, false);
        expectClose(c1, c2, ref.mag, `relaxed vs plain m=${m} n=${n} k=${k}`);
      }
  });

  it("small products skip packing and give the packed kernel's bits: every edge, op(A) transposed or not, accumulating or not", () => {
    const r = rng(2024);
    const shapes: [number, number, number][] = [];
    for (const m of [2, 3, 4, 5, 6, 7, 9, 13])
      for (const n of [2, 3, 4, 5, 6, 7, 9, 13]) shapes.push([m, n, 1 + ((m * 7 + n * 3) % 11)]);
    // below and at the bound (32768 multiply-adds), k up to KC, and past the bound (packed either way)
    shapes.push([16, 16, 16], [24, 24, 24], [25, 25, 25], [64, 16, 16], [31, 33, 30], [32, 32, 32], [2, 16, 512], [5, 6, 512], [33, 32, 32]);
    // up to 4 rows or 8 columns past the bound (unpacked), k up to KC; 5 rows, 9 columns, or k past KC (packed either way)
    shapes.push([2, 300, 130], [3, 129, 512], [4, 64, 256], [4, 257, 33], [5, 64, 256], [3, 64, 700]);
    shapes.push([300, 2, 130], [129, 3, 512], [64, 4, 256], [257, 7, 33], [65, 8, 256], [64, 9, 256], [64, 3, 700]);
    expect(GEMM_WASM_LAYOUT.KC).toBe(512);
    expectDirectIsPacked(shapes, false, r);
  });

  it("with op(B) transposed, products of at most 4 rows or 4 columns skip packing and give the packed kernel's bits", () => {
    const r = rng(2025);
    const shapes: [number, number, number][] = [];
    // every edge of the 4×4 tile, odd and even depths (an odd one ends on a lone depth)
    for (const m of [1, 2, 3, 4, 5, 7])
      for (const n of [1, 2, 3, 4, 5, 9]) if (m <= 4 || n <= 4) shapes.push([m, n, 1 + ((m * 5 + n * 3) % 8)]);
    // past the work bound, k up to KC; 5 rows and columns, 6 and 8 columns, k past KC (packed either way)
    shapes.push([2, 300, 130], [3, 129, 512], [4, 64, 255], [1, 257, 33], [300, 2, 130], [129, 3, 511], [64, 4, 256], [257, 1, 33]);
    shapes.push([5, 64, 256], [64, 5, 256], [64, 6, 129], [64, 8, 128], [3, 64, 700], [64, 3, 701], [16, 16, 16]);
    expectDirectIsPacked(shapes, true, r);
  });

  it("strided windows with alpha: wasm vs JS, other entries untouched", () => {
    const r = rng(99);
    for (const w of variants)
      for (const [m, n, k] of [[5, 7, 3], [9, 6, 20], [40, 33, 70], [130, 65, 257], [200, 100, 32]] as const)
        for (const [ta, tb] of COMBOS)
          for (const acc of [false, true])
            for (const alpha of [-1.5, 1]) { // alpha = 1: the small ones skip packing
              const lda = (ta ? m : k) + 3;
              const ldb = (tb ? k : n) + 70;
              const ldc = n + 5;
              const aOff = 11, bOff = 4, cOff = 13;
              const a = randArray(aOff + (ta ? k : m) * lda, r);
              const b = randArray(bOff + (tb ? n : k) * ldb, r);
              const c0 = randArray(cOff + m * ldc + 9, r);
              const cw = c0.slice();
              const cj = c0.slice();
              w.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, cw, cOff, ldc, acc);
              gemmStridedJs(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, cj, cOff, ldc, acc);
              // magnitude bound: |alpha|·Σ|a||b| + |c|
              const mag = new Float64Array(cw.length).fill(0);
              for (let i = 0; i < m; i++)
                for (let j = 0; j < n; j++) {
                  let g = acc ? Math.abs(c0[cOff + i * ldc + j]) : 0;
                  for (let p = 0; p < k; p++) {
                    const x = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    const y = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    g += Math.abs(alpha * x * y);
                  }
                  mag[cOff + i * ldc + j] = g;
                }
              expectClose(cw, cj, mag, `${w.variant} strided m=${m} n=${n} k=${k} ta=${ta} tb=${tb} acc=${acc} alpha=${alpha}`);
              for (let i = 0; i < cw.length; i++) {
                const row = Math.floor((i - cOff) / ldc);
                const col = (i - cOff) % ldc;
                const inside = i >= cOff && row < m && col >= 0 && col < n;
                if (!inside) expect(cw[i]).toBe(c0[i]);
              }
            }
  });
});

describe("wasm gemv (products with a vector)", () => {
  // m rows × k depth: 4 rows (or 4 rows of A in the row form) per pass, then the rest; odd m and k.
  // From 130×257 on, A goes through Wasm memory in chunks of rows (16,384 entries): a last chunk
  // of a few rows, one row longer than a chunk (3×20001), many short ones (20001×3)
  const shapes = [[2, 1], [2, 2], [3, 5], [4, 4], [5, 7], [7, 3], [8, 64], [9, 33], [17, 2], [31, 65], [64, 9], [130, 257], [1001, 37], [37, 1001], [3, 20001], [20001, 3]] as const;

  it.each(variants.map((w) => [w.variant, w] as const))("%s: A·x and Aᵀ·x, accumulate on/off, against the JS kernels in both operand orders", (_, w) => {
    const r = rng(77);
    for (const [m, k] of shapes)
      for (const t of [false, true])
        for (const acc of [false, true]) {
          const a = randArray(m * k, r), x = randArray(k, r), y0 = randArray(m, r);
          const a0 = a.slice(), x0 = x.slice();
          const yw = y0.slice(), yj = y0.slice(), yr = y0.slice();
          expect(w.gemv(t, m, k, a, x, yw, acc)).toBe(true);
          gemmJs(t, false, m, 1, k, a, x, yj, acc); // the JS gemv: A m×k, or stored k×m when transposed
          gemmJs(false, !t, 1, m, k, x, a, yr, acc); // the same product as a row: xᵀ·op(A)ᵀ
          const what = `${w.variant} m=${m} k=${k} t=${t} acc=${acc}`;
          // plain SIMD adds in the JS kernels' order: the same bits; fused multiply–add rounds once less
          for (const [y, form] of [[yj, "column"], [yr, "row"]] as const) {
            if (w.variant === "simd") expect(sameArray(yw, y), `${what} ${form}: bit for bit`).toBe(true);
            else expectClose(yw, y, naive(t, false, m, 1, k, a, x, acc ? y0 : null).mag, `${what} ${form}`);
          }
          expect(sameArray(a, a0) && sameArray(x, x0), `${what}: inputs unchanged`).toBe(true);
        }
  });

  it("gemm sends products with a vector from 16×16 on to it, in both operand orders", () => {
    const r = rng(78);
    for (const [m, k] of [[16, 16], [64, 9], [9, 64], [130, 257]] as const)
      for (const [ta, tb] of COMBOS) {
        const a = randArray(m * k, r), x = randArray(k, r);
        // n = 1: c = op(A)·x; m = 1: c = xᵀ·op(B) with B = A stored for tb
        const col = new Float64Array(m), colRef = new Float64Array(m);
        gemm(ta, false, m, 1, k, a, x, col);
        const w = getWasmGemm()!;
        w.gemv(ta, m, k, a, x, colRef, false);
        expect(sameArray(col, colRef), `A·x m=${m} k=${k} ta=${ta}`).toBe(true);
        const rowv = new Float64Array(m), rowRef = new Float64Array(m);
        gemm(false, tb, 1, m, k, x, a, rowv);
        w.gemv(!tb, m, k, a, x, rowRef, false);
        expect(sameArray(rowv, rowRef), `xᵀ·B m=${m} k=${k} tb=${tb}`).toBe(true);
        // and the JS kernels agree to rounding
        const js = new Float64Array(m);
        gemmJs(false, tb, 1, m, k, x, a, js);
        expectClose(rowv, js, naive(false, tb, 1, m, k, x, a, null).mag, `xᵀ·B vs JS m=${m} k=${k}`);
      }
  });
});

describe("gemm dispatch", () => {
  it("forced backends and auto agree on every path, including empty and vector shapes", () => {
    const r = rng(5);
    const shapes: [number, number, number][] = [
      [0, 3, 4], [3, 0, 4], [3, 4, 0], [1, 1, 1], [1, 9, 17], [17, 1, 9], [4, 4, 4], [16, 16, 16],
      [24, 24, 24], [23, 25, 24], [64, 64, 64], [100, 1, 100], [1, 100, 100], [300, 2, 300],
    ];
    for (const { m, n, k, ta, tb, acc, a, b, c0 } of gemmCases(shapes, r)) {
      const ref = naive(ta, tb, m, n, k, a, b, acc ? c0 : null);
      for (const be of ["auto", "js", "wasm"] as const) {
        setGemmBackend(be);
        const c = c0.slice();
        gemm(ta, tb, m, n, k, a, b, c, acc);
        expectClose(c, ref.c, ref.mag, `${be} m=${m} n=${n} k=${k} ta=${ta} tb=${tb} acc=${acc}`);
        const cs = c0.slice();
        gemmStrided(ta, tb, m, n, k, 1, a, 0, ta ? m : k, b, 0, tb ? k : n, cs, 0, n, acc);
        expectClose(cs, ref.c, ref.mag, `strided ${be} m=${m} n=${n} k=${k}`);
      }
    }
  });

  it("memory grows for a large problem and later small problems still work", () => {
    setGemmBackend("wasm");
    const r = rng(11);
    for (const [m, n, k] of [[700, 650, 600], [5, 6, 7]] as const) {
      const a = randArray(m * k, r);
      const b = randArray(k * n, r);
      const c = new Float64Array(m * n);
      gemm(false, false, m, n, k, a, b, c);
      const cj = new Float64Array(m * n);
      gemmJs(false, false, m, n, k, a, b, cj);
      // spot-check against JS (full naive at this size is slow)
      for (let i = 0; i < m * n; i += 997) expect(Math.abs(c[i] - cj[i])).toBeLessThanOrEqual(1e-12 * k);
    }
  });

  it("drops the shared instance after a problem that needs more than 64 MB of Wasm memory", () => {
    setGemmBackend("wasm");
    const r = rng(12);
    const [m, n, k] = [3000, 3, 3000]; // A alone is 72 MB
    const a = randArray(m * k, r);
    const b = randArray(k * n, r);
    const c = new Float64Array(m * n);
    const before = getWasmGemm();
    gemm(false, false, m, n, k, a, b, c);
    const after = getWasmGemm();
    expect(after).not.toBe(before);
    expect(after!.memoryBytes).toBeLessThan(8 << 20);
    const cj = new Float64Array(m * n);
    gemmJs(false, false, m, n, k, a, b, cj);
    for (let i = 0; i < m * n; i++) expect(Math.abs(c[i] - cj[i])).toBeLessThanOrEqual(1e-12 * k);
  });
});

describe("two-thread wasm gemm", () => {
  it.each(variants.map((w) => [w.variant, w] as const))("%s: worker starts, results match JS", (variant) => {
    expect(threadedGemmReady(variant, 10_000)).toBe(true);
    const r = rng(21);
    const shapes: [number, number, number][] = [
      [1, 1, 1], [5, 2, 3], [3, 5, 2], [9, 5, 7], [64, 129, 65], [130, 67, 257], [257, 300, 31],
    ];
    for (const { m, n, k, ta, tb, acc, a, b, c0 } of gemmCases(shapes, r)) {
      const ref = naive(ta, tb, m, n, k, a, b, acc ? c0 : null);
      const c = c0.slice();
      expect(threadedGemm(variant, ta, tb, m, n, k, a, b, c, acc)).toBe(true);
      expectClose(c, ref.c, ref.mag, `threads ${variant} m=${m} n=${n} k=${k} ta=${ta} tb=${tb} acc=${acc}`);
    }
    closeThreadedGemm();
  });

  it.each(variants.map((w) => [w.variant, w] as const))(
    "%s: bit-identical to the one-thread kernel (shared packing of op(B), row blocks, depth > KC, ragged edges)",
    (variant, w) => {
      expect(threadedGemmReady(variant, 10_000)).toBe(true);
      const r = rng(24);
      // m spans several row blocks, n is not a multiple of 4 or of a packing piece, k spans 3 KC blocks
      const { KC } = GEMM_WASM_LAYOUT;
      const shapes: [number, number, number][] = [[301, 263, 2 * KC + 5], [513, 130, 65], [37, 1027, KC + 2], [1030, 9, 300]];
      for (const { m, n, k, ta, tb, acc, a, b, c0 } of gemmCases(shapes, r)) {
        const one = c0.slice();
        w.gemm(ta, tb, m, n, k, 1, a, 0, ta ? m : k, b, 0, tb ? k : n, one, 0, n, acc);
        const two = c0.slice();
        const a0 = a.slice(), b0 = b.slice();
        expect(threadedGemm(variant, ta, tb, m, n, k, a, b, two, acc)).toBe(true);
        const what = `threads ${variant} m=${m} n=${n} k=${k} ta=${ta} tb=${tb} acc=${acc}`;
        expect(sameArray(two, one), what).toBe(true);
        expect(sameArray(a, a0) && sameArray(b, b0), `${what}: inputs untouched`).toBe(true);
      }
      closeThreadedGemm();
    },
    60_000,
  );

  it("back-to-back calls of alternating shapes each give the one-thread result (the worker may join late or not at all)", () => {
    const w = sharedWasmGemm();
    expect(threadedGemmReady(w.variant, 10_000)).toBe(true);
    const r = rng(25);
    const cases = ([[64, 64, 64], [41, 75, 66], [8, 130, 300]] as const).map(([m, n, k]) => {
      const a = randArray(m * k, r), b = randArray(k * n, r), ref = new Float64Array(m * n);
      w.gemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, ref, 0, n, false);
      return { m, n, k, a, b, ref };
    });
    for (let call = 0; call < 600; call++) {
      const { m, n, k, a, b, ref } = cases[call % cases.length];
      const c = new Float64Array(m * n).fill(NaN);
      expect(threadedGemm(w.variant, false, false, m, n, k, a, b, c, false)).toBe(true);
      if (!sameArray(c, ref)) throw new Error(`call ${call} (${m}×${n}×${k}) differs from the one-thread result`);
    }
  });

  it("many back-to-back calls after the shared memory grew finish and stay correct (a lost wake-up used to hang here)", () => {
    const w = sharedWasmGemm();
    expect(threadedGemmReady(w.variant, 10_000)).toBe(true);
    const r = rng(23);
    // a large call grows the shared memory; then many small ones, each a wait for the worker
    const big = 200, A = randArray(big * big, r), B = randArray(big * big, r);
    expect(threadedGemm(w.variant, false, false, big, big, big, A, B, new Float64Array(big * big), false)).toBe(true);
    const n = 64, a = randArray(n * n, r), b = randArray(n * n, r), cj = new Float64Array(n * n);
    gemmJs(false, false, n, n, n, a, b, cj);
    const started = Date.now();
    for (let call = 0; call < 1500; call++) {
      const c = new Float64Array(n * n);
      expect(threadedGemm(w.variant, false, false, n, n, n, a, b, c, false)).toBe(true);
      if (call % 100 === 0) for (let i = 0; i < n * n; i++) if (!(Math.abs(c[i] - cj[i]) <= 1e-12 * n)) throw new Error(`call ${call} entry ${i}`);
    }
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("releases its grown shared memory and worker once idle, and starts again for the next product", async () => {
    const w = sharedWasmGemm();
    const saved = { ...threadedMemory };
    try {
      threadedMemory.keepBytes = 16 << 20;
      threadedMemory.idleMs = 2000;
      expect(threadedGemmReady(w.variant, 10_000)).toBe(true);
      const r = rng(26);
      const n = 700, a = randArray(n * n, r), b = randArray(n * n, r), one = new Float64Array(n * n);
      w.gemm(false, false, n, n, n, 1, a, 0, n, b, 0, n, one, 0, n, false);
      const two = new Float64Array(n * n);
      expect(threadedGemm(w.variant, false, false, n, n, n, a, b, two, false)).toBe(true);
      expect(threadedGemmMemoryBytes()).toBeGreaterThan(16 << 20); // 4 n² doubles ≈ 15.7 MB, plus the workspaces
      // a product at 1 s moves the release from 2 s to 3 s: still there at 2.5 s, gone by 4.5 s
      // (each check 500 ms or more from a deadline, for a slow host)
      await new Promise((done) => setTimeout(done, 1000));
      expect(threadedGemm(w.variant, false, false, 64, 64, 64, a, b, new Float64Array(64 * 64), false)).toBe(true);
      await new Promise((done) => setTimeout(done, 1500));
      expect(threadedGemmMemoryBytes()).toBeGreaterThan(16 << 20);
      await new Promise((done) => setTimeout(done, 2000));
      expect(threadedGemmMemoryBytes()).toBe(0);
      // a new worker and memory on demand, same results
      expect(threadedGemmReady(w.variant, 10_000)).toBe(true);
      const again = new Float64Array(n * n);
      expect(threadedGemm(w.variant, false, false, n, n, n, a, b, again, false)).toBe(true);
      expect(sameArray(again, one) && sameArray(two, one)).toBe(true);
    } finally {
      Object.assign(threadedMemory, saved);
      closeThreadedGemm();
    }
  }, 60_000);

  it("kernelInfo reports the configured backend and threads, the Wasm variant and the second thread's state", () => {
    const w = getWasmGemm();
    try {
      configure({ backend: "js", threads: 1 });
      expect(kernelInfo()).toMatchObject({ backend: "js", threads: 1 });
      configure({ backend: "auto", threads: 2 });
      expect(kernelInfo()).toMatchObject({ backend: "auto", threads: 2, wasm: w === null ? null : w.variant });
      closeThreadedGemm();
      expect(kernelInfo().secondThread).toBe("not started");
      expect(w !== null && threadedGemmReady(w.variant, 10_000)).toBe(true);
      expect(kernelInfo().secondThread).toBe("ready");
    } finally {
      configure({ backend: "auto", threads: 2 });
      closeThreadedGemm();
    }
  });

  it("gemm uses it for large products and agrees with JS; setGemmThreads(1) turns it off", () => {
    const w = sharedWasmGemm();
    expect(threadedGemmReady(w.variant, 10_000)).toBe(true);
    const r = rng(22);
    const [m, n, k] = [400, 390, 380];
    const a = randArray(m * k, r);
    const b = randArray(k * n, r);
    const cj = new Float64Array(m * n);
    gemmJs(false, true, m, n, k, a, b, cj);
    for (const t of [2, 1] as const) {
      setGemmThreads(t);
      const c = new Float64Array(m * n);
      gemm(false, true, m, n, k, a, b, c);
      for (let i = 0; i < m * n; i++) if (!(Math.abs(c[i] - cj[i]) <= 1e-12 * k)) throw new Error(`threads=${t} entry ${i}`);
    }
  });

  it("a process that used the two-thread path exits on its own", () => {
    const mod = fileURLToPath(new URL("../src/kernels/gemm.ts", import.meta.url));
    const script =
      `import { gemm } from ${JSON.stringify(mod)};` +
      "const n = 400, a = new Float64Array(n * n).fill(1), c = new Float64Array(n * n);" +
      "for (let i = 0; i < 3; i++) { gemm(false, false, n, n, n, a, a, c); const t = Date.now(); while (Date.now() - t < 100); }" +
      "console.log(c[0]);";
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      timeout: 30_000,
      encoding: "utf8",
    });
    expect(out.trim()).toBe("400");
  }, 40_000);
});

/**
 * Each shape's product (op(A) transposed or not, accumulating or not, op(B) transposed when `tb`)
 * by each variant as `gemm` runs it, against the same with packing forced (no product skips it):
 * bit for bit, and against a naive product.
 */
function expectDirectIsPacked(shapes: readonly (readonly [number, number, number])[], tb: boolean, r: () => number): void {
  for (const w of variants)
    for (const [m, n, k] of shapes)
      for (const ta of [false, true])
        for (const acc of [false, true]) {
          const a = randArray(m * k, r), b = randArray(k * n, r), c0 = randArray(m * n, r);
          const lda = ta ? m : k, ldb = tb ? k : n;
          const direct = c0.slice(), packed = c0.slice();
          w.gemm(ta, tb, m, n, k, 1, a, 0, lda, b, 0, ldb, direct, 0, n, acc);
          const bound = setWasmDirectMaxWork(0);
          try {
            w.gemm(ta, tb, m, n, k, 1, a, 0, lda, b, 0, ldb, packed, 0, n, acc);
          } finally {
            setWasmDirectMaxWork(bound);
          }
          const what = `${w.variant} m=${m} n=${n} k=${k} ta=${ta} tb=${tb} acc=${acc}`;
          expect(sameArray(direct, packed), what).toBe(true);
          const ref = naive(ta, tb, m, n, k, a, b, acc ? c0 : null);
          expectClose(direct, ref.c, ref.mag, `${what} vs naive`);
        }
}
