/**
 * shapecalc with `jit`: the same public-API code as the shapecalc column, traced once (outside the
 * timing, by a warm-up call) and replayed with planned buffers. Data are arguments, as the jit
 * docs advise, so the timed call is exactly what a training loop runs.
 */
import { addToCols, dim, fromData, jit, softplus, sum, sumSquares, tanh, valueAndGradient, type Dim, type Matrix, type Vector } from "../../src/index";
import { derivativeCases } from "./shapecalc";
import type { Lib } from "./common";

type M<R extends string, C extends string> = Matrix<Dim<R>, Dim<C>>;

export const shapecalcJitLib: Lib = {
  id: "shapecalc-jit",
  label: "shapecalc jit",
  note: "float64; the shapecalc column's code under `jit` (traced once per shape, replayed with planned buffers); single thread",
  ops: {
    train({ h, s, A, b, X, Y }) {
      const H = dim("h", h), S = dim("s", s);
      type P = { A: M<"h", "h">; b: Vector<Dim<"h">> };
      const x = fromData(H, S, X), y = fromData(H, S, Y);
      const params: P = { A: fromData(H, H, A), b: fromData(H, 1, b) };
      // L = ½‖Y − tanh(AX + b·1ᵀ)‖²
      const L = (p: P, x: M<"h", "s">, y: M<"h", "s">) => sumSquares(y.sub(tanh(addToCols(p.A.matmul(x), p.b)))).scale(0.5);
      const step = jit((p: P, x: M<"h", "s">, y: M<"h", "s">) => valueAndGradient((q: P) => L(q, x, y))(p));
      step(params, x, y); // trace
      return {
        run: () => step(params, x, y),
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
      const L = (v: Vector<Dim<"d">>, x: M<"n", "d">, t: Vector<Dim<"n">>) => {
        const z = x.matmul(v);
        return sum(softplus(z)).sub(t.T.matmul(z));
      };
      const step = jit((v: Vector<Dim<"d">>, x: M<"n", "d">, t: Vector<Dim<"n">>) => valueAndGradient((u: Vector<Dim<"d">>) => L(u, x, t))(v));
      step(w, x, t); // trace
      return {
        run: () => step(w, x, t),
        read: (r) => {
          const { value, gradient } = r as ReturnType<typeof step>;
          return [value.item(), gradient.data];
        },
      };
    },
    ...derivativeCases((f) => jit(f)),
  },
};
