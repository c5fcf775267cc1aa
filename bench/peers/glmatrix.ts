/**
 * gl-matrix 3.4.4: fixed-size 4×4 (graphics) matrices, column-major, output preallocated. Fed
 * Float64Array storage so it computes in float64. Row-major A·B = C is column-major Bᵀ·Aᵀ = Cᵀ,
 * hence `multiply(out, B, A)`. Only the 4×4 case exists.
 */
import { mat4 } from "gl-matrix";
import { Unsupported, type Lib } from "./common";

export const glMatrixLib: Lib = {
  id: "gl-matrix",
  label: "gl-matrix",
  note: "gl-matrix 3.4.4, 4×4 only, Float64Array storage, output preallocated",
  ops: {
    matmul({ n, a, b }) {
      if (n !== 4) throw new Unsupported("4×4 only");
      const A = Float64Array.from(a), B = Float64Array.from(b), C = new Float64Array(16);
      return {
        run: () => mat4.multiply(C as unknown as mat4, B as unknown as mat4, A as unknown as mat4),
        read: () => C,
      };
    },
  },
};
