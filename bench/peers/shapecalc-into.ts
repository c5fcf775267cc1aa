/**
 * shapecalc with the out form: `matmulInto(C, A, B)` into one result matrix made before the timing,
 * as a hot loop would write it (and as the gl-matrix and ndarray-gemm columns write into
 * preallocated output). Same kernels and threads as the shapecalc column, which makes a new result
 * per call; the difference between the two is the cost of fresh result memory.
 */
import { dim, fromData, matmulInto, zeros } from "../../src/index";
import type { Lib } from "./common";

export const shapecalcIntoLib: Lib = {
  id: "shapecalc-into",
  label: "shapecalc into",
  note: "float64; matmulInto(C, A, B) into a result matrix allocated once (the out form for hot loops); threads as in the shapecalc column",
  ops: {
    matmul({ n, a, b }) {
      const N = dim("n", n);
      const A = fromData(N, N, a), B = fromData(N, N, b), C = zeros(N, N);
      return { run: () => matmulInto(C, A, B), read: () => C.data };
    },
  },
};
