/**
 * The differentiation API. Functions are ordinary TypeScript functions over matrices (the same
 * code runs on plain values); the argument is one matrix or a record of matrices (`{ A, b }`).
 *
 * Numerator layout (DESIGN.md): `grad` gives 1×D for θ ∈ R^D; `jacobian` gives `[...out, ...in]`.
 * Denominator layout (seeds 003–004): `gradient` gives the input's own shape; `jacobianT` the transpose.
 */
import { alloc, scalarData } from "../core/alloc";
import { recordOf } from "../core/records";
import type { CheckDenominator, CheckChain, CheckNumerator, Denominator, Dims, DimsOf } from "../../types/deriv";
import type { CheckInner } from "../../types/shape";
import { ShapeError, checkFunction, fmtShape } from "../errors";
import { Matrix, type Scalar } from "../matrix";
import { Tensor } from "../tensor";
import { liveBox, type AnyMatrix } from "../core/primitive";
import { JitTrace } from "../jit/trace";
import { forward } from "./forward";
import { reverse } from "./reverse";
import { forwardJacobian, reverseJacobians } from "./batched-jacobian";
import { matmul } from "../ops/linalg";
import { concatMany, reshape } from "../ops/structure";
import { transpose } from "../ops/transpose";

// ---------------------------------------------------------------- types

/**
 * A record of named parameters, e.g. `{ A: Matrix<2, 3>, b: Vector<2> }`.
 * @example
 * ```ts
 * const theta = { A: randn(2, 3, { seed: 1 }), b: zeros(2, 1) } satisfies Params;
 * const g = grad((p: typeof theta) => sumSquares(tanh(p.A.matmul(ones(3, 1)).add(p.b))))(theta);
 * const gA = g.A;                           // Tensor<[1], [2, 3]>
 * const gb = g.b;                           // Matrix<1, 2>
 * ```
 */
export type Params = { readonly [name: string]: AnyMatrix };
/**
 * What a differentiated function may take: one matrix or a record of matrices.
 * @example
 * ```ts
 * const inputs: Differentiable[] = [vec([1, 2]), { W: eye(2), b: zeros(2, 1) }];
 * ```
 */
export type Differentiable = AnyMatrix | Params;

type Concat<A extends Dims, B extends Dims> = [...A, ...B];

/**
 * The numerator-layout derivative of an R1×C1 output w.r.t. an R2×C2 input: a Matrix when 2-D, else a Tensor.
 * @example
 * ```ts
 * type J = Derivative<[2], [3]>;            // Matrix<2, 3>
 * type T = Derivative<[2], [2, 3]>;         // Tensor<[2], [2, 3]>
 * ```
 */
export type Derivative<Out extends Dims, In extends Dims> =
  Concat<Out, In> extends [infer A extends number, infer B extends number] ? Matrix<A, B> : Tensor<Out, In>;

// Dims are read from the `rows`/`cols` properties, never by inferring through Matrix's members, so
// intersections such as Denominator<Vector<3>> give exactly their dims.
type DimsOfMatrix<M> = M extends { readonly rows: infer R extends number; readonly cols: infer C extends number } ? DimsOf<R, C> : never;

/**
 * d(output Y)/d(input X), per parameter for a record.
 * @example
 * ```ts
 * type J = JacobianOf<Vector<2>, Vector<3>>;       // Matrix<2, 3>
 * type K = JacobianOf<Matrix<3, 3>, Matrix<2, 3>>; // Tensor<[3, 3], [2, 3]>
 * ```
 */
export type JacobianOf<Y, X> = X extends AnyMatrix
  ? Derivative<DimsOfMatrix<Y>, DimsOfMatrix<X>>
  : { [K in keyof X]: Derivative<DimsOfMatrix<Y>, DimsOfMatrix<X[K]>> };

/**
 * The numerator-layout gradient of a scalar w.r.t. X: 1×D for a vector, 1×(M×N) for a matrix.
 * @example
 * ```ts
 * type G = GradOf<Vector<3>>;               // Matrix<1, 3>
 * type H = GradOf<Matrix<2, 3>>;            // Tensor<[1], [2, 3]>
 * ```
 */
export type GradOf<X> = JacobianOf<Scalar, X>;

/**
 * The input-shaped (denominator-layout) gradient: the shape of X itself.
 * @example
 * ```ts
 * type G = GradientOf<Matrix<2, 3>>;        // Denominator<Matrix<2, 3>>
 * ```
 */
