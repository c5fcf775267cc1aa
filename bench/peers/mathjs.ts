/**
 * mathjs 15.2.0: DenseMatrix over nested JS arrays of numbers (float64). `tanh` and `exp` do not
 * apply to matrices in mathjs 15 ("try map(M, tanh)"), so the element-wise cases use `map(M, f)`;
 * mathjs has no sigmoid or softplus.
 * Derivatives in mathjs are symbolic (`derivative` of an expression), not numeric autodiff.
 */
import { det, exp, inv, log, lup, lusolve, map, matrix, multiply, sin, tanh, type Matrix } from "mathjs";
import { Unsupported, toRows, type Lib } from "./common";

const from = (data: Float64Array, rows: number, cols: number) => matrix(toRows(data, rows, cols));
const flat = (r: unknown) => ((r as Matrix).toArray() as number[][]).flat();

export const mathjsLib: Lib = {
  id: "mathjs",
  label: "mathjs",
  note: "mathjs 15.2.0, float64 (DenseMatrix of nested arrays); element-wise tanh, exp, log and sin via map(M, f), no sigmoid or softplus; solve with k > 1 rhs = lup once + lusolve per column; no numeric autodiff",
  ops: {
    matmul({ n, a, b }) {
      const A = from(a, n, n), B = from(b, n, n);
      return { run: () => multiply(A, B), read: flat };
    },
    inv({ n, a }) {
      const A = from(a, n, n);
      return { run: () => inv(A), read: flat };
    },
    det({ n, a }) {
      const A = from(a, n, n);
      return { run: () => det(A), read: (r) => r as number };
    },
    solve({ n, nrhs, a, b }) {
      const A = from(a, n, n);
      if (nrhs === 1) return { run: () => lusolve(A, from(b, n, 1)), read: flat };
      // lusolve takes one right-hand side (an n×k B fails: "Matrix columns must match vector length"):
      // factor once with lup, then lusolve each column.
      const cols = Array.from({ length: nrhs }, (_, j) => matrix(Array.from({ length: n }, (_, i) => [b[i * nrhs + j]])));
      return {
        run: () => {
          const f = lup(A);
          return cols.map((c) => lusolve(f, c));
        },
        read: (r) => {
          const xs = (r as Matrix[]).map((m) => (m.toArray() as number[][]).flat());
          return Float64Array.from({ length: n * nrhs }, (_, k) => xs[k % nrhs][Math.floor(k / nrhs)]);
        },
      };
    },
    elementwise({ fn, rows, cols, a }) {
      if (fn === "sigmoid" || fn === "softplus") throw new Unsupported(`no ${fn}`);
      const A = from(a, rows, cols);
      // map passes (value, index, matrix): log(value, index) would be a logarithm to base index
      const f = { tanh, exp, log: (x: number) => log(x), sin: (x: number) => sin(x) }[fn];
      return { run: () => map(A, f), read: flat };
    },
  },
};
