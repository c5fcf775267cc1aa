/**
 * shapecalc's symbolic route (issue 6) for the training step: the closed-form gradient derived once
 * by `gradientOf` and compiled with the loss into one Float64Array function with preallocated buffers.
 */
import { addToCols, compile, dim, gradientOf, sumSquares, symbol, tanh } from "../../src/index";
import type { Lib } from "./common";

export const shapecalcCompiledLib: Lib = {
  id: "shapecalc-compiled",
  label: "shapecalc compiled",
  note: "float64; the symbolic closed-form gradient (gradientOf), derived and compiled once outside the timing (compile)",
  ops: {
    train({ h, s, A, b, X, Y }) {
      const H = dim("h", h), S = dim("s", s);
      const As = symbol("A", H, H), bs = symbol("b", H), Xs = symbol("X", H, S), Ys = symbol("Y", H, S);
      const L = sumSquares(Ys.sub(tanh(addToCols(As.matmul(Xs), bs)))).scale(0.5);
      const g = gradientOf(L, { A: As, b: bs });
      const step = compile([L, g.A, g.b], [As, bs, Xs, Ys]);
      return {
        run: () => step(A, b, X, Y),
        read: (r) => {
          const [l, gA, gb] = r as Float64Array[];
          return [l[0], gA, gb];
        },
      };
    },
  },
};
