/**
 * shapecalc on one thread: the shapecalc column's matrix product with `configure({ threads: 1 })`
 * around each call, so that the products that use two threads in that column (256³ multiply-adds
 * and more) are also compared thread for thread with the peers, which all run on one. Smaller
 * products run as in the shapecalc column (the setting does not change them), and the other
 * cases never use a second thread, so this column has only the products.
 */
import { configure } from "../../src/index";
import { THREADS_MIN_WORK } from "../../src/kernels/gemm";
import { shapecalcLib } from "./shapecalc";
import type { Lib } from "./common";

export const shapecalcOneThreadLib: Lib = {
  id: "shapecalc-1t",
  label: "shapecalc 1 thread",
  note: "float64; the shapecalc column's matmul with configure({ threads: 1 }) (the other cases use one thread in that column already)",
  ops: {
    matmul(input) {
      const prepared = shapecalcLib.ops.matmul!(input);
      // below the two-thread size the setting changes nothing: time the same call, untouched
      if (input.n ** 3 < THREADS_MIN_WORK) return prepared;
      const { run, read } = prepared;
      return {
        run: () => {
          configure({ threads: 1 });
          try {
            return run();
          } finally {
            configure({ threads: 2 }); // the default, which the shapecalc column runs with
          }
        },
        read,
      };
    },
  },
};