export type GradientOf<X> = X extends AnyMatrix ? Denominator<X> : { [K in keyof X]: Denominator<X[K]> };

/** The split of a derivative into output dims and input dims (a matrix splits as [rows] | [cols]). */
type OutOf<D> = D extends Tensor<infer O, Dims> ? O : D extends { readonly rows: infer R extends number } ? [R] : never;
type InOf<D> = D extends Tensor<Dims, infer I> ? I : D extends { readonly cols: infer C extends number } ? [C] : never;

// ---------------------------------------------------------------- helpers

function keysOf(x: Differentiable): string[] | null {
  return x instanceof Matrix ? null : Object.keys(x);
}

function checkInput(op: string, x: unknown): void {
  if (x instanceof Matrix) return;
  if (x === null || typeof x !== "object") throw new ShapeError(op, `the argument must be a Matrix or a record of matrices, got ${x === null ? "null" : typeof x}`);
  for (const k of Object.keys(x)) if (!((x as Params)[k] instanceof Matrix)) throw new ShapeError(op, `parameter "${k}" is not a Matrix`);
}

/** Turns f over a Matrix or a record into f over an array of matrices. */
function asArrayFn(f: (x: never) => AnyMatrix, keys: string[] | null): (xs: AnyMatrix[]) => AnyMatrix {
  const g = f as (x: Differentiable) => AnyMatrix;
  if (keys === null) return (xs) => checkOutput(g(xs[0]));
  return (xs) => checkOutput(g(recordOf(keys, xs) as Params));
}

function checkOutput(y: unknown): AnyMatrix {
  if (!(y instanceof Matrix)) throw new ShapeError("differentiate", `the function must return a Matrix (a Scalar for grad), got ${typeof y}`);
  return y;
}

function asArray(x: Differentiable, keys: string[] | null): AnyMatrix[] {
  return keys === null ? [x as AnyMatrix] : keys.map((k) => (x as Params)[k]);
}

function fromArray<T>(vals: T[], keys: string[] | null): unknown {
  return keys === null ? vals[0] : recordOf(keys, vals);
}

function dimsOf(m: AnyMatrix): number[] {
  return m.cols === 1 ? (m.rows === 1 ? [1] : [m.rows]) : [m.rows, m.cols];
}

/** Builds the derivative object for output dims `o` and input dims `i` from an (∏o)×(∏i) matrix. */
function shapeDerivative(j: AnyMatrix, o: number[], i: number[]): AnyMatrix | Tensor {
  const all = [...o, ...i];
  if (all.length === 2) return j.rows === all[0] && j.cols === all[1] ? j : reshape(j, all[0], all[1]);
  const rows = o.reduce((a, b) => a * b, 1), cols = i.reduce((a, b) => a * b, 1);
  return new Tensor(o, i, j.rows === rows && j.cols === cols ? j : reshape(j, rows, cols));
}

function isTraced(m: AnyMatrix): boolean {
  return m._box !== null;
}

/** Stacks equally long pieces as the rows of a matrix; differentiable when any piece is traced. */
function stackRows(pieces: AnyMatrix[], len: number): AnyMatrix {
  if (pieces.some(isTraced)) return concatMany(pieces.map((p) => reshape(p, 1, len) as AnyMatrix), 0);
  const out = alloc(pieces.length * len);
  pieces.forEach((p, k) => out.set(p.data, k * len));
  return new Matrix(pieces.length, len, out, null);
}

function basis(rows: number, cols: number, k: number): AnyMatrix {
  const d = alloc(rows * cols);
  d[k] = 1;
  return new Matrix(rows, cols, d, null);
}

function scalarCheck(op: string, y: AnyMatrix): void {
  if (y.rows !== 1 || y.cols !== 1) throw new ShapeError(op, `the function must return a scalar (1×1), got ${fmtShape(y.rows, y.cols)}; use jacobian for vector outputs`);
}

// ---------------------------------------------------------------- reverse mode: grad, gradient, vjp

/** The value and input-shaped gradients of a scalar function, by one reverse pass. */
function valueAndCotangents(op: string, f: (x: never) => Scalar, x: Differentiable): { value: Scalar; cts: AnyMatrix[]; keys: string[] | null } {
  checkInput(op, x);
  const keys = keysOf(x);
  const { out, pullback } = reverse(asArrayFn(f, keys), asArray(x, keys));
  scalarCheck(op, out);
  return { value: out as Scalar, cts: pullback(new Matrix(1, 1, scalarData(1), null)), keys };
}

