// A TypeScript consumer of the built declarations (scripts/check-package.mjs checks it with strict
// settings and the consumer's own module resolution).
import { mat, vec, grad, gradient, sumSquares, matmul, type Matrix, type Vector } from "shapecalc";

const A = mat([[1, 2, 3], [4, 5, 6]]);
const x = vec([1, 1, 1]);
const f = (v: Vector<3>) => sumSquares(matmul(A, v));
export const row: Matrix<1, 3> = grad(f)(x);
export const updated: Vector<3> = x.sub(gradient(f)(x).scale(0.1));
// @ts-expect-error inner dimensions differ (2×3 · 2×3)
matmul(A, A);
// @ts-expect-error a 1×3 row gradient is not a 3×1 parameter
x.sub(grad(f)(x));
