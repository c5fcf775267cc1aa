/**
 * Element-wise operations: binary arithmetic on equal shapes, scaling by a scalar, and the unary
 * functions (exp, log, tanh, …). A unary function's derivative is diagonal, so one rule `dmul`
 * (multiply a tangent or cotangent by f′(x) entry by entry) serves forward and reverse mode alike.
 */
import { alloc, allocOutput, scalarData } from "../core/alloc";
import type { Known } from "../../types/dim";
import type { CheckSame, CheckScalar } from "../../types/shape";
import { ShapeError, ValueError, fmtShape, fmtValue } from "../errors";
import { Matrix, type Scalar } from "../matrix";
import { BY_SCALAR, ELEMENTWISE, bind, primitive, type AnyMatrix, type Primitive } from "../core/primitive";
import { sum } from "./reduce";
import { EXP_WASM_MIN, LOG_WASM_MIN, SINCOS_WASM_MIN, cosArray, expArray, logArray, logSigmoidArray, sigmoidArray, sinArray, softplusArray, tanhArray } from "../kernels/wasm/elementwise-wasm";
import { expOne, logOne, logSigmoidOne, sigmoidOne, softplusOne, tanhOne } from "../kernels/wasm/elementwise-js";
import { integerPower, powArray, powInteger, sqrtPow } from "../kernels/pow";

// ---------------------------------------------------------------- binary, same shape
//
// The kernels' loops handle 4 entries per pass, then the few left over: V8 does not unroll loops,
// and its per-iteration overhead would cost about as much as the arithmetic (a 32K-entry `sub`
// takes ~42 µs instead of ~72, fresh result included). Each entry's operations are unchanged.

function sameShape(op: string) {
  return (inputs: readonly AnyMatrix[]): readonly [number, number] => {
    const [a, b] = inputs;
    if (a.rows !== b.rows || a.cols !== b.cols) {
      throw new ShapeError(op, `shapes differ (${fmtShape(a.rows, a.cols)} vs ${fmtShape(b.rows, b.cols)})`);
    }
    return [a.rows, a.cols];
  };
}

const addP: Primitive = primitive({
  name: "add",
  writesOut: true,
  batch: ELEMENTWISE,
  pointwise: ([a, b]) => `${a} + ${b}`,
  shape: sameShape("add"),
  impl([a, b], _p, _r, _c, dest) {
    const x = a.data, y = b.data, out = dest ?? allocOutput(x.length);
    let i = 0;
    for (const n4 = x.length - (x.length % 4); i < n4; i += 4) {
      out[i] = x[i] + y[i];
      out[i + 1] = x[i + 1] + y[i + 1];
      out[i + 2] = x[i + 2] + y[i + 2];
      out[i + 3] = x[i + 3] + y[i + 3];
    }
    for (; i < x.length; i++) out[i] = x[i] + y[i];
    return out;
  },
  jvp: (_, [ta, tb]) => (ta === null ? tb : tb === null ? ta : add(ta, tb)),
  vjp: (_p, _o, g, _q, [na, nb]) => [na ? g : null, nb ? g : null],
});

const subP: Primitive = primitive({
  name: "sub",
  writesOut: true,
  batch: ELEMENTWISE,
  pointwise: ([a, b]) => `${a} - ${b}`,
  shape: sameShape("sub"),
  impl([a, b], _p, _r, _c, dest) {
    const x = a.data, y = b.data, out = dest ?? allocOutput(x.length);
    let i = 0;
    for (const n4 = x.length - (x.length % 4); i < n4; i += 4) {
      out[i] = x[i] - y[i];
      out[i + 1] = x[i + 1] - y[i + 1];
      out[i + 2] = x[i + 2] - y[i + 2];
      out[i + 3] = x[i + 3] - y[i + 3];
    }
    for (; i < x.length; i++) out[i] = x[i] - y[i];
    return out;
  },
  jvp: (_, [ta, tb]) => (tb === null ? ta : ta === null ? neg(tb) : sub(ta, tb)),
  vjp: (_p, _o, g, _q, [na, nb]) => [na ? g : null, nb ? neg(g) : null],
});