/** Numerator-layout gradient from an input-shaped cotangent: reshape to 1×D, or a 1×(M×N) tensor. */
function toRowGradient(ct: AnyMatrix): AnyMatrix | Tensor {
  const i = dimsOf(ct);
  return shapeDerivative(ct, [1], i);
}

/**
 * The gradient of a scalar function in numerator layout: a 1×D row for θ ∈ R^D, a 1×(M×N) tensor
 * for X ∈ R^{M×N}, per parameter for a record. Computed by one reverse pass.
 * @example
 * ```ts
 * const g = grad((v: Vector<3>) => sumSquares(v))(vec([1, 2, 3]));   // Row<3>: [[2, 4, 6]]
 * const gX = grad((X: Matrix<2, 3>) => sumSquares(X))(ones(2, 3));    // Tensor<[1], [2, 3]>
 * ```
 */
export function grad<X extends Differentiable>(f: (x: X) => Scalar): (x: X) => GradOf<X> {
  checkFunction("grad", f);
  return (x) => {
    const { cts, keys } = valueAndCotangents("grad", f, x);
    return fromArray(cts.map(toRowGradient), keys) as GradOf<X>;
  };
}

/**
 * The gradient in the input's own shape (denominator layout, ∇θ L of seeds 003–004): what an update
 * `θ.sub(gradient(L)(θ).scale(α))` needs.
 * @example
 * ```ts
 * const L = (v: Vector<3>) => sumSquares(v);
 * const theta = vec([1, 2, 3]);
 * const g = gradient(L)(theta);             // Denominator<Vector<3>>: [2, 4, 6]
 * const next = theta.sub(g.scale(0.1));     // Matrix<3, 1>
 * ```
 */
export function gradient<X extends Differentiable>(f: (x: X) => Scalar): (x: X) => GradientOf<X> {
  checkFunction("gradient", f);
  return (x) => {
    const { cts, keys } = valueAndCotangents("gradient", f, x);
    return fromArray(cts, keys) as GradientOf<X>;
  };
}

/**
 * The value and the numerator-layout gradient, from one reverse pass.
 * @example
 * ```ts
 * const r = valueAndGrad((v: Vector<2>) => sumSquares(v))(vec([3, 4]));
 * const value = r.value.item();             // 25
 * const g = r.grad;                         // Matrix<1, 2>: [[6, 8]]
 * ```
 */
export function valueAndGrad<X extends Differentiable>(f: (x: X) => Scalar): (x: X) => { value: Scalar; grad: GradOf<X> } {
  checkFunction("valueAndGrad", f);
  return (x) => {
    const { value, cts, keys } = valueAndCotangents("valueAndGrad", f, x);
    return { value, grad: fromArray(cts.map(toRowGradient), keys) as GradOf<X> };
  };
}

/**
 * The value and the input-shaped gradient, from one reverse pass (the training-loop form).
 * @example
 * ```ts
 * let theta = vec([3, 4]);
 * const { value, gradient: g } = valueAndGradient((v: Vector<2>) => sumSquares(v))(theta);
 * theta = theta.sub(g.scale(0.1));          // one gradient step; value.item() is 25
 * ```
 */
export function valueAndGradient<X extends Differentiable>(f: (x: X) => Scalar): (x: X) => { value: Scalar; gradient: GradientOf<X> } {
  checkFunction("valueAndGradient", f);
  return (x) => {
    const { value, cts, keys } = valueAndCotangents("valueAndGradient", f, x);
    return { value, gradient: fromArray(cts, keys) as GradientOf<X> };
  };
}

/**
 * Reverse mode at `x`: the value f(x) and a pullback mapping a cotangent of the output's shape to
 * cotangents in the input's shape (ȳ ↦ ȳᵀ·J, laid out like x).
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]);
 * const { out, pullback } = vjp((v: Vector<3>) => A.matmul(v), vec([1, 0, -1]));
 * const ct = pullback(vec([1, 0]));         // Denominator<Vector<3>>: Aᵀ[1, 0] = [1, 2, 3]
 * ```
 */
export function vjp<X extends Differentiable, Y extends AnyMatrix>(f: (x: X) => Y, x: X): { out: Y; pullback: (ct: Y) => GradientOf<X> } {
  checkFunction("vjp", f);
  checkInput("vjp", x);
  const keys = keysOf(x);
  const { out, pullback } = reverse(asArrayFn(f, keys), asArray(x, keys));
  return { out: out as Y, pullback: (ct) => fromArray(pullback(ct), keys) as GradientOf<X> };
}

