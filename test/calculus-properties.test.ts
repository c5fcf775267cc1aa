/**
 * Derivative properties of every differentiable operation: for random shapes (1..5) and random
 * well-scaled values, the forward-mode Jacobian, the reverse-mode Jacobian and central finite
 * differences agree entry by entry, |a − b| ≤ 1e-6·max(1, |b|) (forward vs reverse: 1e-10).
 * Two-argument operations are checked in each argument (closing over the other) and through a
 * record input `{ A, B }` whose `jacobian` is per key.
 */
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  add, sub, mul, div, scale, addScalar, neg, exp, log, sin, cos, tanh, sigmoid, relu, abs, sqrt, pow, softplus, logSigmoid,
  matmul, outer, transpose, det, logAbsDet, inv, solve, kron,
  sum, mean, max, logSumExp, softmax, logSoftmax, sumSquares, dot, norm, repeatRows, repeatCols, addToRows, addToCols,
  reshape, flatten, vecCols, unvecCols, sliceRows, sliceCols, rowOf, colOf, at, vstack, hstack, diag, diagPart, trace,
  mat, vec, row, sign, signDet, gradient,
} from "../src/index";
import {
  type M, type AnyFn, prop, dimArb, seedArb, shapeArb, shape2Arb, squareArb, matArb, pushAway,
  rnd, awayFromZero, distinct, distinctMagnitudes, wellConditioned,
  checkDerivatives, checkRecordDerivatives, m, flat,
} from "./calculus-helpers";

// The library's generic signatures check shapes in the types; these tests build shapes at run
// time, so they go through `any`-typed views of the operations.
/* eslint-disable @typescript-eslint/no-explicit-any */
const F = {
  add: add as any, sub: sub as any, mul: mul as any, div: div as any, scale: scale as any, addScalar: addScalar as any,
  matmul: matmul as any, outer: outer as any, solve: solve as any, kron: kron as any, dot: dot as any,
  det: det as any, logAbsDet: logAbsDet as any, inv: inv as any, trace: trace as any, diagPart: diagPart as any,
  sum: sum as any, logSumExp: logSumExp as any, reshape: reshape as any, sliceRows: sliceRows as any, sliceCols: sliceCols as any,
  vstack: vstack as any, hstack: hstack as any, repeatRows: repeatRows as any, repeatCols: repeatCols as any,
  addToRows: addToRows as any, addToCols: addToCols as any, unvecCols: unvecCols as any, mat: mat as any, vec: vec as any, row: row as any,
};
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The element-wise Jacobian of an r×c → r×c map has shape [r, c, r, c] (a Matrix for vectors). */
const elementwiseShape = (x: M): number[] => {
  const d = x.cols === 1 ? (x.rows === 1 ? [1] : [x.rows]) : [x.rows, x.cols];
  return [...d, ...d];
};