const mulP: Primitive = primitive({
  name: "mul",
  writesOut: true,
  batch: ELEMENTWISE,
  pointwise: ([a, b]) => `${a} * ${b}`,
  shape: sameShape("mul"),
  impl([a, b], _p, _r, _c, dest) {
    const x = a.data, y = b.data, out = dest ?? allocOutput(x.length);
    let i = 0;
    for (const n4 = x.length - (x.length % 4); i < n4; i += 4) {
      out[i] = x[i] * y[i];
      out[i + 1] = x[i + 1] * y[i + 1];
      out[i + 2] = x[i + 2] * y[i + 2];
      out[i + 3] = x[i + 3] * y[i + 3];
    }
    for (; i < x.length; i++) out[i] = x[i] * y[i];
    return out;
  },
  jvp([a, b], [ta, tb]) {
    const da = ta === null ? null : mul(ta, b);
    const db = tb === null ? null : mul(a, tb);
    return da === null ? db : db === null ? da : add(da, db);
  },
  vjp: ([a, b], _o, g, _q, [na, nb]) => [na ? mul(g, b) : null, nb ? mul(g, a) : null],
});

const divP: Primitive = primitive({
  name: "div",
  writesOut: true,
  batch: ELEMENTWISE,
  pointwise: ([a, b]) => `${a} / ${b}`,
  shape: sameShape("div"),
  impl([a, b], _p, _r, _c, dest) {
    const x = a.data, y = b.data, out = dest ?? allocOutput(x.length);
    let i = 0;
    for (const n4 = x.length - (x.length % 4); i < n4; i += 4) {
      out[i] = x[i] / y[i];
      out[i + 1] = x[i + 1] / y[i + 1];
      out[i + 2] = x[i + 2] / y[i + 2];
      out[i + 3] = x[i + 3] / y[i + 3];
    }
    for (; i < x.length; i++) out[i] = x[i] / y[i];
    return out;
  },
  // d(a/b) = da/b − (a/b)·db/b
  jvp([, b], [ta, tb], out) {
    const da = ta === null ? null : div(ta, b);
    const db = tb === null ? null : div(mul(out, tb), b);
    return db === null ? da : da === null ? neg(db) : sub(da, db);
  },
  vjp: ([, b], out, g, _q, [na, nb]) => {
    const gb = div(g, b);
    return [na ? gb : null, nb ? neg(mul(gb, out)) : null];
  },
});

/** `s·A` for a 1×1 `s` (a traced scalar or a constant). */
const scaleP: Primitive = primitive({
  name: "scale",
  writesOut: true,
  batch: BY_SCALAR,
  pointwise: ([a, s]) => `${a} * ${s}`,
  shape([a, s]) {
    if (s.rows !== 1 || s.cols !== 1) throw new ShapeError("scale", `the factor must be a scalar (1×1), got ${fmtShape(s.rows, s.cols)}`);
    return [a.rows, a.cols];
  },
  impl([a, s], _p, _r, _c, dest) {
    const x = a.data, k = s.data[0], out = dest ?? allocOutput(x.length);
    let i = 0;
    for (const n4 = x.length - (x.length % 4); i < n4; i += 4) {
      out[i] = x[i] * k;
      out[i + 1] = x[i + 1] * k;
      out[i + 2] = x[i + 2] * k;
      out[i + 3] = x[i + 3] * k;
    }
    for (; i < x.length; i++) out[i] = x[i] * k;
    return out;
  },
  jvp([a, s], [ta, ts]) {
    const da = ta === null ? null : scale(ta, s);
    const ds = ts === null ? null : scale(a, ts);
    return da === null ? ds : ds === null ? da : add(da, ds);
  },
  vjp: ([a, s], _o, g, _q, [na, ns]) => [na ? scale(g, s) : null, ns ? sum(mul(g, a)) : null],
});

/** `A / s` for a 1×1 `s` (divides, so `div(A, 10)` rounds like `a / 10`). */
const divScalarP: Primitive = primitive({
  name: "divScalar",
  writesOut: true,
  batch: BY_SCALAR,
  pointwise: ([a, s]) => `${a} / ${s}`,
  shape([a, s]) {
    if (s.rows !== 1 || s.cols !== 1) throw new ShapeError("div", `the divisor must be a scalar (1×1), got ${fmtShape(s.rows, s.cols)}`);
    return [a.rows, a.cols];
  },
  impl([a, s], _p, _r, _c, dest) {
    const x = a.data, k = s.data[0], out = dest ?? allocOutput(x.length);
    let i = 0;
    for (const n4 = x.length - (x.length % 4); i < n4; i += 4) {
      out[i] = x[i] / k;
      out[i + 1] = x[i + 1] / k;
      out[i + 2] = x[i + 2] / k;
      out[i + 3] = x[i + 3] / k;
    }
    for (; i < x.length; i++) out[i] = x[i] / k;
    return out;
  },
  // d(a/s) = da/s − (a/s)·ds/s
  jvp([, s], [ta, ts], out) {
    const da = ta === null ? null : bind(divScalarP, [ta, s], undefined);
    const ds = ts === null ? null : scale(bind(divScalarP, [out, s], undefined), ts);
    return ds === null ? da : da === null ? neg(ds) : sub(da, ds);
  },
  vjp: ([, s], out, g, _q, [na, ns]) => {
    const gs = bind(divScalarP, [g, s], undefined);
    return [na ? gs : null, ns ? neg(sum(mul(gs, out))) : null];
  },
});

