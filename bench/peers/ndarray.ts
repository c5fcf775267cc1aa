/** ndarray 1.1.1 + ndarray-gemm 1.0.0 (scijs): strided views over a Float64Array; matmul only. */
import { createRequire } from "node:module";
import type { Lib } from "./common";

interface NdArray {
  readonly data: Float64Array;
  readonly shape: number[];
}
const require = createRequire(import.meta.url);
const ndarray = require("ndarray") as (data: Float64Array, shape: number[]) => NdArray;
const gemm = require("ndarray-gemm") as (c: NdArray, a: NdArray, b: NdArray, alpha?: number, beta?: number) => void;

export const ndarrayLib: Lib = {
  id: "ndarray",
  label: "ndarray-gemm",
  note: "ndarray 1.1.1 + ndarray-gemm 1.0.0, float64, output array preallocated; matmul only",
  ops: {
    matmul({ n, a, b }) {
      const A = ndarray(Float64Array.from(a), [n, n]), B = ndarray(Float64Array.from(b), [n, n]);
      const C = ndarray(new Float64Array(n * n), [n, n]);
      return {
        run: () => {
          gemm(C, A, B);
          return C.data;
        },
      };
    },
  },
};
