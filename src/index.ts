/**
 * shapecalc: matrix calculus with dimensions in the types.
 * @packageDocumentation
 */
export { Matrix, isMatrix, type Vector, type Row, type Scalar } from "./matrix";
export { ShapeError, SingularMatrixError, ValueError } from "./errors";
export type { Dim, DimLike, ShapeMismatch, CheckDim } from "../types/dim";
export type { Mul, Add, Sub, Product } from "../types/arith";
export * from "./construct";
export { add, sub, mul, div, scale, addScalar, neg, scalar, exp, log, sin, cos, tanh, sigmoid, relu, abs, sign, sqrt, pow, softplus, logSigmoid } from "./ops/elementwise";
export { matmul, matmulInto, outer, det, logAbsDet, signDet, inv, solve, kron } from "./ops/linalg";
export { transpose } from "./ops/transpose";
export { sum, mean, max, logSumExp, softmax, logSoftmax, sumSquares, dot, norm, repeatRows, repeatCols, addToRows, addToCols, type Axis, type NormOrder } from "./ops/reduce";
export { reshape, flatten, vecCols, unvecCols, sliceRows, sliceCols, rowOf, colOf, at, vstack, hstack, diag, diagPart, trace } from "./ops/structure";
export { Tensor, tensor, type InputShaped } from "./tensor";
export type { Denominator, Dims, DimsOf } from "../types/deriv";
export {
  grad,
  gradient,
  valueAndGrad,
  valueAndGradient,
  vjp,
  jvp,
  jacobian,
  jacobianT,
  hessian,
  chain,
  chainT,
  asDenominator,
  type Params,
  type Differentiable,
  type Derivative,
  type JacobianOf,
  type GradOf,
  type GradientOf,
  type JacobianMode,
} from "./autodiff/api";
export { numericJacobian, checkGrad, type NumericOptions, type CheckGradOptions, type GradCheckReport } from "./autodiff/check";
export { observeKernels, type KernelObserver } from "./core/primitive";
export { jit } from "./jit/jit";
export { configure, kernelInfo, type KernelInfo, type KernelOptions } from "./config";
export { symbol, isSymbolic, SymbolicMatrix, SymbolicTensor, derivative, gradientOf, explain, explainLatex, evaluate, compile, compileSchedule, printExpr, toLatex, type SymbolOptions, type Binding, type Bindings, type CompiledFn } from "./symbolic/index";