/** `A + s` entry by entry, for a 1×1 `s`. */
const shiftP: Primitive = primitive({
  name: "addScalar",
  writesOut: true,
  batch: BY_SCALAR,
  pointwise: ([a, s]) => `${a} + ${s}`,
  shape([a, s]) {
    if (s.rows !== 1 || s.cols !== 1) throw new ShapeError("addScalar", `the added term must be a scalar (1×1), got ${fmtShape(s.rows, s.cols)}`);
    return [a.rows, a.cols];
  },
  impl([a, s], _p, _r, _c, dest) {
    const x = a.data, k = s.data[0], out = dest ?? allocOutput(x.length);
    let i = 0;
    for (const n4 = x.length - (x.length % 4); i < n4; i += 4) {
      out[i] = x[i] + k;
      out[i + 1] = x[i + 1] + k;
      out[i + 2] = x[i + 2] + k;
      out[i + 3] = x[i + 3] + k;
    }
    for (; i < x.length; i++) out[i] = x[i] + k;
    return out;
  },
  jvp([a], [ta, ts]) {
    const ds = ts === null ? null : fill(ts, a.rows, a.cols);
    return ta === null ? ds : ds === null ? ta : add(ta, ds);
  },
  vjp: (_p, _o, g, _q, [na, ns]) => [na ? g : null, ns ? sum(g) : null],
});

/** An r×c matrix every entry of which is the 1×1 `s`. */
const fillP: Primitive<{ rows: number; cols: number }> = primitive<{ rows: number; cols: number }>({
  name: "fill",
  writesOut: true,
  pointwise: ([s]) => s, // s: the 1×1 value, read as a broadcast
  shape: (_, p) => [p.rows, p.cols],
  impl: ([s], _p, r, c, dest) => (dest ?? alloc(r * c)).fill(s.data[0]),
  // member k is filled with the k-th scalar
  batch([s], _p, size, r, c) {
    const out = alloc(size * r * c), n = r * c;
    for (let k = 0; k < size; k++) out.fill(s.data[k], k * n, (k + 1) * n);
    return out;
  },
  jvp: (_, [ts], _o, p) => (ts === null ? null : fill(ts, p.rows, p.cols)),
  vjp: (_p, _o, g) => [sum(g)],
});

/** Internal: an r×c matrix filled with the (possibly traced) scalar `s`. */
export function fill(s: AnyMatrix, rows: number, cols: number): AnyMatrix {
  return bind(fillP, [s], { rows, cols });
}

/** A constant as a 1×1 matrix. */
function constant(x: number): AnyMatrix {
  return new Matrix(1, 1, scalarData(x), null);
}

/**
 * `A + B` entry by entry (equal shapes), or `A + c` for a number `c`.
 * @example
 * ```ts
 * const A = mat([[1, 2], [3, 4]]);
 * const B = add(A, eye(2));                 // Matrix<2, 2>
 * const C = add(A, 1);                      // Matrix<2, 2>: 1 added to every entry
 * ```
 */
export function add<R extends number, C extends number>(a: Matrix<R, C>, b: number | Matrix<Known<R>, Known<C>>): Matrix<R, C>;
/** @internal Reached only when the shapes differ: the parameter type carries the message. */
export function add<R extends number, C extends number, R2 extends number, C2 extends number>(
  a: Matrix<R, C>,
  b: Matrix<R2, C2> & CheckSame<"add", R, C, R2, C2>,
): Matrix<R, C>;
export function add(a: AnyMatrix, b: number | AnyMatrix): AnyMatrix {
  return (typeof b === "number" ? bind(shiftP, [a, constant(b)], undefined) : bind(addP, [a, b], undefined)) as AnyMatrix;
}