// ---------------------------------------------------------------- forward mode: jvp

/**
 * Forward mode at `x` in direction `v` (same shape as x): the value f(x) and the tangent J·v.
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]);
 * const r = jvp((v: Vector<3>) => A.matmul(v), vec([1, 0, -1]), vec([1, 0, 0]));
 * const t = r.tangent;                      // Matrix<2, 1>: A·e₁ = [1, 4]
 * ```
 */
export function jvp<X extends Differentiable, Y extends AnyMatrix>(f: (x: X) => Y, x: X, v: X): { out: Y; tangent: Y } {
  checkFunction("jvp", f);
  checkInput("jvp", x);
  checkInput("jvp", v);
  const keys = keysOf(x);
  const xs = asArray(x, keys), vs = asArray(v, keys);
  xs.forEach((xi, i) => {
    if (vs[i] === undefined || vs[i].rows !== xi.rows || vs[i].cols !== xi.cols) {
      throw new ShapeError("jvp", `the tangent${keys ? ` for "${keys[i]}"` : ""} must have the input's shape ${fmtShape(xi.rows, xi.cols)}`);
    }
  });
  const g = asArrayFn(f, keys);
  if (xs.length === 1) {
    const r = forward((x0) => g([x0]), xs[0], vs[0]);
    return { out: r.out as Y, tangent: r.tangent as Y };
  }
  // Several inputs: one forward pass per input, summing the partial tangents.
  let out: AnyMatrix | null = null, tangent: AnyMatrix | null = null;
  for (let i = 0; i < xs.length; i++) {
    const r = forward((xi) => g(xs.map((x0, k) => (k === i ? xi : x0))), xs[i], vs[i]);
    out = r.out;
    tangent = tangent === null ? r.tangent : (tangent.add(r.tangent) as AnyMatrix);
  }
  return { out: out as Y, tangent: tangent as Y };
}

// ---------------------------------------------------------------- jacobian, hessian

/**
 * Which mode `jacobian` uses: "auto" picks forward when the input has fewer entries than the output.
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]);
 * const J = jacobian((v: Vector<3>) => A.matmul(v), { mode: "forward" })(vec([1, 2, 3]));   // Matrix<2, 3>
 * ```
 */
export type JacobianMode = "auto" | "forward" | "reverse";

/**
 * Whether `jacobian` traces the linearized function once and runs all its passes as one batched
 * pass (./batched-jacobian.ts) instead of pass after pass over the recorded evaluation: from
 * `BATCH_MIN_FORWARD` forward passes (a Hessian's are forward passes over the recorded gradient)
 * or `BATCH_MIN_REVERSE` reverse ones. Never where a differentiation around it traces the inputs.
 */
function batchPasses(passes: number, forward: boolean, xs: readonly AnyMatrix[]): boolean {
  return passes >= (forward ? BATCH_MIN_FORWARD : BATCH_MIN_REVERSE) && xs.every(notDifferentiated);
}
/**
 * Time one by one over time batched, alternating (2026-12-07): Hessians of ‖tanh(Ax)‖², x ∈ R^n
 * (n passes), ×0.72 at n = 4, ×1.05 at 8, ×0.98–1.39 at 10 (it varied between runs), ×1.23–1.53 at
 * 12, ×1.55–1.99 at 15; forward Jacobians of tanh(Wx), R^n → R^2n, ×0.51 at 4, ×1.03 at 8,
 * ×0.96–1.13 at 10, ×1.11–1.53 at 12, ×1.17–1.77 at 15.
 */
const BATCH_MIN_FORWARD = 12;
/**
 * Reverse Jacobians of tanh(Wx): one by one takes ×0.42 and ×0.70 of the batched time at 4 and 8
 * passes (2026-12-07), about the same at 16 (R^16 → R^16: 13–17 µs), and at 32 twice as long (58
 * against 29 µs).
 */
const BATCH_MIN_REVERSE = 16;

/** Plain, or traced only by `jit` (whose values a batched Jacobian takes as inputs). */
function notDifferentiated(x: AnyMatrix): boolean {
  const b = liveBox(x);
  return b === null || b.trace instanceof JitTrace;
}

