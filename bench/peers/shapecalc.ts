/**
 * The baseline column: shapecalc through its public API (Matrix values, shape-checked ops,
 * autodiff). Sizes are known only at run time here, so they enter as named dims (`dim("n", n)`).
 */
import {
  addToCols,
  det,
  dim,
  exp,
  fromData,
  hessian,
  inv,
  jacobian,
  log,
  sigmoid,
  sin,
  softplus,
  solve,
  sum,
  sumSquares,
  tanh,
  valueAndGradient,
  type Dim,
  type Matrix,
  type Vector,
} from "../../src/index";
import type { Lib } from "./common";

type M<R extends string, C extends string> = Matrix<Dim<R>, Dim<C>>;

export const shapecalcLib: Lib = {
  id: "shapecalc",
  label: "shapecalc",
  note: "float64; public API (Matrix values, autodiff); one thread, except products of 256³ multiply-adds or more (matmul 256 and 512), which use two (the main thread and one worker), as they do for users",
  ops: {
    matmul({ n, a, b }) {
      const N = dim("n", n);
      const A = fromData(N, N, a), B = fromData(N, N, b);
      return { run: () => A.matmul(B), read: (r) => (r as M<"n", "n">).data };
    },
    inv({ n, a }) {
      const N = dim("n", n);
      const A = fromData(N, N, a);
      return { run: () => inv(A), read: (r) => (r as M<"n", "n">).data };
    },
    det({ n, a }) {
      const N = dim("n", n);
      const A = fromData(N, N, a);
      return { run: () => det(A), read: (r) => (r as Matrix<1, 1>).item() };
    },
    solve({ n, nrhs, a, b }) {
      const N = dim("n", n), K = dim("k", nrhs);
      const A = fromData(N, N, a), B = fromData(N, K, b);
      return { run: () => solve(A, B), read: (r) => (r as M<"n", "k">).data };
    },
    elementwise({ fn, rows, cols, a }) {
      const A = fromData(dim("r", rows), dim("c", cols), a);
      const f = { tanh, exp, sigmoid, log, softplus, sin }[fn];
      return { run: () => f(A), read: (r) => (r as M<"r", "c">).data };
    },
    train({ h, s, A, b, X, Y }) {
      const H = dim("h", h), S = dim("s", s);
      const x = fromData(H, S, X), y = fromData(H, S, Y);
      const params = { A: fromData(H, H, A), b: fromData(H, 1, b) };
      // L = ½‖Y − tanh(AX + b·1ᵀ)‖²
      const L = (p: { A: M<"h", "h">; b: Vector<Dim<"h">> }) => sumSquares(y.sub(tanh(addToCols(p.A.matmul(x), p.b)))).scale(0.5);
      const step = valueAndGradient(L);
      return {
        run: () => step(params),
        read: (r) => {
          const { value, gradient } = r as ReturnType<typeof step>;
          return [value.item(), gradient.A.data, gradient.b.data];
        },
      };
    },
    logreg({ n, d, X, y, theta }) {
      const Nn = dim("n", n), D = dim("d", d);
      const x = fromData(Nn, D, X), t = fromData(Nn, 1, y), w = fromData(D, 1, theta);
      // L = Σ softplus(Xθ) − yᵀXθ
      const L = (v: Vector<Dim<"d">>) => {
        const z = x.matmul(v);
        return sum(softplus(z)).sub(t.T.matmul(z));
      };
      const step = valueAndGradient(L);
      return {
        run: () => step(w),
        read: (r) => {
          const { value, gradient } = r as ReturnType<typeof step>;
          return [value.item(), gradient.data];
        },
      };
    },
    ...derivativeCases((f) => f),
    jacmode({ n, m, W, x, mode }) {
      const N = dim("n", n), Mm = dim("m", m);
      const w = fromData(Mm, N, W), xv = fromData(N, 1, x);
      const J = jacobian((v: Vector<Dim<"n">>) => tanh(w.matmul(v)), { mode });
      return { run: () => J(xv), read: (r) => (r as M<"m", "n">).data };
    },
  },
};

/**
 * The Jacobian and Hessian cases, with `prepare` applied to the derivative function: as it is
 * here, under `jit` in the "shapecalc jit" column (the bench warms every case up before timing,
 * so the jitted column is timed on its replays).
 */
export function derivativeCases(prepare: <F extends (x: never) => unknown>(f: F) => F): Pick<Lib["ops"], "jacobianA" | "hessian"> {
  return {
    jacobianA({ m, n, A, x, b }) {
      const Mm = dim("m", m), N = dim("n", n);
      const a = fromData(Mm, N, A), xv = fromData(N, 1, x), bv = fromData(Mm, 1, b);
      const J = prepare(jacobian((W: M<"m", "n">) => tanh(W.matmul(xv).add(bv))));
      return { run: () => J(a), read: (r) => (r as { data: Float64Array }).data };
    },
    hessian({ n, W, x }) {
      const N = dim("n", n);
      const w = fromData(N, N, W), xv = fromData(N, 1, x);
      const H = prepare(hessian((v: Vector<Dim<"n">>) => sum(tanh(w.matmul(v)))));
      return { run: () => H(xv), read: (r) => (r as M<"n", "n">).data };
    },
  };
}