/**
 * `A − B` entry by entry (equal shapes), or `A − c` for a number `c`.
 * @example
 * ```ts
 * const e = sub(vec([1, 2]), vec([0.5, 0.5]));   // Vector<2>
 * ```
 */
export function sub<R extends number, C extends number>(a: Matrix<R, C>, b: number | Matrix<Known<R>, Known<C>>): Matrix<R, C>;
/** @internal Reached only when the shapes differ: the parameter type carries the message. */
export function sub<R extends number, C extends number, R2 extends number, C2 extends number>(
  a: Matrix<R, C>,
  b: Matrix<R2, C2> & CheckSame<"sub", R, C, R2, C2>,
): Matrix<R, C>;
export function sub(a: AnyMatrix, b: number | AnyMatrix): AnyMatrix {
  return (typeof b === "number" ? bind(shiftP, [a, constant(-b)], undefined) : bind(subP, [a, b], undefined)) as AnyMatrix;
}

/**
 * Hadamard product `A ⊙ B` (equal shapes), or `c·A` for a number `c`.
 * @example
 * ```ts
 * const h = mul(vec([1, 2]), vec([3, 4]));   // Vector<2>: [3, 8]
 * ```
 */
export function mul<R extends number, C extends number>(a: Matrix<R, C>, b: number | Matrix<Known<R>, Known<C>>): Matrix<R, C>;
/** @internal Reached only when the shapes differ: the parameter type carries the message. */
export function mul<R extends number, C extends number, R2 extends number, C2 extends number>(
  a: Matrix<R, C>,
  b: Matrix<R2, C2> & CheckSame<"mul", R, C, R2, C2>,
): Matrix<R, C>;
export function mul(a: AnyMatrix, b: number | AnyMatrix): AnyMatrix {
  return (typeof b === "number" ? bind(scaleP, [a, constant(b)], undefined) : bind(mulP, [a, b], undefined)) as AnyMatrix;
}

/**
 * `A ⊘ B` entry by entry (equal shapes), or `A / c` for a number `c`.
 * @example
 * ```ts
 * const q = div(vec([1, 2]), 4);            // Vector<2>: [0.25, 0.5]
 * ```
 */
export function div<R extends number, C extends number>(a: Matrix<R, C>, b: number | Matrix<Known<R>, Known<C>>): Matrix<R, C>;
/** @internal Reached only when the shapes differ: the parameter type carries the message. */
export function div<R extends number, C extends number, R2 extends number, C2 extends number>(
  a: Matrix<R, C>,
  b: Matrix<R2, C2> & CheckSame<"div", R, C, R2, C2>,
): Matrix<R, C>;
export function div(a: AnyMatrix, b: number | AnyMatrix): AnyMatrix {
  return (typeof b === "number" ? bind(divScalarP, [a, constant(b)], undefined) : bind(divP, [a, b], undefined)) as AnyMatrix;
}

/**
 * `s·A` for a number or a scalar (1×1) `s`, which may depend on the variable being differentiated.
 * @example
 * ```ts
 * const x = vec([1, 2]);
 * const y = scale(x, 3);                    // Vector<2>
 * const z = scale(x, sumSquares(x));        // Vector<2>: scaled by the 1×1 ‖x‖²
 * ```
 */
export function scale<R extends number, C extends number>(a: Matrix<R, C>, s: number | Scalar): Matrix<R, C>;
/** @internal Reached only when s is not 1×1: the parameter type carries the message. */
export function scale<R extends number, C extends number, SR extends number, SC extends number>(
  a: Matrix<R, C>,
  s: Matrix<SR, SC> & CheckScalar<"scale", SR, SC>,
): Matrix<R, C>;
export function scale(a: AnyMatrix, s: number | Scalar): AnyMatrix {
  return bind(scaleP, [a, typeof s === "number" ? constant(s) : s], undefined) as AnyMatrix;
}

/**
 * `A + s·11ᵀ`: adds a number or a traced scalar to every entry.
 * @example
 * ```ts
 * const A = addScalar(zeros(2, 2), scalar(1));   // Matrix<2, 2> of ones
 * ```
 */