/** The (∏out)×(∏in) Jacobian of g at xs[i], by forward or reverse mode, with f(x). */
function jacobianMatrices(g: (xs: AnyMatrix[]) => AnyMatrix, xs: AnyMatrix[], mode: JacobianMode): { out: AnyMatrix; js: AnyMatrix[] } {
  const nIn = xs.reduce((s, x) => s + x.rows * x.cols, 0);
  // One evaluation, recorded, tells the output size and so which mode needs fewer passes; the
  // passes of either mode then run over the recording (f is not run again).
  const { out, pullback, pushforward: alongTape } = reverse(g, xs);
  const nOut = out.rows * out.cols;
  const useForward = mode === "forward" || (mode === "auto" && nIn < nOut);
  if (!useForward) {
    const batched = batchPasses(nOut, false, xs) ? reverseJacobians(pullback, out, xs) : null;
    if (batched !== null) return { out, js: batched };
    const rows: AnyMatrix[][] = xs.map(() => []);
    for (let o = 0; o < nOut; o++) {
      const cts = pullback(basis(out.rows, out.cols, o));
      cts.forEach((c, i) => rows[i].push(c));
    }
    return { out, js: rows.map((r, i) => stackRows(r, xs[i].rows * xs[i].cols)) };
  }
  const js = xs.map((x, i) => {
    const n = x.rows * x.cols;
    const pushforward = (v: AnyMatrix) => alongTape(i, v);
    const batched = batchPasses(n, true, xs) ? forwardJacobian(pushforward, x, out) : null;
    if (batched !== null) return batched;
    const cols: AnyMatrix[] = [];
    for (let k = 0; k < n; k++) cols.push(pushforward(basis(x.rows, x.cols, k)));
    return n === 0 ? new Matrix(nOut, 0, alloc(0), null) : (transpose(stackRows(cols, nOut)) as AnyMatrix);
  });
  return { out, js };
}

/**
 * The Jacobian in numerator layout: shape `[...out dims, ...in dims]` — M×N for R^N → R^M, M×1 for
 * a scalar input, M×(M×N) for a matrix input (e.g. d(Ax)/dA), (P×Q)×(M×N) for matrix → matrix.
 * Forward or reverse mode, whichever needs fewer passes (or as `mode` says). Where there are many
 * passes, the linearized function is traced once at x and all passes run as one batched pass (W·v
 * for every basis vector v becomes one product), so f(x) is computed once, not in every pass;
 * results agree with separate passes to rounding (a batched product may add in another order).
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]), x = vec([1, 0, -1]);
 * const J = jacobian((v: Vector<3>) => tanh(A.matmul(v)))(x);       // Matrix<2, 3>
 * const dfdA = jacobian((M: Matrix<2, 3>) => M.matmul(x))(A);      // Tensor<[2], [2, 3]>
 * const dKdR = jacobian((R: Matrix<2, 3>) => R.T.matmul(R))(A);    // Tensor<[3, 3], [2, 3]>
 * ```
 */
export function jacobian<X extends Differentiable, Y extends AnyMatrix>(f: (x: X) => Y, opts: { mode?: JacobianMode } = {}): (x: X) => JacobianOf<Y, X> {
  checkFunction("jacobian", f);
  return (x) => {
    checkInput("jacobian", x);
    const keys = keysOf(x);
    const xs = asArray(x, keys);
    const { out, js } = jacobianMatrices(asArrayFn(f, keys), xs, opts.mode ?? "auto");
    return fromArray(js.map((j, i) => shapeDerivative(j, dimsOf(out), dimsOf(xs[i]))), keys) as JacobianOf<Y, X>;
  };
}

/**
 * The Jacobian in denominator layout (seed 004): the transpose of `jacobian`, N×M for R^N → R^M.
 * Only for vector (or scalar) inputs and outputs, where the notes use it.
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]);
 * const JT = jacobianT((v: Vector<3>) => A.matmul(v))(vec([1, 2, 3]));   // Denominator<Matrix<3, 2>>: Aᵀ
 * ```
 */
export function jacobianT<N extends number, M extends number>(f: (x: Matrix<N, 1>) => Matrix<M, 1>): (x: Matrix<N, 1>) => Denominator<Matrix<N, M>> {
  checkFunction("jacobianT", f);
  return (x) => {
    const j = jacobian(f as (x: AnyMatrix) => AnyMatrix)(x) as AnyMatrix;
    if (!(j instanceof Matrix)) throw new ShapeError("jacobianT", "only vector inputs and outputs have a 2-D denominator-layout Jacobian");
    return transpose(j) as Denominator<Matrix<N, M>>;
  };
}

