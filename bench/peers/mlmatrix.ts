/** ml-matrix 6.15.1: dense float64 matrices (an array of Float64Array rows); linear algebra by LU; no autodiff. */
import { Matrix, determinant, inverse, solve } from "ml-matrix";
import { Unsupported, type Lib } from "./common";

const from = (data: Float64Array, rows: number, cols: number) => Matrix.from1DArray(rows, cols, data);
const flat = (r: unknown) => (r as Matrix).to1DArray();

export const mlMatrixLib: Lib = {
  id: "ml-matrix",
  label: "ml-matrix",
  note: "ml-matrix 6.15.1, float64 (rows of Float64Array); no sigmoid or softplus, no autodiff",
  ops: {
    matmul({ n, a, b }) {
      const A = from(a, n, n), B = from(b, n, n);
      return { run: () => A.mmul(B), read: flat };
    },
    inv({ n, a }) {
      const A = from(a, n, n);
      return { run: () => inverse(A), read: flat };
    },
    det({ n, a }) {
      const A = from(a, n, n);
      return { run: () => determinant(A), read: (r) => r as number };
    },
    solve({ n, nrhs, a, b }) {
      const A = from(a, n, n), B = from(b, n, nrhs);
      return { run: () => solve(A, B), read: flat };
    },
    elementwise({ fn, rows, cols, a }) {
      if (fn === "sigmoid" || fn === "softplus") throw new Unsupported(`no ${fn}`);
      const A = from(a, rows, cols);
      const f = { tanh: Matrix.tanh, exp: Matrix.exp, log: Matrix.log, sin: Matrix.sin }[fn];
      return { run: () => f(A), read: flat };
    },
  },
};