export function addScalar<R extends number, C extends number>(a: Matrix<R, C>, s: number | Scalar): Matrix<R, C>;
/** @internal Reached only when s is not 1×1: the parameter type carries the message. */
export function addScalar<R extends number, C extends number, SR extends number, SC extends number>(
  a: Matrix<R, C>,
  s: Matrix<SR, SC> & CheckScalar<"addScalar", SR, SC>,
): Matrix<R, C>;
export function addScalar(a: AnyMatrix, s: number | Scalar): AnyMatrix {
  return bind(shiftP, [a, typeof s === "number" ? constant(s) : s], undefined) as AnyMatrix;
}

/**
 * `−A`.
 * @example
 * ```ts
 * const m = neg(vec([1, -2]));              // Vector<2>: [-1, 2]
 * ```
 */
export function neg<R extends number, C extends number>(a: Matrix<R, C>): Matrix<R, C> {
  return bind(scaleP, [a, constant(-1)], undefined) as Matrix<R, C>;
}

// ---------------------------------------------------------------- unary

type Unary = <R extends number, C extends number>(a: Matrix<R, C>) => Matrix<R, C>;

/** out[i] = f(x[i]) over a whole array, for one f. */
type ArrayKernel = (x: Float64Array, out: Float64Array) => void;

/**
 * Every element-wise function by name, with its scalar kernel: for the test that checks each array
 * kernel against its scalar kernel bit for bit.
 * @internal
 */
export const unaries = new Map<string, { readonly op: Unary; readonly scalar: (x: number) => number }>();

/**
 * Defines an element-wise function from its scalar kernel `f`, the same over a whole array
 * (`map`, giving f's bits entry for entry), and `dmul(x, y, t)` = f′(x) ⊙ t, where `y` = f(x) is
 * at hand for derivatives that reuse it (exp, tanh, sigmoid, sqrt). Each function has a loop of
 * its own: one shared loop calling `f` sees a dozen functions at one call site, which V8 then calls
 * without inlining, 2.4× slower for exp and 6× for relu (20 ns against 3.4 per entry, 2026-12-07).
 * jit fuses `f` into its loops, for values of fewer than `fuseBelow` entries: from there on, the Wasm
 * SIMD kernels (exp, sigmoid, log, softplus, log σ, sin, cos: kernels/wasm) beat `f` in a fused loop
 * even with passes of their own. tanh is never fused: below its Wasm threshold, a jit training step
 * with tanh in its fused loop was no faster (0.93–1.04 of the step with tanh's own JS loop).
 */
function unary(
  name: string, f: (x: number) => number, dmul: (x: AnyMatrix, y: AnyMatrix, t: AnyMatrix) => AnyMatrix | null,
  map: ArrayKernel, fuseBelow?: number,
): Unary {
  const p: Primitive = primitive({
    name,
    writesOut: true,
    batch: ELEMENTWISE,
    pointwise: ([x], _p, use) => `${use(f)}(${x})`,
    fuseBelow,
    shape: ([a]) => [a.rows, a.cols],
    impl([a], _p, _r, _c, dest) {
      const x = a.data, out = dest ?? allocOutput(x.length);
      map(x, out);
      return out;
    },
    jvp: ([a], [t], y) => (t === null ? null : dmul(a, y, t)),
    vjp: ([a], y, g) => [dmul(a, y, g)],
  });
  const op = (<R extends number, C extends number>(a: Matrix<R, C>) => bind(p, [a], undefined) as Matrix<R, C>) as Unary;
  unaries.set(name, { op, scalar: f });
  return op;
}

/**
 * Fused derivative kernels: t ⊙ (1 − y²) for tanh and t ⊙ y(1 − y) for the sigmoid, one pass each
 * instead of three. Their own rules keep nested differentiation (hessians) exact.
 */
const tanhGradP: Primitive = primitive({
  name: "tanhGrad",
  writesOut: true,
  batch: ELEMENTWISE,
  pointwise: ([y, t]) => `${t} * (1 - ${y} * ${y})`,
  shape: sameShape("tanhGrad"),
  impl([y, t], _p, _r, _c, dest) {
    const a = y.data, b = t.data, out = dest ?? allocOutput(a.length);
    let i = 0;
    for (const n4 = a.length - (a.length % 4); i < n4; i += 4) {
      out[i] = b[i] * (1 - a[i] * a[i]);
      out[i + 1] = b[i + 1] * (1 - a[i + 1] * a[i + 1]);
      out[i + 2] = b[i + 2] * (1 - a[i + 2] * a[i + 2]);
      out[i + 3] = b[i + 3] * (1 - a[i + 3] * a[i + 3]);
    }
    for (; i < a.length; i++) out[i] = b[i] * (1 - a[i] * a[i]);
    return out;
  },
  // ∂/∂y = −2·t⊙y,  ∂/∂t = 1 − y²
  jvp([y, t], [dy, dt]) {
    const viaT = dt === null ? null : bind(tanhGradP, [y, dt], undefined);
    const viaY = dy === null ? null : mul(mul(t, y), mul(dy, -2));
    return viaY === null ? viaT : viaT === null ? viaY : add(viaT, viaY);
  },
  vjp: ([y, t], _o, g, _q, [ny, nt]) => [ny ? mul(mul(g, t), mul(y, -2)) : null, nt ? bind(tanhGradP, [y, g], undefined) : null],
});

