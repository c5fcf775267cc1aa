/**
 * Kronecker forms of the structural operations: slice, pad, concat (vstack/hstack), assemble
 * (mat of traced scalars), diag, diagPart, reshape, kron and kronContract (kron's adjoint, met when a
 * gradient of a kron is differentiated again). Each is checked against the numeric `jacobian` on
 * random shapes and values (fast-check, fixed seeds), and a few printed forms are pinned:
 * selections print as rows/columns of the identity in slice notation (I[1:3, :], I[:, ::4]) and
 * the perfect shuffle of kron as I ⊗ K ⊗ I.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  Matrix, Tensor, add, mul, tanh, sin, matmul, transpose, sumSquares, sum, jacobian, gradient, fromData, sliceRows, sliceCols, rowOf, colOf, at,
  vstack, hstack, diag, diagPart, kron, mat, reshape, max, logSumExp, softmax,
} from "../src/index";
import { symbol, derivative, gradientOf, evaluate, compile, toLatex } from "../src/symbolic/index";
import { rng } from "./core-helpers";

/* eslint-disable @typescript-eslint/no-explicit-any */
type M = Matrix<any, any>;
const A: any = { add, mul, matmul, vstack, hstack, kron, diag, diagPart, reshape, sliceRows, sliceCols };

const dataOf = (v: unknown): Float64Array => (v instanceof Tensor ? v.data : (v as M).data);

function close(a: Float64Array, b: Float64Array, tol = 1e-9): string | null {
  if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (!(Math.abs(a[i] - b[i]) <= tol * (1 + Math.abs(b[i])))) return `entry ${i}: symbolic ${a[i]} vs numeric ${b[i]}`;
  }
  return null;
}

const randM = (rows: number, cols: number, seed: number): M => {
  const r = rng(seed);
  return fromData(rows as any, cols as any, Float64Array.from({ length: rows * cols }, () => r() * 2 - 1));
};

/**
 * f(X, C) on symbols, differentiated symbolically with respect to X (and C), evaluated, against
 * the numeric jacobian of f on numbers; the compiled derivative must agree with evaluate.
 */
function check(f: (X: M, C: M) => M, xs: [number, number], cs: [number, number], seed: number, wrtC = true): void {
  const Xs = symbol("X", xs[0] as any, xs[1] as any) as M, Cs = symbol("C", cs[0] as any, cs[1] as any) as M;
  const Xn = randM(xs[0], xs[1], seed), Cn = randM(cs[0], cs[1], seed + 7);
  const env = { X: Xn, C: Cn };
  const y = f(Xs, Cs);
  const vars: ["X" | "C", M, (z: M) => M, M][] = [["X", Xs, (z) => f(z, Cn), Xn]];
  if (wrtC) vars.push(["C", Cs, (z) => f(Xn, z), Cn]);
  for (const [name, s, fn, at0] of vars) {
    const d = derivative(y, s);
    const ds = dataOf(evaluate(d as any, env));
    const dn = dataOf(jacobian(fn)(at0));
    const err = close(ds, dn);
    if (err !== null) throw new Error(`d/d${name} = ${String(d)}: ${err}`);
    const flat = d instanceof Tensor ? (d.toMatrix() as M) : (d as M);
    const [cv] = compile([flat], [Xs, Cs])(Xn.data, Cn.data);
    const errC = close(cv, ds, 1e-12);
    if (errC !== null) throw new Error(`compiled d/d${name} = ${String(d)}: ${errC}`);
  }
}

const dim = fc.integer({ min: 1, max: 4 });
const shape = fc.tuple(dim, dim);
const seedA = fc.integer({ min: 1, max: 1e9 });
const RUNS = { numRuns: 120, seed: 20240611 };

/** A random window r0 ≤ r1 ≤ rows (non-empty). */
const range = (n: number) => fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: n })).map(([a, k]) => [a, Math.min(n, a + k)] as const);

describe("slice", () => {
  it("X[r0:r1, c0:c1] (nested row/column slices), of X and of tanh(X)·C", () => {
    fc.assert(
      fc.property(
        shape.chain(([m, n]) => fc.tuple(fc.constant([m, n] as [number, number]), range(m), range(n), fc.boolean())),
        seedA,
        ([[m, n], [r0, r1], [c0, c1], inner], seed) => {
          const g = (X: M, C: M) => (inner ? A.matmul(tanh(X), C) : X);
          check((X, C) => A.sliceCols(A.sliceRows(g(X, C), r0, r1), c0, c1), [m, n], [n, n], seed, inner);
        },
      ),
      RUNS,
    );
  });

  it("rows, columns and strided slices of slices compose (rowOf, colOf, slices of a product)", () => {
    fc.assert(
      fc.property(shape, seedA, fc.nat(), ([m, n], seed, k) => {
        const i = k % m, j = k % n;
        check((X) => rowOf(X, i), [m, n], [1, 1], seed, false);
        check((X) => colOf(X, j), [m, n], [1, 1], seed, false);
        check((X, C) => A.sliceRows(A.sliceRows(A.matmul(C, X), 0, Math.max(1, m - 1)), 0, 1), [m, n], [m, m], seed);
        check((X) => sin(A.sliceCols(X, j, n)), [m, n], [1, 1], seed, false);
      }),
      RUNS,
    );
  });
});

