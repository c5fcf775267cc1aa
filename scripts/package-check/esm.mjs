// The built package as an ES module consumer imports it (scripts/check-package.mjs).
import assert from "node:assert/strict";
import { mat, vec, grad, gradient, sumSquares, matmul, randn, ShapeError } from "shapecalc";

const A = mat([[1, 2], [3, 4]]);
const f = (x) => sumSquares(matmul(A, x));
// ‖Ax‖² has gradient 2AᵀAx: at x = (1, 1), Ax = (3, 7) and 2Aᵀ(3, 7) = (48, 68)
assert.deepEqual(Array.from(grad(f)(vec([1, 1])).data), [48, 68]);
assert.equal(gradient(f)(vec([1, 1])).rows, 2);
assert.throws(() => matmul(A, mat([[1, 2, 3]])), ShapeError);
// a large product: the WebAssembly kernels, and the second thread once its worker is up
const B = randn(300, 300, { seed: 1 });
const first = B.matmul(B);
await new Promise((r) => setTimeout(r, 300));
assert.deepEqual(B.matmul(B).data, first.data);
console.log("esm: ok");