const sigmoidGradP: Primitive = primitive({
  name: "sigmoidGrad",
  writesOut: true,
  batch: ELEMENTWISE,
  pointwise: ([y, t]) => `${t} * ${y} * (1 - ${y})`,
  shape: sameShape("sigmoidGrad"),
  impl([y, t], _p, _r, _c, dest) {
    const a = y.data, b = t.data, out = dest ?? allocOutput(a.length);
    let i = 0;
    for (const n4 = a.length - (a.length % 4); i < n4; i += 4) {
      out[i] = b[i] * a[i] * (1 - a[i]);
      out[i + 1] = b[i + 1] * a[i + 1] * (1 - a[i + 1]);
      out[i + 2] = b[i + 2] * a[i + 2] * (1 - a[i + 2]);
      out[i + 3] = b[i + 3] * a[i + 3] * (1 - a[i + 3]);
    }
    for (; i < a.length; i++) out[i] = b[i] * a[i] * (1 - a[i]);
    return out;
  },
  // ∂/∂y = t⊙(1 − 2y),  ∂/∂t = y(1 − y)
  jvp([y, t], [dy, dt]) {
    const viaT = dt === null ? null : bind(sigmoidGradP, [y, dt], undefined);
    const viaY = dy === null ? null : mul(mul(t, dy), addScalar(mul(y, -2), 1));
    return viaY === null ? viaT : viaT === null ? viaY : add(viaT, viaY);
  },
  vjp: ([y, t], _o, g, _q, [ny, nt]) => [ny ? mul(mul(g, t), addScalar(mul(y, -2), 1)) : null, nt ? bind(sigmoidGradP, [y, g], undefined) : null],
});

/**
 * A constant matrix (not differentiated further) computed entry by entry from the plain values of
 * `x` by `map` (an array kernel: a loop of its own, see `unary`), which writes every entry: its
 * storage is not zeroed first.
 */
function constantMap(x: AnyMatrix, map: ArrayKernel, symbolic?: () => AnyMatrix): AnyMatrix {
  let plain = x;
  while (plain._box !== null) plain = plain._box.primal;
  // a symbolic value has no entries: its derivative factor is an expression (src/symbolic)
  if (symbolic !== undefined && plain.data.length !== x.rows * x.cols) return symbolic();
  const d = plain.data, out = allocOutput(d.length);
  map(d, out);
  return new Matrix(x.rows, x.cols, out, null);
}

/*
 * relu, its derivative and sign without a branch on the sign of x: the comparisons become 0 or 1
 * (+(x > 0) compiles to a flag, not a jump). On signed data such a branch is mispredicted about
 * every other entry, which made `x > 0 ? x : 0` and Math.sign three times slower (9 against 3 ns
 * per entry on normal data, 2026-12-07). The branches left test for rare values only (−∞, NaN, ±0).
 */
/** x > 0 ? x : 0, with −∞ and NaN giving 0 and −0 giving +0 (x·0 + 0 = +0 for finite x ≤ 0). */
const reluOne = (x: number): number => (x > -Infinity ? x * +(x > 0) + 0 : 0);
/** x > 0 ? 1 : 0. */
const stepOne = (x: number): number => +(x > 0);
/** Math.sign(x): 1 or −1, and x itself when that difference is 0 (±0, NaN). */
const signOne = (x: number): number => +(x > 0) - +(x < 0) || x;
/** The array kernels of step and sign (relu′ and abs′ use them too). */
const stepArray: ArrayKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = stepOne(x[i]);
};
const signArray: ArrayKernel = (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = signOne(x[i]);
};

/**
 * eˣ entry by entry, within 1 ulp of `Math.exp` (0.75 ulp of the exact value, subnormal results
 * included); a WebAssembly SIMD kernel from 16 entries on, a JS kernel with the same bits below.
 * @example
 * ```ts
 * const y = exp(vec([0, 1]));               // Vector<2>: [1, e]
 * ```
 */
