/**
 * shapecalc with `jit`: the same public-API code as the shapecalc column, traced once (outside the
 * timing, by a warm-up call) and replayed with planned buffers. Data are arguments, as the jit
 * docs advise, so the timed call is exactly what a training loop runs.
 */
import { addToCols, dim, fromData, jit, sumSquares, tanh, valueAndGradient, type Dim, type Matrix, type Vector } from "../../src/index";
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
    ...derivativeCases((f) => jit(f)),
  },
};