describe("element-wise unary functions (fast-check doubles)", () => {
  const cases: [string, AnyFn, fc.Arbitrary<M>][] = [
    ["neg", (x: M) => neg(x), matArb(-2, 2)],
    ["exp", (x: M) => exp(x), matArb(-2, 2)],
    ["log (positive inputs)", (x: M) => log(x), matArb(0.5, 3)],
    ["sin", (x: M) => sin(x), matArb(-3, 3)],
    ["cos", (x: M) => cos(x), matArb(-3, 3)],
    ["tanh", (x: M) => tanh(x), matArb(-2, 2)],
    ["sigmoid", (x: M) => sigmoid(x), matArb(-4, 4)],
    ["relu (away from 0)", (x: M) => relu(x), matArb(-2, 2, pushAway(0.1))],
    ["abs (away from 0)", (x: M) => abs(x), matArb(-2, 2, pushAway(0.1))],
    ["sqrt (positive inputs)", (x: M) => sqrt(x), matArb(0.5, 3)],
    ["pow 2", (x: M) => pow(x, 2), matArb(-2, 2)],
    ["pow 3", (x: M) => pow(x, 3), matArb(-2, 2)],
    ["pow 0.5 (positive inputs)", (x: M) => pow(x, 0.5), matArb(0.5, 3)],
    ["pow −1 (away from 0)", (x: M) => pow(x, -1), matArb(-2, 2, pushAway(0.5))],
    ["pow 1", (x: M) => pow(x, 1), matArb(-2, 2)],
    ["pow 0", (x: M) => pow(x, 0), matArb(-2, 2)],
    ["pow 1.5 (positive inputs)", (x: M) => pow(x, 1.5), matArb(0.5, 3)],
    ["softplus", (x: M) => softplus(x), matArb(-4, 4)],
    ["logSigmoid", (x: M) => logSigmoid(x), matArb(-4, 4)],
  ];
  for (const [name, f, arb] of cases) {
    prop(name, arb, (x) => void checkDerivatives(f, x, { shape: elementwiseShape(x) }), 50);
  }

  prop("a composition: logSigmoid(sin(x)·x + tanh(x)²) / (1 + exp(x))", matArb(-2, 2), (x) =>
    void checkDerivatives((x: M) => div(logSigmoid(add(mul(sin(x), x), pow(tanh(x), 2))), addScalar(exp(x), 1)), x), 50);
});

describe("element-wise binary operations", () => {
  // B's entries are away from 0 so that A ⊘ B stays O(1)
  const pair = shapeArb.map(({ r, c, seed }) => ({ A: rnd(r, c, seed), B: awayFromZero(r, c, seed + 1, 0.5) }));
  const ops: [string, (a: M, b: M) => M][] = [
    ["add", (a, b) => F.add(a, b)],
    ["sub", (a, b) => F.sub(a, b)],
    ["mul", (a, b) => F.mul(a, b)],
    ["div", (a, b) => F.div(a, b)],
    ["A.add(B) method", (a, b) => a.add(b)],
    ["A.sub(B) method", (a, b) => a.sub(b)],
    ["A.mul(B) method", (a, b) => a.mul(b)],
    ["A.div(B) method", (a, b) => a.div(b)],
    ["dot", (a, b) => F.dot(a, b)],
  ];
  for (const [name, op] of ops) {
    prop(`${name}: in A`, pair, ({ A, B }) => void checkDerivatives((a: M) => op(a, B), A));
    prop(`${name}: in B`, pair, ({ A, B }) => void checkDerivatives((b: M) => op(A, b), B));
    prop(`${name}: record { A, B }`, pair, (x) => void checkRecordDerivatives(({ A, B }: { A: M; B: M }) => op(A, B), x));
    prop(`${name}: same argument twice, op(X, X)`, pair, ({ B }) => void checkDerivatives((x: M) => op(x, x), B));
  }

  const withNumber = fc.record({ r: dimArb, c: dimArb, seed: seedArb, k: fc.double({ min: -3, max: 3, noNaN: true }).map(pushAway(0.25)) });
  const numberOps: [string, (a: M, k: number) => M][] = [
    ["add(A, number)", (a, k) => F.add(a, k)],
    ["sub(A, number)", (a, k) => F.sub(a, k)],
    ["mul(A, number)", (a, k) => F.mul(a, k)],
    ["div(A, number)", (a, k) => F.div(a, k)],
    ["scale(A, number)", (a, k) => F.scale(a, k)],
    ["A.scale(number)", (a, k) => a.scale(k)],
    ["addScalar(A, number)", (a, k) => F.addScalar(a, k)],
  ];
  for (const [name, op] of numberOps) {
    prop(name, withNumber, ({ r, c, seed, k }) => void checkDerivatives((a: M) => op(a, k), rnd(r, c, seed)));
  }

  const withScalar = shapeArb.map(({ r, c, seed }) => ({ A: rnd(r, c, seed), s: rnd(1, 1, seed + 3) }));
  prop("scale(A, s) with a traced scalar s: in s (R → R^{r×c})", withScalar, ({ A, s }) => void checkDerivatives((s: M) => F.scale(A, s), s));
  prop("scale(A, s): in A with s fixed", withScalar, ({ A, s }) => void checkDerivatives((a: M) => F.scale(a, s), A));
  prop("scale(A, s): record { A, s }", withScalar, (x) => void checkRecordDerivatives(({ A, s }: { A: M; s: M }) => F.scale(A, s), x));
  prop("A.scale(s) method, record { A, s }", withScalar, (x) => void checkRecordDerivatives(({ A, s }: { A: M; s: M }) => A.scale(s), x));
  prop("addScalar(A, s) with a traced scalar s: in s", withScalar, ({ A, s }) => void checkDerivatives((s: M) => F.addScalar(A, s), s));
  prop("addScalar(A, s): record { A, s }", withScalar, (x) => void checkRecordDerivatives(({ A, s }: { A: M; s: M }) => F.addScalar(A, s), x));
  prop("A.addScalar(s) method: in s", withScalar, ({ A, s }) => void checkDerivatives((s: M) => A.addScalar(s), s));
  prop("scale by a scalar computed from the same input: x·sum(x)", shapeArb, ({ r, c, seed }) =>
    void checkDerivatives((x: M) => F.scale(x, sum(x)), rnd(r, c, seed)));
});