export const exp: Unary = unary("exp", expOne, (_x, y, t) => mul(t, y), expArray, EXP_WASM_MIN);
/**
 * Natural logarithm entry by entry, below 1 ulp of the exact value (within 1 ulp of `Math.log`;
 * a WebAssembly SIMD kernel from 16 entries on, a JS kernel with the same bits below); log 0 =
 * −∞, and NaN for x < 0.
 * @example
 * ```ts
 * const y = log(row([1, Math.E]));          // Row<2>: [[0, 1]]
 * ```
 */
export const log: Unary = unary("log", logOne, (x, _y, t) => div(t, x), logArray, LOG_WASM_MIN);
/**
 * sin entry by entry, with `Math.sin`'s bits (a WebAssembly SIMD kernel running V8's algorithm from
 * 32 entries on).
 * @example
 * ```ts
 * const y = sin(vec([0, Math.PI / 2]));     // Vector<2>: [0, 1]
 * ```
 */
export const sin: Unary = unary("sin", Math.sin, (x, _y, t) => mul(t, cos(x)), sinArray, SINCOS_WASM_MIN);
/**
 * cos entry by entry, with `Math.cos`'s bits (a WebAssembly SIMD kernel running V8's algorithm from
 * 32 entries on).
 * @example
 * ```ts
 * const y = cos(vec([0, Math.PI]));         // Vector<2>: [1, -1]
 * ```
 */
export const cos: Unary = unary("cos", Math.cos, (x, _y, t) => neg(mul(t, sin(x))), cosArray, SINCOS_WASM_MIN);
/**
 * tanh entry by entry, within 2 ulp of `Math.tanh` (a WebAssembly SIMD kernel from 16 entries on, a
 * JS kernel with the same bits below); tanh′ = 1 − tanh².
 * @example
 * ```ts
 * const A = mat([[1, 2, 3], [4, 5, 6]]);
 * const J = jacobian((v: Vector<3>) => tanh(A.matmul(v)))(vec([0.1, 0, -0.1]));   // Matrix<2, 3>
 * ```
 */
export const tanh: Unary = unary("tanh", tanhOne, (_x, y, t) => bind(tanhGradP, [y, t], undefined), tanhArray, 0 /* never fused */);
/**
 * The logistic function σ(x) = 1/(1 + e^−x), computed without overflow as 1/(1 + e) or e/(1 + e)
 * with e = e^−|x| (on `exp`'s kernel); σ′ = σ(1 − σ).
 * @example
 * ```ts
 * const p = sigmoid(vec([0, 100, -100]));   // Vector<3>: [0.5, 1, 0], no overflow
 * ```
 */
export const sigmoid: Unary = unary("sigmoid", sigmoidOne, (_x, y, t) => bind(sigmoidGradP, [y, t], undefined), sigmoidArray, EXP_WASM_MIN);
/**
 * max(x, 0) entry by entry; its derivative is taken as 0 at 0.
 * @example
 * ```ts
 * const h = relu(mat([[-1, 2]]));           // Matrix<1, 2>: [[0, 2]]
 * ```
 */
export const relu: Unary = unary("relu", reluOne, (x, _y, t) => mul(t, constantMap(x, stepArray, () => step(x))), (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = reluOne(x[i]);
});
/** Internal: 1 where x > 0, else 0 (relu′, for symbolic values); its derivative is 0. */
const step: Unary = unary("step", stepOne, () => null, stepArray);
/**
 * |x| entry by entry; its derivative sign(x) is taken as 0 at 0.
 * @example
 * ```ts
 * const a = abs(vec([-3, 4]));              // Vector<2>: [3, 4]
 * ```
 */
export const abs: Unary = unary("abs", Math.abs, (x, _y, t) => mul(t, constantMap(x, signArray, () => sign(x))), (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.abs(x[i]);
});
/**
 * sign(x) ∈ {−1, 0, 1} entry by entry; its derivative is 0 (almost everywhere).
 * @example
 * ```ts
 * const s = sign(vec([-3, 0, 4]));          // Vector<3>: [-1, 0, 1]
 * ```
 */
export const sign: Unary = unary("sign", signOne, () => null, signArray);
/**
 * √x entry by entry; (√x)′ = 1/(2√x).
 * @example
 * ```ts
 * const r = sqrt(vec([4, 9]));              // Vector<2>: [2, 3]
 * ```
 */
