/**
 * The chain rule in numerator layout: `chain(dg_df, df_dx)` = d(g∘f)/dx, contracting over f's dims.
 * The outer derivative's input dims must equal the inner one's output dims exactly (no union
 * widening, no mixing of symbolic names); the result has the outer's output dims and the inner's
 * input dims, a Matrix when that is 2-D and a Tensor otherwise. For 2-D derivatives chain = matmul.
 */
import { expectError, expectType } from "tsd";
import {
  chain, diag, dim, eye, grad, jacobian, sub, sumSquares, tanh, zeros,
  type Dim, type Matrix, type Row, type Scalar, type Tensor, type Vector,
} from "../src/index";

type M = Dim<"m">;
type N = Dim<"n">;
const m = dim("m", 4);
const n = dim("n", 6);

// ---------------------------------------------------------------- matrices: Row<M> · Matrix<M, N>

// seed 000 (S000-4): ∂L/∂θ = (∂L/∂e)(∂e/∂θ), 1×N · N×D → 1×D
declare const dL_de: Row<5>;
declare const de_dtheta: Matrix<5, 3>;
expectType<Matrix<1, 3>>(chain(dL_de, de_dtheta));
expectType<Matrix<1, 3>>(dL_de.matmul(de_dtheta)); // chain = matmul for 2-D derivatives
// R^N → R^M → R^P: P×M · M×N → P×N
declare const dg_df: Matrix<4, 2>;
declare const df_dx: Matrix<2, 3>;
expectType<Matrix<4, 3>>(chain(dg_df, df_dx));
// symbolic: 1×m · m×n → 1×n
declare const dL_dfS: Row<M>;
declare const df_dxS: Matrix<M, N>;
expectType<Matrix<1, N>>(chain(dL_dfS, df_dxS));
// seed 001 (S001-15): f(x(t)), x(t) ∈ R^2: df/dt = (∂f/∂x)(dx/dt), 1×2 · 2×1 → 1×1
declare const df_dx2: Row<2>;
declare const dx_dt: Vector<2>;
expectType<Matrix<1, 1>>(chain(df_dx2, dx_dt));
// seed 002 (S002-13): scalar chain rule, 1×1 · 1×1 → 1×1
declare const dg_dz: Scalar;
declare const dz_dx: Scalar;
expectType<Scalar>(chain(dg_dz, dz_dx));

// ---------------------------------------------------------------- a Row with a Tensor

// seed 000/002: ∂L/∂A = (∂L/∂z)(∂z/∂A) with z = Ax: 1×M · M×(M×N) → 1×(M×N)
declare const dL_dz: Matrix<1, 2>;
declare const dz_dA: Tensor<[2], [2, 3]>;
expectType<Tensor<[1], [2, 3]>>(chain(dL_dz, dz_dA));
expectType<Tensor<[1], [M, N]>>(chain(dL_dfS, {} as Tensor<[M], [M, N]>));
// seed 002 (S002-27): ∂f/∂A = (∂f/∂z)(∂z/∂A), M×M · M×(M×N) → M×(M×N)
declare const df_dz: Matrix<2, 2>;
expectType<Tensor<[2], [2, 3]>>(chain(df_dz, dz_dA));

// ---------------------------------------------------------------- tensors with tensors

// seed 000 (S000-9): L(K), K = RᵀR, R ∈ R^{M×N}: (1×(N×N)) · ((N×N)×(M×N)) → 1×(M×N)
declare const dL_dK: Tensor<[1], [3, 3]>;
declare const dK_dR: Tensor<[3, 3], [4, 3]>;
expectType<Tensor<[1], [4, 3]>>(chain(dL_dK, dK_dR));
expectType<Tensor<[1], [M, N]>>(chain({} as Tensor<[1], [N, N]>, {} as Tensor<[N, N], [M, N]>));
// a contraction that leaves two dims gives a Matrix: (1×(2×3)) · ((2×3)×4) → 1×4
declare const dL_dA: Tensor<[1], [2, 3]>;
declare const dA_dx: Tensor<[2, 3], [4]>;
expectType<Matrix<1, 4>>(chain(dL_dA, dA_dx));
// a tensor output with a matrix inner derivative: ((4×2)×3) · (3×5) → (4×2)×5
declare const dA42_dx: Tensor<[4, 2], [3]>;
declare const dx_du: Matrix<3, 5>;
expectType<Tensor<[4, 2], [5]>>(chain(dA42_dx, dx_du));

// ---------------------------------------------------------------- seed 002: the single-layer network