describe("linear algebra", () => {
  const mm = shape2Arb.map(({ r, c, k, seed }) => ({ A: rnd(r, k, seed), B: rnd(k, c, seed + 1) }));
  prop("matmul (function): in A", mm, ({ A, B }) => void checkDerivatives((a: M) => F.matmul(a, B), A));
  prop("matmul (function): in B", mm, ({ A, B }) => void checkDerivatives((b: M) => F.matmul(A, b), B));
  prop("matmul (function): record { A, B }", mm, (x) => void checkRecordDerivatives(({ A, B }: { A: M; B: M }) => F.matmul(A, B), x));
  prop("A.matmul(B) (method): in A", mm, ({ A, B }) => void checkDerivatives((a: M) => a.matmul(B), A));
  prop("A.matmul(B) (method): in B", mm, ({ A, B }) => void checkDerivatives((b: M) => A.matmul(b), B));
  prop("A.matmul(B) (method): record { A, B }", mm, (x) => void checkRecordDerivatives(({ A, B }: { A: M; B: M }) => A.matmul(B), x));
  prop("XᵀX (matmul of a transpose with itself)", shapeArb, ({ r, c, seed }) => void checkDerivatives((x: M) => x.T.matmul(x), rnd(r, c, seed)));
  prop("X·Xᵀ·X", shapeArb, ({ r, c, seed }) => void checkDerivatives((x: M) => x.matmul(x.T).matmul(x), rnd(r, c, seed, 0.7)));

  const vv = fc.record({ r: dimArb, c: dimArb, seed: seedArb }).map(({ r, c, seed }) => ({ a: rnd(r, 1, seed), b: rnd(c, 1, seed + 1) }));
  prop("outer: in a", vv, ({ a, b }) => void checkDerivatives((a: M) => F.outer(a, b), a));
  prop("outer: in b", vv, ({ a, b }) => void checkDerivatives((b: M) => F.outer(a, b), b));
  prop("outer: record { a, b }", vv, (x) => void checkRecordDerivatives(({ a, b }: { a: M; b: M }) => F.outer(a, b), x));

  prop("transpose (function)", shapeArb, ({ r, c, seed }) => void checkDerivatives((x: M) => transpose(x), rnd(r, c, seed)));
  prop(".T", shapeArb, ({ r, c, seed }) => void checkDerivatives((x: M) => x.T, rnd(r, c, seed)));
  prop(".transpose() then a nonlinearity", shapeArb, ({ r, c, seed }) => void checkDerivatives((x: M) => sin(x.transpose()), rnd(r, c, seed)));

  // well-conditioned: uniform [−½, ½) + n·I, strictly diagonally dominant (|det| ≥ (n/2)ⁿ, ≤ (3n/2)ⁿ)
  const sq = squareArb.map(({ n, seed }) => wellConditioned(n, seed));
  const sqNeg = squareArb.map(({ n, seed }) => wellConditioned(n, seed, true));
  prop("det", sq, (a) => void checkDerivatives((x: M) => F.det(x), a, { shape: [1, a.rows, a.cols].slice(a.rows === 1 ? 1 : 0) }));
  prop("det (negative determinant)", sqNeg, (a) => void checkDerivatives((x: M) => F.det(x), a));
  prop("logAbsDet", sq, (a) => void checkDerivatives((x: M) => F.logAbsDet(x), a));
  prop("logAbsDet (negative determinant)", sqNeg, (a) => void checkDerivatives((x: M) => F.logAbsDet(x), a));
  prop("inv", sq, (a) => void checkDerivatives((x: M) => F.inv(x), a));
  prop("inv (negative determinant)", sqNeg, (a) => void checkDerivatives((x: M) => F.inv(x), a));
  prop("trace", squareArb.map(({ n, seed }) => rnd(n, n, seed)), (a) => void checkDerivatives((x: M) => F.trace(x), a));

  it("the derivative of det at a singular matrix is adj(X)ᵀ (det is a polynomial)", () => {
    const X = m([[1, 2], [2, 4]]);
    const expected = m([[4, -2], [-2, 1]]);
    expect(F.det(X).item()).toBe(0);
    expect((gradient((x: M) => F.det(x)) as (x: M) => M)(X).toArray()).toEqual(expected.toArray());
    checkDerivatives((x: M) => F.det(x), X);
    // rank n − 2: adj X = 0
    expect((gradient((x: M) => F.det(x)) as (x: M) => M)(m([[1, 2, 3], [2, 4, 6], [3, 6, 9]])).toFlatArray()).toEqual(new Array(9).fill(0));
  });

  const sv = fc.record({ n: dimArb, k: dimArb, seed: seedArb }).map(({ n, k, seed }) => ({ A: wellConditioned(n, seed, seed % 2 === 0), B: rnd(n, k, seed + 1) }));
  prop("solve: in A", sv, ({ A, B }) => void checkDerivatives((a: M) => F.solve(a, B), A));
  prop("solve: in B", sv, ({ A, B }) => void checkDerivatives((b: M) => F.solve(A, b), B));
  prop("solve: record { A, B }", sv, (x) => void checkRecordDerivatives(({ A, B }: { A: M; B: M }) => F.solve(A, B), x));
  prop("solve(A, A) = I has zero derivative", sq, (a) => void checkDerivatives((x: M) => F.solve(x, x), a));

  const kr = fc.record({ m: dimArb, n: dimArb, p: dimArb, q: dimArb, seed: seedArb }).map(({ m, n, p, q, seed }) => ({ A: rnd(m, n, seed), B: rnd(p, q, seed + 1) }));
  prop("kron: in A", kr, ({ A, B }) => void checkDerivatives((a: M) => F.kron(a, B), A), 25);
  prop("kron: in B", kr, ({ A, B }) => void checkDerivatives((b: M) => F.kron(A, b), B), 25);
  prop("kron: record { A, B }", kr, (x) => void checkRecordDerivatives(({ A, B }: { A: M; B: M }) => F.kron(A, B), x), 25);
  prop("kron(X, X) then a scalar reduction", fc.record({ r: fc.integer({ min: 1, max: 3 }), c: fc.integer({ min: 1, max: 3 }), seed: seedArb }),
    ({ r, c, seed }) => void checkDerivatives((x: M) => sum(sin(F.kron(x, x)), 0), rnd(r, c, seed)));
});

