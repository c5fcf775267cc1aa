/**
 * Finite-difference checks. `numericJacobian` uses central differences
 * (f(x + εeₖ) − f(x − εeₖ)) / 2ε, error O(ε²). `checkGrad` compares the full Jacobian from forward
 * mode, from reverse mode and from finite differences entry by entry (as PyTorch's gradcheck does),
 * with JAX's check_grads tolerances for float64 by default.
 */
import { ShapeError } from "../errors";
import { Matrix } from "../matrix";
import { Tensor } from "../tensor";
import type { AnyMatrix } from "../core/primitive";
import { jacobian, type JacobianOf } from "./api";

/**
 * Options for finite differences.
 * @example
 * ```ts
 * const Jn = numericJacobian((v: Vector<2>) => sin(v), vec([0, 1]), { eps: 1e-5 });   // Matrix<2, 2>
 * ```
 */
export interface NumericOptions {
  /** Step ε (default 1e-6, about the cube root of float64's epsilon scaled for central differences). */
  readonly eps?: number;
}

function plain(m: AnyMatrix): AnyMatrix {
  while (m._box !== null) m = m._box.primal;
  return m;
}

function flatDerivative(d: AnyMatrix | Tensor): Float64Array {
  return d instanceof Tensor ? d.data : plain(d).data;
}

/**
 * The Jacobian of f at a matrix x by central differences, in the same shape and type as `jacobian(f)(x)`.
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]);
 * const Jn = numericJacobian((v: Vector<3>) => tanh(A.matmul(v)), vec([0.1, 0, -0.1]));   // Matrix<2, 3>
 * ```
 */
export function numericJacobian<X extends AnyMatrix, Y extends AnyMatrix>(f: (x: X) => Y, x: X, opts: NumericOptions = {}): JacobianOf<Y, X> {
  const eps = opts.eps ?? 1e-6;
  if (!(eps > 0)) throw new ShapeError("numericJacobian", `eps must be positive, got ${eps}`);
  const n = x.rows * x.cols;
  const y0 = f(x);
  const m = y0.rows * y0.cols;
  const data = new Float64Array(m * n);
  for (let k = 0; k < n; k++) {
    const xp = x.data.slice(), xm = x.data.slice();
    xp[k] += eps;
    xm[k] -= eps;
    const fp = f(new Matrix(x.rows, x.cols, xp, null) as X).data, fm = f(new Matrix(x.rows, x.cols, xm, null) as X).data;
    for (let o = 0; o < m; o++) data[o * n + k] = (fp[o] - fm[o]) / (2 * eps);
  }
  // Same layout as the analytic Jacobian: build it through `jacobian`'s shaping on a linear stand-in.
  const template = jacobian(f, { mode: "reverse" })(x) as AnyMatrix | Tensor;
  return (template instanceof Tensor ? new Tensor(template.outDims, template.inDims, data) : new Matrix(template.rows, template.cols, data, null)) as JacobianOf<Y, X>;
}

/**
 * Options for `checkGrad`.
 * @example
 * ```ts
 * const r = checkGrad((v: Vector<2>) => exp(v), vec([0, 1]), { rtol: 1e-6, atol: 1e-8, throwOnFailure: false });
 * ```
 */
export interface CheckGradOptions extends NumericOptions {
  /** Relative tolerance (default 1e-5). */
  readonly rtol?: number;
  /** Absolute tolerance (default 1e-5). */
  readonly atol?: number;
  /** Throw an Error with the report when the check fails (default true). */
  readonly throwOnFailure?: boolean;
}

/**
 * The outcome of `checkGrad`: `ok`, the worst entry and a readable report.
 * @example
 * ```ts
 * const r = checkGrad((v: Vector<2>) => sin(v), vec([0, 1]));   // GradCheckReport
 * if (!r.ok) console.log(r.report);         // e.g. "checkGrad: FAILED — Jacobian 2×2; worst entry …"
 * ```
 */
export interface GradCheckReport {
  readonly ok: boolean;
  /** Largest |a − b| / (atol + rtol·|b|) over all entries and comparisons (≤ 1 when ok). */
  readonly worstRatio: number;
  readonly worst: { readonly comparison: string; readonly index: number[]; readonly actual: number; readonly expected: number } | null;
  readonly report: string;
}

/**
 * Checks the derivatives of f at x: forward-mode vs finite differences and reverse-mode vs finite
 * differences, every entry of the Jacobian, |a − b| ≤ atol + rtol·|b|. Throws with a report of the
 * worst entry on failure (unless `throwOnFailure: false`).
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]);
 * const report = checkGrad((v: Vector<3>) => tanh(A.matmul(v)), vec([0.1, 0, -0.1]));   // GradCheckReport
 * console.assert(report.ok);                // throws before this line when a derivative is wrong
 * ```
 */
export function checkGrad<X extends AnyMatrix, Y extends AnyMatrix>(f: (x: X) => Y, x: X, opts: CheckGradOptions = {}): GradCheckReport {
  const rtol = opts.rtol ?? 1e-5, atol = opts.atol ?? 1e-5;
  const fwd = jacobian(f, { mode: "forward" })(x) as AnyMatrix | Tensor;
  const rev = jacobian(f, { mode: "reverse" })(x) as AnyMatrix | Tensor;
  const num = numericJacobian(f, x, opts) as AnyMatrix | Tensor;
  const shape = fwd instanceof Tensor ? (fwd.shape as number[]) : [fwd.rows, fwd.cols];
  const expected = flatDerivative(num);
  let worst: GradCheckReport["worst"] = null, worstRatio = -1;
  for (const [name, d] of [["forward mode vs finite differences", fwd], ["reverse mode vs finite differences", rev]] as const) {
    const actual = flatDerivative(d);
    for (let k = 0; k < actual.length; k++) {
      const r = Math.abs(actual[k] - expected[k]) / (atol + rtol * Math.abs(expected[k]));
      const ratio = Number.isNaN(r) ? Infinity : r; // a NaN on either side always fails
      if (ratio > worstRatio) {
        worstRatio = ratio;
        worst = { comparison: name, index: unflatten(k, shape), actual: actual[k], expected: expected[k] };
      }
    }
  }
  const ok = worstRatio <= 1;
  const report = worst === null
    ? "checkGrad: empty Jacobian, nothing to compare"
    : `checkGrad: ${ok ? "ok" : "FAILED"} — Jacobian ${shape.join("×")}; worst entry [${worst.index.join(", ")}] in ${worst.comparison}: ` +
      `${worst.actual} vs ${worst.expected} (|diff| ${Math.abs(worst.actual - worst.expected).toExponential(3)}, allowed ${(atol + rtol * Math.abs(worst.expected)).toExponential(3)})`;
  if (!ok && (opts.throwOnFailure ?? true)) throw new Error(report);
  return { ok, worstRatio: worst === null ? 0 : worstRatio, worst, report };
}

function unflatten(k: number, shape: number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = k % shape[d];
    k = Math.floor(k / shape[d]);
  }
  return idx;
}
