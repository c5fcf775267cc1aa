// The built package as a CommonJS consumer requires it (scripts/check-package.mjs).
const assert = require("node:assert/strict");
const { mat, vec, grad, sumSquares, matmul, randn } = require("shapecalc");

const A = mat([[1, 2], [3, 4]]);
assert.deepEqual(Array.from(grad((x) => sumSquares(matmul(A, x)))(vec([1, 1])).data), [48, 68]);
const B = randn(300, 300, { seed: 1 });
const first = B.matmul(B);
setTimeout(() => {
  assert.deepEqual(B.matmul(B).data, first.data);
  console.log("cjs: ok");
}, 300);