describe("reductions, softmax, norms and broadcasts", () => {
  const x = shapeArb.map(({ r, c, seed }) => rnd(r, c, seed));
  prop("sum (all)", x, (a) => void checkDerivatives((x: M) => sum(x), a, { shape: a.cols === 1 ? (a.rows === 1 ? [1, 1] : [1, a.rows]) : [1, a.rows, a.cols] }));
  prop("sum axis 0", x, (a) => void checkDerivatives((x: M) => F.sum(x, 0), a));
  prop("sum axis 1", x, (a) => void checkDerivatives((x: M) => F.sum(x, 1), a));
  prop("x.sum(0) / x.sum(1) methods", x, (a) => void checkDerivatives((x: M) => F.vstack(x.sum(0).T.sum(1), x.sum(1)), a));
  prop("mean", x, (a) => void checkDerivatives((x: M) => mean(x), a));
  prop("max (distinct entries)", shapeArb.map(({ r, c, seed }) => distinct(r, c, seed)), (a) => void checkDerivatives((x: M) => max(x), a));
  prop("logSumExp (all)", x, (a) => void checkDerivatives((x: M) => logSumExp(x), a));
  prop("logSumExp axis 0", x, (a) => void checkDerivatives((x: M) => F.logSumExp(x, 0), a));
  prop("logSumExp axis 1", x, (a) => void checkDerivatives((x: M) => F.logSumExp(x, 1), a));
  prop("logSumExp of large inputs (shifted by 500)", x, (a) => void checkDerivatives((x: M) => logSumExp(x), a.add(500)));
  for (const axis of [undefined, 0, 1] as const) {
    const what = axis === undefined ? "all" : `axis ${axis}`;
    prop(`softmax (${what})`, x, (a) => void checkDerivatives((x: M) => softmax(x, axis), a));
    prop(`logSoftmax (${what})`, x, (a) => void checkDerivatives((x: M) => logSoftmax(x, axis), a));
  }
  prop("sumSquares", x, (a) => void checkDerivatives((x: M) => sumSquares(x), a));
  prop("norm 1 (away from 0)", shapeArb.map(({ r, c, seed }) => awayFromZero(r, c, seed)), (a) => void checkDerivatives((x: M) => norm(x, 1), a));
  prop("norm 2 (default)", x, (a) => void checkDerivatives((x: M) => norm(x), a));
  prop("norm 2", x, (a) => void checkDerivatives((x: M) => norm(x, 2), a));
  prop("norm 'fro'", x, (a) => void checkDerivatives((x: M) => norm(x, "fro"), a));
  prop("norm Infinity (distinct magnitudes)", shapeArb.map(({ r, c, seed }) => distinctMagnitudes(r, c, seed)), (a) => void checkDerivatives((x: M) => norm(x, Infinity), a));
  prop("norm p = 3 (away from 0)", shapeArb.map(({ r, c, seed }) => awayFromZero(r, c, seed)), (a) => void checkDerivatives((x: M) => norm(x, 3), a));

  const rep = fc.record({ r: dimArb, c: dimArb, n: dimArb, seed: seedArb });
  prop("repeatRows", rep, ({ c, n, seed }) => void checkDerivatives((b: M) => F.repeatRows(b, n), rnd(1, c, seed)));
  prop("repeatCols", rep, ({ r, n, seed }) => void checkDerivatives((b: M) => F.repeatCols(b, n), rnd(r, 1, seed)));
  const rowBias = rep.map(({ r, c, seed }) => ({ A: rnd(r, c, seed), b: rnd(1, c, seed + 1) }));
  const colBias = rep.map(({ r, c, seed }) => ({ A: rnd(r, c, seed), b: rnd(r, 1, seed + 1) }));
  prop("addToRows: in A", rowBias, ({ A, b }) => void checkDerivatives((a: M) => F.addToRows(a, b), A));
  prop("addToRows: in b", rowBias, ({ A, b }) => void checkDerivatives((b: M) => F.addToRows(A, b), b));
  prop("addToRows: record { A, b }", rowBias, (x) => void checkRecordDerivatives(({ A, b }: { A: M; b: M }) => tanh(F.addToRows(A, b)), x));
  prop("addToCols: in A", colBias, ({ A, b }) => void checkDerivatives((a: M) => F.addToCols(a, b), A));
  prop("addToCols: in b", colBias, ({ A, b }) => void checkDerivatives((b: M) => F.addToCols(A, b), b));
  prop("addToCols: record { A, b }", colBias, (x) => void checkRecordDerivatives(({ A, b }: { A: M; b: M }) => tanh(F.addToCols(A, b)), x));
});

