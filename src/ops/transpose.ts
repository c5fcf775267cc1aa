/**
 * Transposition, Aᵀ: its own module so that both linear algebra (./linalg.ts) and the reshaping
 * operations (./structure.ts: vec and its inverse) use the one primitive.
 */
import { allocOutput } from "../core/alloc";
import { transposeMembers } from "../core/batching";
import { bind, primitive, type Primitive } from "../core/primitive";
import { transposeInto } from "../kernels/transpose";
import type { Matrix } from "../matrix";

export const transposeP: Primitive = primitive({
  name: "transpose",
  writesOut: true,
  shape: ([a]) => [a.cols, a.rows],
  impl([a], _p, r, c, dest) {
    const out = dest ?? allocOutput(r * c);
    transposeInto(a.data, 0, a.rows, a.cols, out, 0);
    return out;
  },
  batch: ([a], _p, size) => transposeMembers(a.data, a.rows, a.cols, size),
  jvp: (_, [t]) => (t === null ? null : bind(transposeP, [t], undefined)),
  vjp: (_p, _o, g) => [bind(transposeP, [g], undefined)],
});

/**
 * Aᵀ.
 * @example
 * ```ts
 * const At = transpose(mat([[1, 2, 3], [4, 5, 6]]));   // Matrix<3, 2>
 * ```
 */
export function transpose<R extends number, C extends number>(a: Matrix<R, C>): Matrix<C, R> {
  return bind(transposeP, [a], undefined) as Matrix<C, R>;
}