// seed 002 (S002-28): ∂L/∂A = (∂L/∂e)(∂e/∂f)(∂f/∂z)(∂z/∂A): 1×M · M×M · M×M · M×(M×N) → 1×(M×N)
declare const dL_de2: Row<2>;
declare const de_df: Matrix<2, 2>;
expectType<Tensor<[1], [2, 3]>>(chain(chain(chain(dL_de2, de_df), df_dz), dz_dA));
expectType<Tensor<[1], [2, 3]>>(chain(dL_de2, chain(de_df, chain(df_dz, dz_dA)))); // associativity
// and ∂L/∂b = (∂L/∂e)(∂e/∂f)(∂f/∂z)(∂z/∂b): 1×M · M×M · M×M · M×M → 1×M
declare const dz_db: Matrix<2, 2>;
expectType<Matrix<1, 2>>(chain(chain(chain(dL_de2, de_df), df_dz), dz_db));
// the same chain with symbolic M, N
expectType<Tensor<[1], [M, N]>>(
  chain(chain(chain(dL_dfS, {} as Matrix<M, M>), {} as Matrix<M, M>), {} as Tensor<[M], [M, N]>),
);
// the same chain with every factor computed by the library, x ∈ R^3, y ∈ R^2
declare const x3: Vector<3>;
declare const y2: Vector<2>;
const A0 = zeros(2, 3);
const b0 = zeros(2, 1);
const z0 = A0.matmul(x3).add(b0);
const f0 = tanh(z0);
const e0 = y2.sub(f0);
const gL_de = grad((e: Vector<2>) => sumSquares(e).scale(0.5))(e0); // eᵀ ∈ R^{1×2}
const je_df = jacobian((f: Vector<2>) => sub(y2, f))(f0); // −I ∈ R^{2×2}
const jf_dz = jacobian((z: Vector<2>) => tanh(z))(z0); // diag(1 − tanh²z) ∈ R^{2×2}
const jz_dA = jacobian((A: Matrix<2, 3>) => A.matmul(x3).add(b0))(A0); // ∈ R^{2×(2×3)}
expectType<Matrix<1, 2>>(gL_de);
expectType<Matrix<2, 2>>(je_df);
expectType<Matrix<2, 2>>(jf_dz);
expectType<Tensor<[2], [2, 3]>>(jz_dA);
expectType<Tensor<[1], [2, 3]>>(chain(chain(chain(gL_de, je_df), jf_dz), jz_dA));
expectType<Matrix<1, 2>>(chain(chain(chain(gL_de, je_df), jf_dz), eye(2))); // ∂z/∂b = I
// ∂f/∂z written by hand as diag(1 − tanh²z) ∈ R^{2×2}
expectType<Matrix<1, 2>>(chain(chain(chain(gL_de, je_df), diag(b0)), eye(2)));

// ---------------------------------------------------------------- negative: intermediate dims differ

// 1×3 · 3×2 is fine; 1×3 · 4×2 is not (the outer derivative takes 3, the inner one produces 4)
declare const d13: Matrix<1, 3>;
declare const d32: Matrix<3, 2>;
declare const d42: Matrix<4, 2>;
expectType<Matrix<1, 2>>(chain(d13, d32));
expectError(chain(d13, d42));
// the union trap: a's inputs are [3], b's outputs are [5]: must not widen to 3 | 5
declare const d52: Matrix<5, 2>;
expectError(chain(d13, d52));
expectError(chain(d52.T, d13.T)); // 2×5 · 3×1
declare const dT3: Tensor<[1], [3]>;
declare const dT5: Tensor<[5], [2, 2]>;
declare const dT3b: Tensor<[3], [2, 2]>;
expectType<Tensor<[1], [2, 2]>>(chain(dT3, dT3b));
expectError(chain(dT3, dT5));
// nor does a union-typed inner derivative sneak through
declare const d32or52: Matrix<3, 2> | Matrix<5, 2>;
expectError(chain(d13, d32or52));
// the order matters: chain(a, b) is a·b, not b·a
expectType<Matrix<4, 3>>(chain(dg_df, df_dx));
expectError(chain(df_dx, dg_df));

// tensors: wrong inner dims
expectType<Tensor<[1], [4, 3]>>(chain(dL_dK, dK_dR));
expectError(chain(dL_dK, {} as Tensor<[2, 2], [4, 3]>)); // takes 3×3, produces 2×2
expectError(chain(dL_dA, {} as Tensor<[3, 2], [4]>)); // takes 2×3, produces 3×2 (same size, other dims)
expectError(chain({} as Matrix<1, 6>, dA_dx)); // takes 6, produces 2×3: contract exact dims, not sizes
expectError(chain(dL_dz, dK_dR)); // 1×2 · (3×3)×(4×3)
expectType<Tensor<[1], [2, 3]>>(chain(dL_dz, dz_dA));
expectError(chain(dL_dz.T, dz_dA)); // 2×1 (takes [1]) · 2×(2×3)
expectError(chain(dL_dA, dz_dA)); // takes 2×3, produces 2
// seed 002 chain with one factor of the wrong size
expectError(chain(chain(chain(dL_de2, de_df), {} as Matrix<3, 3>), dz_dA));
expectError(chain(chain(chain(dL_de2, de_df), df_dz), {} as Tensor<[3], [3, 3]>));

// ---------------------------------------------------------------- negative: symbolic dims

// Dim<"m"> and Dim<"n"> never unify, nor does a symbolic dim with a literal
expectType<Matrix<1, N>>(chain(dL_dfS, df_dxS));
expectError(chain(dL_dfS, {} as Matrix<N, N>));
expectError(chain({} as Row<N>, df_dxS));
expectError(chain(dL_dfS, {} as Matrix<4, N>));
expectError(chain({} as Tensor<[1], [N, N]>, {} as Tensor<[M, N], [M, N]>));
expectError(chain(dL_dfS, {} as Tensor<[N], [M, N]>));

// ---------------------------------------------------------------- an intersection-typed (tagged) derivative

// a derivative the user tagged (Matrix<2, 3> & { units }) is still a 2×3 derivative: 1×2 · 2×3 → 1×3
declare const tagged: Matrix<2, 3> & { readonly units: "m/s" };
declare const dL_dy: Row<2>;
expectType<Matrix<1, 3>>(chain(dL_dy, tagged as Matrix<2, 3>));
expectType<Matrix<1, 3>>(chain(dL_dy, tagged));
expectType<Matrix<1, 3>>(chain({} as Row<2> & { readonly units: "1/m" }, df_dx));