describe("structure", () => {
  const x = shapeArb.map(({ r, c, seed }) => rnd(r, c, seed));
  prop("reshape r×c → c×r", x, (a) => void checkDerivatives((x: M) => F.reshape(x, x.cols, x.rows), a));
  prop("reshape r×c → 1×rc (method)", x, (a) => void checkDerivatives((x: M) => sin(x.reshape(1, x.rows * x.cols)), a));
  prop("flatten (function and method)", x, (a) => void checkDerivatives((x: M) => add(flatten(x), x.flatten().mul(x.flatten())), a));
  prop("vecCols", x, (a) => void checkDerivatives((x: M) => vecCols(x), a));
  prop("unvecCols", x, (a) => void checkDerivatives((v: M) => F.unvecCols(v, a.rows, a.cols), vecCols(a)));

  const window = fc.record({ r: dimArb, c: dimArb, seed: seedArb, u: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), v: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) });
  prop("sliceRows", window, ({ r, c, seed, u, v }) => {
    const s = Math.floor(u * r), e = s + 1 + Math.floor(v * (r - s));
    checkDerivatives((x: M) => F.sliceRows(x, s, e), rnd(r, c, seed));
  });
  prop("sliceCols", window, ({ r, c, seed, u, v }) => {
    const s = Math.floor(u * c), e = s + 1 + Math.floor(v * (c - s));
    checkDerivatives((x: M) => F.sliceCols(x, s, e), rnd(r, c, seed));
  });
  prop("x.sliceRows / x.sliceCols methods", window, ({ r, c, seed, u, v }) => {
    const i = Math.floor(u * r), j = Math.floor(v * c);
    checkDerivatives((x: M) => exp(x.sliceRows(i, r).sliceCols(0, j + 1)), rnd(r, c, seed));
  });
  prop("rowOf / colOf", window, ({ r, c, seed, u, v }) => {
    const i = Math.floor(u * r), j = Math.floor(v * c);
    checkDerivatives((x: M) => F.matmul(colOf(x, j), rowOf(x, i)), rnd(r, c, seed)); // r×1 · 1×c
  });
  prop("x.row(i) / x.col(j) methods", window, ({ r, c, seed, u, v }) => {
    const i = Math.floor(u * r), j = Math.floor(v * c);
    checkDerivatives((x: M) => F.hstack(x.col(j).T, x.row(i)), rnd(r, c, seed));
  });
  prop("at(i, j), x.at(i, j) and at(k) (row-major position)", window, ({ r, c, seed, u, v }) => {
    const i = Math.floor(u * r), j = Math.floor(v * c), k = Math.floor(u * r * c);
    checkDerivatives((x: M) => mul(mul(at(x, i, j), x.at(i, j)), sin(at(x, k))), rnd(r, c, seed));
  });

  const stack = fc.record({ r: dimArb, c: dimArb, k: dimArb, seed: seedArb });
  const vs = stack.map(({ r, c, k, seed }) => ({ A: rnd(r, c, seed), B: rnd(k, c, seed + 1) }));
  const hs = stack.map(({ r, c, k, seed }) => ({ A: rnd(r, c, seed), B: rnd(r, k, seed + 1) }));
  prop("vstack: in A", vs, ({ A, B }) => void checkDerivatives((a: M) => F.vstack(a, B), A));
  prop("vstack: in B", vs, ({ A, B }) => void checkDerivatives((b: M) => F.vstack(A, b), B));
  prop("vstack: record { A, B }", vs, (x) => void checkRecordDerivatives(({ A, B }: { A: M; B: M }) => F.vstack(A, B), x));
  prop("hstack: in A", hs, ({ A, B }) => void checkDerivatives((a: M) => F.hstack(a, B), A));
  prop("hstack: in B", hs, ({ A, B }) => void checkDerivatives((b: M) => F.hstack(A, b), B));
  prop("hstack: record { A, B }", hs, (x) => void checkRecordDerivatives(({ A, B }: { A: M; B: M }) => F.hstack(A, B), x));
  prop("hstack(X, X) and vstack(X, X)", x, (a) => void checkDerivatives((x: M) => F.vstack(F.hstack(x, x), F.hstack(x, x)), a));

  prop("diag of a column", dimArb.chain((n) => seedArb.map((s) => rnd(n, 1, s))), (v) => void checkDerivatives((x: M) => diag(x), v));
  prop("diag of a row", dimArb.chain((n) => seedArb.map((s) => rnd(1, n, s))), (v) => void checkDerivatives((x: M) => diag(x), v));
  prop("diagPart of a non-square matrix (allowed at run time: the min(r, c) diagonal)", shapeArb.map(({ r, c, seed }) => rnd(r, c, seed)), (a) =>
    void checkDerivatives((x: M) => F.diagPart(x), a));
  prop("diagPart", squareArb.map(({ n, seed }) => rnd(n, n, seed)), (a) => void checkDerivatives((x: M) => F.diagPart(x), a));
  prop("diag(diagPart(X))·X", squareArb.map(({ n, seed }) => rnd(n, n, seed)), (a) => void checkDerivatives((x: M) => F.matmul(diag(F.diagPart(x)), x), a));

  prop("mat assembled from traced scalars (and constants)", seedArb.map((s) => rnd(3, 1, s)), (v) =>
    void checkDerivatives((x: M) => F.mat([[x.at(0), 2], [mul(x.at(1), x.at(2)), sin(x.at(0))], [-1, exp(x.at(2))]]), v, { shape: [3, 2, 3] }));
  prop("vec and row assembled from traced scalars", seedArb.map((s) => rnd(2, 2, s)), (a) =>
    void checkDerivatives((x: M) => F.matmul(F.vec([x.at(0, 0), x.at(1, 1), 0.5]), F.row([x.at(0, 1), mul(x.at(1, 0), x.at(0, 0))])), a));
  prop("mat from scalars of a record", seedArb.map((s) => ({ s: rnd(1, 1, s), t: rnd(1, 1, s + 1) })), (x) =>
    void checkRecordDerivatives(({ s, t }: { s: M; t: M }) => F.mat([[s, t], [mul(s, t), 1]]), x));
});