/**
 * The Hessian of a scalar function: for x ∈ R^N the symmetric N×N matrix ∂²f/∂x∂x, computed as the
 * forward-mode Jacobian of the reverse-mode gradient.
 * @example
 * ```ts
 * const H = hessian((v: Vector<2>) => sumSquares(v))(vec([1, 2]));   // Matrix<2, 2>: 2I
 * ```
 */
export function hessian<X extends AnyMatrix>(f: (x: X) => Scalar): (x: X) => JacobianOf<X, X> {
  checkFunction("hessian", f);
  const g = gradient(f) as unknown as (x: X) => X;
  return jacobian(g, { mode: "forward" }) as (x: X) => JacobianOf<X, X>;
}

// ---------------------------------------------------------------- chain rule

type AnyDerivative = AnyMatrix | Tensor;

function splitOf(d: AnyDerivative): { out: number[]; in: number[]; m: AnyMatrix } {
  if (d instanceof Tensor) return { out: [...d.outDims], in: [...d.inDims], m: d.toMatrix() as AnyMatrix };
  return { out: [d.rows], in: [d.cols], m: d };
}

/**
 * The chain rule in numerator layout: d(g∘f)/dx = dg/df · df/dx, contracting over f's dims.
 * For 2-D derivatives this is `a.matmul(b)`. Intermediate dims that differ do not compile.
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]), x = vec([1, 0, -1]);
 * const f = (v: Vector<3>) => tanh(A.matmul(v));
 * const dfdx = jacobian(f)(x);                                    // Matrix<2, 3>
 * const dLdf = grad((y: Vector<2>) => sumSquares(y))(f(x));       // Matrix<1, 2>
 * const dLdx = chain(dLdf, dfdx);                                 // Matrix<1, 3>
 * ```
 */
export function chain<A extends AnyDerivative, B extends AnyDerivative>(
  a: A & CheckNumerator<"chain", A>,
  b: B & CheckNumerator<"chain", B> & CheckChain<"chain", InOf<A>, OutOf<B>>,
): Derivative<OutOf<A>, InOf<B>> {
  const sa = splitOf(a as AnyDerivative), sb = splitOf(b as AnyDerivative);
  const same = sa.in.length === sb.out.length && sa.in.every((d, i) => d === sb.out[i]);
  if (!same) throw new ShapeError("chain", `intermediate dims differ (the outer derivative takes ${sa.in.join("×")}, the inner one produces ${sb.out.join("×")})`);
  const prod = matmul(sa.m, sb.m) as AnyMatrix;
  return shapeDerivative(prod, sa.out, sb.in) as Derivative<OutOf<A>, InOf<B>>;
}

/**
 * The chain rule in denominator layout (seeds 003–004), in their reversed order:
 * ∂z/∂x = ∂y/∂x · ∂z/∂y, with ∂y/∂x ∈ R^{N×M} and ∂z/∂y ∈ R^{M×K}.
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]), x = vec([1, 0, -1]);
 * const f = (v: Vector<3>) => tanh(A.matmul(v));
 * const dydx = jacobianT(f)(x);                                   // Denominator<Matrix<3, 2>>
 * const dzdy = gradient((y: Vector<2>) => sumSquares(y))(f(x));   // Denominator<Vector<2>>
 * const dzdx = chainT(dydx, dzdy);                                // Denominator<Matrix<3, 1>>
 * ```
 */
export function chainT<A extends AnyMatrix, B extends AnyMatrix>(
  dydx: A & CheckDenominator<"chainT", A>,
  dzdy: B & CheckDenominator<"chainT", B> & CheckInner<"chainT", A["rows"], A["cols"], B["rows"], B["cols"]>,
): Denominator<Matrix<A["rows"], B["cols"]>> {
  return matmul(dydx as AnyMatrix, dzdy as AnyMatrix) as Denominator<Matrix<A["rows"], B["cols"]>>;
}

/**
 * Marks a matrix as a denominator-layout derivative (e.g. one written down from the notes by hand).
 * @example
 * ```ts
 * const B = asDenominator(eye(2));          // Denominator<Matrix<2, 2>>
 * const C = chainT(B, asDenominator(vec([1, 2])));   // Denominator<Matrix<2, 1>>
 * ```
 */
export function asDenominator<M extends AnyMatrix>(m: M): Denominator<M> {
  return m as Denominator<M>;
}

