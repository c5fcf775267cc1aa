/**
 * Type-check cost fixture (plain): the code of `model-typed.ts` on `number[][]`, with a tiny local
 * stand-in for every shapecalc function it calls (same names, same call structure, no shape types;
 * `valueAndGradient` by central differences). bench/typecheck/run.ts times `tsc` on each file, and
 * on a scaled pair made of copies of everything below "the model" with other layer sizes.
 */
type Mat = number[][];

// ---- local stand-in (what the typed model imports from shapecalc) ----
function randn(rows: number, cols: number, opts: { seed: number; std?: number }): Mat {
  let s = opts.seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => (opts.std ?? 1) * Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next())));
}
const map = (a: Mat, f: (v: number, i: number, j: number) => number): Mat => a.map((r, i) => r.map((v, j) => f(v, i, j)));
function matmul(a: Mat, b: Mat): Mat {
  if (a[0].length !== b.length) throw new Error("matmul: inner dimensions differ");
  return a.map((r) => b[0].map((_, j) => r.reduce((s, v, k) => s + v * b[k][j], 0)));
}
const transpose = (a: Mat): Mat => a[0].map((_, j) => a.map((r) => r[j]));
const add = (a: Mat, b: Mat): Mat => map(a, (v, i, j) => v + b[i][j]);
const sub = (a: Mat, b: Mat): Mat => map(a, (v, i, j) => v - b[i][j]);
const mul = (a: Mat, b: Mat): Mat => map(a, (v, i, j) => v * b[i][j]);
const scale = (a: Mat, s: number): Mat => map(a, (v) => v * s);
const addScalar = (a: Mat, s: number): Mat => map(a, (v) => v + s);
const neg = (a: Mat): Mat => map(a, (v) => -v);
const tanh = (a: Mat): Mat => map(a, Math.tanh);
const addToCols = (a: Mat, b: Mat): Mat => map(a, (v, i) => v + b[i][0]);
const sumRows = (a: Mat): Mat => a.map((r) => [r.reduce((s, v) => s + v, 0)]);
const sumSquares = (a: Mat): number => a.reduce((s, r) => r.reduce((t, v) => t + v * v, s), 0);
function valueAndGradient<P extends Record<string, Mat>>(f: (p: P) => number): (p: P) => { value: number; gradient: P } {
  return (p) => {
    const h = 1e-6;
    const gradient = {} as Record<string, Mat>;
    for (const k of Object.keys(p)) {
      gradient[k] = map(p[k], (_, i, j) => {
        const at = (d: number) => f({ ...p, [k]: map(p[k], (v, a, b) => (a === i && b === j ? v + d : v)) });
        return (at(h) - at(-h)) / (2 * h);
      });
    }
    return { value: f(p), gradient: gradient as P };
  };
}

// ---- the model ----
export type Params = { W1: Mat; b1: Mat; W2: Mat; b2: Mat; W3: Mat; b3: Mat };
export type Batch = { X: Mat; Y: Mat };

export function init(seed: number): Params {
  return {
    W1: randn(32, 16, { seed, std: 0.25 }),
    b1: randn(32, 1, { seed: seed + 1, std: 0.1 }),
    W2: randn(32, 32, { seed: seed + 2, std: 0.18 }),
    b2: randn(32, 1, { seed: seed + 3, std: 0.1 }),
    W3: randn(4, 32, { seed: seed + 4, std: 0.18 }),
    b3: randn(4, 1, { seed: seed + 5, std: 0.1 }),
  };
}

export function forward(p: Params, X: Mat): { h1: Mat; h2: Mat; out: Mat } {
  const h1 = tanh(addToCols(matmul(p.W1, X), p.b1));
  const h2 = tanh(addToCols(matmul(p.W2, h1), p.b2));
  const out = addToCols(matmul(p.W3, h2), p.b3);
  return { h1, h2, out };
}

/** L = (1/2n)‖f(X) − Y‖². */
export function loss(p: Params, { X, Y }: Batch): number {
  return sumSquares(sub(forward(p, X).out, Y)) * (0.5 / 64);
}

/** The gradients by the stand-in `valueAndGradient` (central differences here). */
export function autodiffGradients(p: Params, batch: Batch): { value: number; gradient: Params } {
  const { value, gradient } = valueAndGradient((q: Params) => loss(q, batch))(p);
  const g: Params = gradient;
  return { value, gradient: g };
}

/** The same gradients written out by backpropagation. */
export function backprop(p: Params, { X, Y }: Batch): Params {
  const { h1, h2, out } = forward(p, X);
  const dOut: Mat = scale(sub(out, Y), 1 / 64);
  const W3: Mat = matmul(dOut, transpose(h2));
  const b3: Mat = sumRows(dOut);
  const dz2: Mat = mul(matmul(transpose(p.W3), dOut), addScalar(neg(mul(h2, h2)), 1));
  const W2: Mat = matmul(dz2, transpose(h1));
  const b2: Mat = sumRows(dz2);
  const dz1: Mat = mul(matmul(transpose(p.W2), dz2), addScalar(neg(mul(h1, h1)), 1));
  const W1: Mat = matmul(dz1, transpose(X));
  const b1: Mat = sumRows(dz1);
  return { W1, b1, W2, b2, W3, b3 };
}

export function sgd(p: Params, g: Params, lr: number): Params {
  return {
    W1: sub(p.W1, scale(g.W1, lr)),
    b1: sub(p.b1, scale(g.b1, lr)),
    W2: sub(p.W2, scale(g.W2, lr)),
    b2: sub(p.b2, scale(g.b2, lr)),
    W3: sub(p.W3, scale(g.W3, lr)),
    b3: sub(p.b3, scale(g.b3, lr)),
  };
}

/** Largest entry-wise difference between two parameter sets. */
export function maxDiff(a: Params, b: Params): number {
  let m = 0;
  for (const k of Object.keys(a) as (keyof Params)[]) {
    const x = a[k].flat(), y = b[k].flat();
    for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  }
  return m;
}

export function demo(steps = 20): number[] {
  let p = init(1);
  const batch: Batch = { X: randn(16, 64, { seed: 10 }), Y: randn(4, 64, { seed: 11 }) };
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const { value, gradient } = s === 0 ? autodiffGradients(p, batch) : { value: loss(p, batch), gradient: backprop(p, batch) };
    if (s === 0 && maxDiff(gradient, backprop(p, batch)) > 1e-5) throw new Error("finite differences and backprop disagree");
    losses.push(value);
    p = sgd(p, gradient, 0.5);
  }
  return losses;
}
export { add };
