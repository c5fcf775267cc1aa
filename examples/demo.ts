/**
 * The main job (`npm run demo`): least squares on seeded noisy data, solved three ways — by the
 * normal equations, by gradient descent with gradients from shapecalc, and checked against the
 * closed form of seed 000 (∂L/∂θ = −2eᵀΦ, a 1×D row). Every shape below is checked by the compiler.
 */
import { dim, fromData, gradient, grad, randn, solve, sumSquares, vec, type Matrix, type Vector, type Dim } from "../src/index";

const N = dim("N", 200); // samples: a size known at run time
const D = 3; // features: known when the code is written

// Data: y = Φθ* + noise, with Φ ∈ R^{N×3}.
const thetaTrue = vec([1.5, -2, 0.5]);
const Phi: Matrix<Dim<"N">, 3> = randn(N, D, { seed: 1 });
const noise = randn(N, 1, { seed: 2, std: 0.1 });
const y: Vector<Dim<"N">> = Phi.matmul(thetaTrue).add(noise);

// L(θ) = ‖y − Φθ‖²
const L = (theta: Vector<3>) => sumSquares(y.sub(Phi.matmul(theta)));

// 1. Normal equations: ΦᵀΦ θ = Φᵀy.
const thetaNormal = solve(Phi.T.matmul(Phi), Phi.T.matmul(y));

// 2. Gradient descent on the input-shaped gradient (θ ← θ − α∇L).
const theta0: Vector<3> = fromData(3, 1, [0, 0, 0]);
let theta = theta0;
const alpha = 0.5 / N;
for (let step = 0; step <= 60; step++) {
  if (step % 20 === 0) console.log(`step ${String(step).padStart(2)}  L = ${L(theta).item().toFixed(6)}`);
  theta = theta.sub(gradient(L)(theta).scale(alpha));
}

// 3. At the start θ₀ = 0 the numerator-layout gradient is a 1×3 row equal to the closed form −2eᵀΦ.
const g = grad(L)(theta0); // Matrix<1, 3>
const e = y.sub(Phi.matmul(theta0));
const closed = e.T.matmul(Phi).scale(-2); // Matrix<1, 3>
const gap = Math.max(...g.sub(closed).toFlatArray().map(Math.abs));

console.log(`\nθ (true)              ${thetaTrue.T.toString()}`);
console.log(`θ (normal equations)  ${thetaNormal.T.toString()}`);
console.log(`θ (gradient descent)  ${theta.T.toString()}`);
console.log(`\n∂L/∂θ(θ₀), reverse mode ${g.toString()}`);
console.log(`−2eᵀΦ (seed 000)        ${closed.toString()}`);
console.log(`largest difference      ${gap.toExponential(2)}`);