describe("pad (the adjoint of slice, met in a differentiated gradient)", () => {
  it("d/dX of ∇‖X[r0:r1, c0:c1] ⊙ C‖² (a pad of a slice)", () => {
    fc.assert(
      fc.property(
        shape.chain(([m, n]) => fc.tuple(fc.constant([m, n] as [number, number]), range(m), range(n))),
        seedA,
        ([[m, n], [r0, r1], [c0, c1]], seed) => {
          const f = (X: M, C: M): M => sumSquares(A.mul(A.sliceCols(A.sliceRows(tanh(X), r0, r1), c0, c1), C));
          const cs: [number, number] = [r1 - r0, c1 - c0];
          const Xs = symbol("X", m as any, n as any) as M, Cs = symbol("C", cs[0] as any, cs[1] as any) as M;
          const g = gradientOf(f(Xs, Cs) as any, Xs) as M; // pad(…) inside
          const Xn = randM(m, n, seed), Cn = randM(cs[0], cs[1], seed + 1);
          for (const [s, fn, at0] of [[Xs, (z: M) => f(z, Cn), Xn], [Cs, (z: M) => f(Xn, z), Cn]] as const) {
            const d = derivative(g, s);
            const ds = dataOf(evaluate(d as any, { X: Xn, C: Cn }));
            const dn = dataOf(jacobian((z: M) => (s === Xs ? gradient(fn as any)(z) : gradient((w: M) => f(w, z) as any)(Xn)) as M)(at0));
            const err = close(ds, dn, 1e-8);
            if (err !== null) throw new Error(`${String(d)}: ${err}`);
          }
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe("concat", () => {
  it("vstack and hstack of dependent and constant parts", () => {
    fc.assert(
      fc.property(shape, dim, seedA, ([m, n], k, seed) => {
        check((X, C) => A.vstack(X, C), [m, n], [k, n], seed);
        check((X, C) => A.vstack(A.matmul(C, X), tanh(X)), [m, n], [k, m], seed);
        check((X, C) => A.hstack(C, X), [m, n], [m, k], seed);
        check((X, C) => A.hstack(A.matmul(X, C), sin(X)), [m, n], [n, k], seed);
        check((X) => A.vstack(A.hstack(X, tanh(X)), transpose(A.vstack(transpose(X), transpose(X)))), [m, n], [1, 1], seed, false);
      }),
      RUNS,
    );
  });
});

describe("assemble (mat of traced scalars)", () => {
  it("a matrix of entries and products of entries", () => {
    fc.assert(
      fc.property(shape, dim, dim, seedA, fc.array(fc.nat(), { minLength: 16, maxLength: 16 }), ([m, n], r, c, seed, picks) => {
        const f = (X: M, C: M): M => {
          const rows: M[][] = [];
          for (let i = 0; i < r; i++) {
            const row: M[] = [];
            for (let j = 0; j < c; j++) {
              const p = picks[i * c + j], e = at(X, p % m, (p >> 2) % n) as M;
              row.push(p % 3 === 0 ? (at(C, 0, 0) as M) : p % 3 === 1 ? e : A.mul(e, at(X, (p >> 3) % m, (p >> 5) % n)));
            }
            rows.push(row);
          }
          return mat(rows as any) as M;
        };
        check(f, [m, n], [1, 1], seed);
      }),
      RUNS,
    );
  });
});

describe("diag and diagPart", () => {
  it("diag of a column or row, diagPart of a square or rectangular matrix", () => {
    fc.assert(
      fc.property(shape, seedA, ([m, n], seed) => {
        check((X, C) => A.diag(A.matmul(X, C)), [m, n], [n, 1], seed);
        check((X, C) => A.diag(A.matmul(C, X)), [m, n], [1, m], seed);
        check((X) => A.diagPart(X), [m, n], [1, 1], seed, false);
        check((X, C) => A.diagPart(A.matmul(A.matmul(X, C), transpose(X))), [m, n], [n, n], seed);
        check((X) => A.diag(A.diagPart(tanh(X))), [m, n], [1, 1], seed, false);
      }),
      RUNS,
    );
  });
});

describe("reshape", () => {
  it("reshape of a product and a slice", () => {
    fc.assert(
      fc.property(shape, seedA, ([m, n], seed) => {
        check((X, C) => A.reshape(A.matmul(X, C), n, m), [m, n], [n, n], seed);
        check((X) => A.reshape(A.sliceRows(X, 0, 1), n, 1), [m, n], [1, 1], seed, false);
      }),
      RUNS,
    );
  });
});

describe("kron and kronContract", () => {
  it("kron(X, C), kron(C, X), kron(X, X)", () => {
    fc.assert(
      fc.property(fc.tuple(dim, dim), fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })), seedA, ([m, n], [p, q], seed) => {
        check((X, C) => A.kron(X, C), [m, n], [p, q], seed);
        check((X, C) => A.kron(C, tanh(X)), [m, n], [p, q], seed);
        if (m * n <= 6) check((X) => A.kron(X, X), [m, n], [1, 1], seed, false);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it("the gradient of ‖X ⊗ C‖²-like losses (kronContract inside) differentiated again, with respect to X and C", () => {
    fc.assert(
      fc.property(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })), fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })), seedA, fc.boolean(), ([m, n], [p, q], seed, right) => {
        const f = (X: M, C: M): M => sumSquares(tanh(right ? A.kron(C, X) : A.kron(X, C)));
        const Xs = symbol("X", m as any, n as any) as M, Cs = symbol("C", p as any, q as any) as M;
        const Xn = randM(m, n, seed), Cn = randM(p, q, seed + 3);
        for (const [gv, fg] of [[Xs, (X: M, C: M) => gradient((w: M) => f(w, C) as any)(X) as M], [Cs, (X: M, C: M) => gradient((w: M) => f(X, w) as any)(C) as M]] as const) {
          const g = gradientOf(f(Xs, Cs) as any, gv) as M;
          for (const [s, fn, at0] of [[Xs, (z: M) => fg(z, Cn), Xn], [Cs, (z: M) => fg(Xn, z), Cn]] as const) {
            const d = derivative(g, s);
            const ds = dataOf(evaluate(d as any, { X: Xn, C: Cn }));
            const dn = dataOf(jacobian(fn as any)(at0));
            const err = close(ds, dn, 1e-8);
            if (err !== null) throw new Error(`${String(d)}: ${err}`);
          }
        }
      }),
      { numRuns: 40, seed: 13 },
    );
  });
});

describe("every core operation has a derivative (no Kronecker-form error)", () => {
  it("max, logSumExp over axes, softmax, sums over axes", () => {
    const X = symbol("X", 3, 2), Xn = randM(3, 2, 5);
    const fs: ((X: M) => M)[] = [
      (X) => A.vstack(max(X) as M, logSumExp(X) as M),
      (X) => softmax(A.sliceCols(X, 0, 1)),
      (X) => A.hstack(sum(X, 0 as any) as M, sum(X, 0 as any) as M),
    ];
    for (const f of fs) {
      const d = derivative(f(X as M), X);
      expect(close(dataOf(evaluate(d as any, { X: Xn })), dataOf(jacobian(f)(Xn)))).toBeNull();
    }
  });
});

describe("printed forms", () => {
  const X = symbol("X", 3, 3), Y = symbol("Y", 3, 4), x = symbol("x", 3), B = symbol("B", 2, 2), W = symbol("W", 2, 3);
  it("slices are selections (rows of the identity) on both sides of the Kronecker product", () => {
    expect(String(derivative(sliceRows(X, 1, 3), X))).toBe("I[1:3, :] ⊗ I");
    expect(String(derivative(sliceCols(X, 0, 2), X))).toBe("I ⊗ I[0:2, :]");
    expect(String(derivative(colOf(X, 1), X))).toBe("I ⊗ I[1, :]");
    expect(String(derivative(sliceRows(x, 1, 3), x))).toBe("I[1:3, :]");
    expect(String(derivative(sliceRows(W.matmul(X), 0, 1), X))).toBe("W[0, :] ⊗ I"); // (S ⊗ I)(W ⊗ I) = SW ⊗ I
    expect(toLatex(derivative(sliceRows(X, 1, 3), X))).toBe("I[1:3, :] \\otimes I");
  });

  it("concatenations embed (columns of the identity), diag/diagPart are strided selections", () => {
    expect(String(derivative(vstack(X, Y.T), X))).toBe("I[:, 0:9]");
    expect(String(derivative(hstack(X, Y), X))).toBe("I ⊗ I[:, 0:3]");
    expect(String(derivative(hstack(X, Y), Y))).toBe("I ⊗ I[:, 3:7]");
    expect(String(derivative(diag(x), x))).toBe("I[:, ::4]");
    expect(String(derivative(diagPart(X), X))).toBe("I[::4, :]");
    expect(String(derivative(diag(X.matmul(x)), x))).toBe("I[:, ::4]X");
  });

  it("kron: the perfect shuffle I ⊗ K ⊗ I", () => {
    expect(String(derivative(kron(X, B), X))).toBe("(I ⊗ K ⊗ I)(I ⊗ vec(B))");
    expect(String(derivative(kron(B, X), X))).toBe("(I ⊗ K ⊗ I)(vec(B) ⊗ I)");
    expect(toLatex(derivative(kron(X, B), X))).toBe(
      "\\left(I \\otimes K \\otimes I\\right) \\left(I \\otimes \\operatorname{vec}\\left(B\\right)\\right)",
    );
    // PᵀP = I: the shuffles of kron and of its adjoint cancel
    expect(String(derivative(gradientOf(sumSquares(kron(X, B)), B), B))).toBe("2(vec(X)ᵀvec(X))·I");
  });
});