describe("functions with zero derivative", () => {
  prop("sign: the zero Jacobian in every mode", matArb(-2, 2, pushAway(0.1)), (a) => {
    const J = checkDerivatives((x: M) => sign(x), a);
    if (flat(J).some((v) => v !== 0)) throw new Error("sign has a non-zero derivative");
  });
  prop("signDet(X)·det(X) = |det X|: the sign is a constant", squareArb.map(({ n, seed }) => wellConditioned(n, seed, seed % 2 === 1)), (a) =>
    void checkDerivatives((x: M) => F.scale(F.det(x), signDet(x as any)), a));
});

describe("compositions across modules", () => {
  prop("a two-layer network: softmax(W₂ tanh(W₁x + b))", fc.record({ n: dimArb, h: dimArb, o: dimArb, seed: seedArb }), ({ n, h, o, seed }) => {
    const x = rnd(n, 1, seed), W2 = rnd(o, h, seed + 1), b = rnd(h, 1, seed + 2);
    checkDerivatives((W1: M) => softmax(W2.matmul(tanh(W1.matmul(x).add(b)))), rnd(h, n, seed + 3, 0.5));
  });
  prop("least squares ‖A·solve(M, b) − y‖² with logAbsDet(M) penalty, in M", squareArb, ({ n, seed }) => {
    const A = rnd(n, n, seed), b = rnd(n, 1, seed + 1), y = rnd(n, 1, seed + 2);
    checkDerivatives((Mx: M) => add(sumSquares(sub(A.matmul(F.solve(Mx, b)), y)), F.logAbsDet(Mx)), wellConditioned(n, seed + 3));
  });
});
