/**
 * Utilities keep shapes: `zerosLike` / `onesLike` / `linspace` have the shape of their argument,
 * `mapParams` keeps every parameter's type, and a `tensor` keeps its output/input split, with
 * `slice(o)` (∂f_o/∂X) in the input's shape. `configure` accepts only its options and values.
 */
import { expectError, expectType } from "tsd";
import { configure, kernelInfo, linspace, mapParams, mat, onesLike, tensor, vec, zerosLike, type KernelInfo, type Matrix, type Tensor, type Vector } from "../src/index";

const A = mat([[1, 2, 3], [4, 5, 6]]);
// the shape of the argument, nothing else
expectType<Matrix<2, 3>>(zerosLike(A));
expectType<Matrix<2, 3>>(onesLike(A));
expectType<Vector<5>>(linspace(0, 1, 5));
declare const k: number;
expectError(linspace(0, 1, k));
// mapParams keeps every parameter's type
const theta = { W: A, b: vec([1, 2]) };
expectType<{ W: Matrix<2, 3>; b: Vector<2> }>(mapParams(theta, (p) => p));
// a tensor keeps its output/input split; a slice ∂f_o/∂X has the input's shape
const T = tensor([2], [2, 3], new Float64Array(12));
expectType<Tensor<[2], [2, 3]>>(T);
expectType<Matrix<2, 3>>(T.slice(0));
expectType<Matrix<3, 1>>(tensor([2], [3], new Float64Array(6)).slice(1));

// configure takes only its options and values; kernelInfo says what runs
expectType<KernelInfo>(kernelInfo());
expectType<"relaxed" | "simd" | null>(kernelInfo().wasm);
expectType<void>(configure({ threads: 1, backend: "auto" }));
expectError(configure({ threads: 3 }));
expectError(configure({ backend: "gpu" }));
expectError(configure({ thread: 1 }));
