/**
 * shapecalc on one thread: the shapecalc column's matrix product with `configure({ threads: 1 })`
 * around each call, so that the products that use two threads in that column (256³ multiply-adds
 * and more) are also compared thread for thread with the peers, which all run on one. The other
 * cases never use a second thread, so this column has only the products.
 */
import { configure, dim, fromData, type Dim, type Matrix } from "../../src/index";
import type { Lib } from "./common";

export const shapecalcOneThreadLib: Lib = {
  id: "shapecalc-1t",
  label: "shapecalc 1 thread",
  note: "float64; the shapecalc column's matmul with configure({ threads: 1 }) (the other cases use one thread in that column already)",
  ops: {
    matmul({ n, a, b }) {
      const N = dim("n", n);
      const A = fromData(N, N, a), B = fromData(N, N, b);
      return {
        run: () => {
          configure({ threads: 1 });
          try {
            return A.matmul(B);
          } finally {
            configure({ threads: 2 }); // the default, which the shapecalc column runs with
          }
        },
        read: (r) => (r as Matrix<Dim<"n">, Dim<"n">>).data,
      };
    },
  },
};