export const sqrt: Unary = unary("sqrt", Math.sqrt, (_x, y, t) => div(t, mul(y, 2)), (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.sqrt(x[i]);
});
/**
 * softplus(x) = log(1 + eˣ), computed without overflow as max(x, 0) + log1p(e^−|x|) (on `exp`'s and
 * `log`'s kernels); softplus′ = σ.
 * @example
 * ```ts
 * const s = softplus(vec([0, 1000]));       // Vector<2>: [log 2, 1000]
 * ```
 */
export const softplus: Unary = unary("softplus", softplusOne, (x, _y, t) => mul(t, sigmoid(x)), softplusArray, EXP_WASM_MIN);
/**
 * log σ(x) = −softplus(−x), stable for large |x|; its derivative is σ(−x).
 * @example
 * ```ts
 * const l = logSigmoid(vec([0, -1000]));    // Vector<2>: [-log 2, -1000]
 * ```
 */
export const logSigmoid: Unary = unary("logSigmoid", logSigmoidOne, (x, _y, t) => mul(t, sigmoid(neg(x))), logSigmoidArray, EXP_WASM_MIN);

const powP: Primitive<number> = primitive<number>({
  name: "pow",
  writesOut: true,
  batch: ELEMENTWISE,
  shape: ([a]) => [a.rows, a.cols],
  impl([a], p, _r, _c, dest) {
    const out = dest ?? allocOutput(a.data.length);
    powArray(a.data, p, out);
    return out;
  },
  // the kernel's own operations; numbers are written into the source exactly (−0 included). Math.pow
  // goes through `use` too: a call, which fusion must not repeat in each reader as it would x·x
  pointwise: ([x], p, use) => {
    if (p === 2) return `(${x} * ${x})`;
    if (p === -1) return `(1 / ${x})`;
    if (p === 0.5) return `${use(sqrtPow)}(${x})`;
    const ip = integerPower(p);
    if (ip === null) return `${use(Math.pow)}(${x}, ${Object.is(p, -0) ? "-0" : String(p)})`;
    return `${use(powInteger)}(${x}, ${ip.n}, ${ip.lo}, ${ip.hi}, ${ip.top})`;
  },
  jvp: ([a], [t], _y, p) => (t === null ? null : mul(t, powDeriv(a, p))),
  vjp: ([a], _y, g, p) => [mul(g, powDeriv(a, p))],
});

/** d(xᵖ)/dx = p·xᵖ⁻¹. */
function powDeriv(a: AnyMatrix, p: number): AnyMatrix {
  if (p === 0) return constantMap(a, (_x, out) => out.fill(0), () => new Matrix(a.rows, a.cols, alloc(a.rows * a.cols), null));
  if (p === 1) return constantMap(a, (_x, out) => out.fill(1), () => new Matrix(a.rows, a.cols, alloc(a.rows * a.cols).fill(1), null));
  if (p === 2) return mul(a, 2);
  return mul(pow(a, p - 1), p);
}

/**
 * xᵖ entry by entry, for a constant exponent p. For p = 2 it is x·x, for −1 1/x and for 0.5 √x
 * (with `Math.pow`'s +0 at −0 and +∞ at −∞). For the integers 3 ≤ |p| ≤ 32 and −2 it is the
 * correctly rounded power (but for inputs within about 2⁻¹⁰⁰ of a rounding boundary), several times
 * faster than `Math.pow`, which on Node 20 is one unit in the last place off for about one input
 * in ten. For other exponents, and inputs whose power would come near under- or overflow, it is
 * `Math.pow`.
 * @example
 * ```ts
 * const c = pow(vec([1, 2, 3]), 3);         // Vector<3>: [1, 8, 27]
 * ```
 */
export function pow<R extends number, C extends number>(a: Matrix<R, C>, p: number): Matrix<R, C> {
  if (typeof p !== "number") throw new ValueError("pow", `the exponent must be a number, got ${fmtValue(p)}`);
  return bind(powP, [a], p) as Matrix<R, C>;
}

/**
 * The scalar `x` as a 1×1 matrix: `Scalar`.
 * @example
 * ```ts
 * const s = scalar(2.5);                    // Scalar
 * const x = vec([1, 2]).scale(s);           // Vector<2>
 * ```
 */
export function scalar(x: number): Scalar {
  return constant(x) as Scalar;
}
