/**
 * The curve-fitting demo of seed 002, end to end (`npm run demo`, or `runDemo` from a test):
 * noisy samples of a chirp, a polynomial of order 5 fitted by the normal equations and by gradient
 * descent with momentum, a 1-16-16-1 tanh network trained with Adam, closed-form gradients from the
 * notes checked against shapecalc, a summary table, and two SVG figures.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve, join } from "node:path";
import { dim, gradient, type Matrix, type Row, type Vector, type Dim } from "../../src/index";
import { NOISE_STD, SEEDS, linspace, sample, truth, type N } from "./data";
import { DEGREE, checkClosedForm, features, fitGradientDescent, fitNormalEquations, maxAbs, predict, type GradCheck, type P } from "./poly";
import { ARCHITECTURE, backprop, forward, initNet, mseLoss, paramCount, trainNet, type Net } from "./nn";
import { Progress, type Sink } from "./progress";
import { COLORS, plot } from "./svg";

export interface DemoOptions {
  /** Folder for the SVG files (created if missing). */
  out: string;
  /** Adam steps for the network (default 3000). */
  steps?: number;
  /** Gradient-descent steps for the polynomial (default 1000). */
  polySteps?: number;
  /** Print nothing. */
  quiet?: boolean;
  /** Where to print (default process.stdout). */
  sink?: Sink;
}

export interface SummaryRow {
  model: string;
  params: number;
  trainMse: number;
  testMse: number;
  ms: number;
}

export interface DemoResult {
  files: { fit: string; loss: string };
  poly: {
    normal: Vector<P>;
    gd: Vector<P>;
    /** max |θ_GD − θ_NE| over the 6 coefficients. */
    maxThetaDiff: number;
    /** max |f_GD(x) − f_NE(x)| over the plotting grid on [0, 1]. */
    maxCurveDiff: number;
    kappa: number;
    mse: number[];
  };
  net: {
    mse: number[];
    params: number;
    /** max |gradient(L)(θ₀) − hand backprop(θ₀)| over all 321 parameters. */
    backpropMaxDiff: number;
  };
  gradCheck: GradCheck;
  rows: SummaryRow[];
  seconds: number;
}

const mse = (a: Matrix, b: Matrix): number => {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += (a.data[i] - b.data[i]) ** 2;
  return s / a.data.length;
};

const fmtRow = (v: Matrix, digits = 5): string => "[" + v.toFlatArray().map((x) => x.toFixed(digits).padStart(digits + 4)).join(" ") + "]";

export function runDemo(opts: DemoOptions): DemoResult {
  const t0 = performance.now();
  const sink: Sink | null = opts.quiet ? null : (opts.sink ?? process.stdout);
  const say = (s = ""): void => void sink?.write(s + "\n");
  const nnSteps = opts.steps ?? 3000;
  const polySteps = opts.polySteps ?? 1000;

  // ------------------------------------------------------------ data
  const N = dim("N", 100); // sizes known only at run time carry their names in the types
  const NT = dim("Ntest", 500);
  const G = dim("G", 401);
  const train: { x: Row<N>; y: Row<N> } = sample(N, { x: SEEDS.trainX, noise: SEEDS.trainNoise });
  const test: { x: Row<Dim<"Ntest">>; y: Row<Dim<"Ntest">> } = sample(NT, { x: SEEDS.testX, noise: SEEDS.testNoise });
  const grid: Row<Dim<"G">> = linspace(0, 1, G);

  const Phi: Matrix<N, P> = features(train.x); // Φ ∈ R^{N×(M+1)}
  const y: Vector<N> = train.y.T;

  say("shapecalc demo: curve fitting (seed 002, \"Example: Linear Regression\")");
  say(`  data      y = sin(2πx(x + ½)) + ε,  ε ~ N(0, ${NOISE_STD}²),  x ~ U[0, 1]`);
  say(`  samples   N = ${N} for training, ${NT} held out for testing (sizes known at run time: Dim<"N">, Dim<"Ntest">)`);
  say(`  shapes    X: Row<Dim<"N">> ${train.x.rows}×${train.x.cols},  Φ: Matrix<Dim<"N">, ${DEGREE + 1}> ${Phi.rows}×${Phi.cols},  θ: Vector<${DEGREE + 1}>,  network θ: 6 typed matrices`);
  say();

  // ------------------------------------------------------------ closed forms vs. shapecalc
  const gradCheck = checkClosedForm(Phi, y);
  const theta0: Net = initNet(SEEDS.net);
  const auto = gradient(mseLoss(train.x, train.y))(theta0); // { A1: 16×1, b1: 16×1, A2: 16×16, … }
  const byHand: Net = backprop(theta0, train.x, train.y);
  const backpropMaxDiff = Math.max(...(Object.keys(byHand) as (keyof Net)[]).map((k) => maxAbs((auto[k] as Matrix).sub(byHand[k] as Matrix))));
  const diff = (d: number): string => (d === 0 ? "0 (identical)" : d.toExponential(1));
  say("Closed forms from the notes vs. shapecalc (max |Δ| over all entries)");
  say(`  polynomial  dL/dθ = −2eᵀΦ, L = ‖y − Φθ‖²     1×${DEGREE + 1}        grad(L)      ${diff(gradCheck.maxAbsDiff)}`);
  say(`     at a random θ:  grad(L)(θ) = ${fmtRow(gradCheck.library, 3)}`);
  say(`                     −2eᵀΦ      = ${fmtRow(gradCheck.closedForm, 3)}`);
  say(`  polynomial  ∇²L = 2ΦᵀΦ                       ${DEGREE + 1}×${DEGREE + 1}        hessian(L)   ${diff(gradCheck.hessianMaxAbsDiff)}`);
  say(`  network     δᵢ = (Aᵢ₊₁ᵀδᵢ₊₁) ⊙ (1 − fᵢ²)     ${paramCount(theta0)} params  gradient(L)  ${diff(backpropMaxDiff)}`);
  say(`              ∂L/∂Aᵢ = δᵢfᵢ₋₁ᵀ, ∂L/∂bᵢ = δᵢ1   (backprop by hand, seed 002)`);
  say();

  // ------------------------------------------------------------ polynomial: normal equations
  say(`Polynomial of order M = ${DEGREE}`);
  let t = performance.now();
  const thetaNE: Vector<P> = fitNormalEquations(Phi, y);
  const msNE = performance.now() - t;

  // ------------------------------------------------------------ polynomial: gradient descent
  t = performance.now();
  const polyBar = new Progress("gradient descent", polySteps, sink);
  const gd = fitGradientDescent(Phi, y, polySteps, (k, l) => polyBar.update(k, l));
  const msGD = performance.now() - t;
  const thetaGD: Vector<P> = gd.theta;
  const maxThetaDiff = maxAbs(thetaGD.sub(thetaNE));
  const curveNE: Row<Dim<"G">> = predict(thetaNE, grid);
  const curveGD: Row<Dim<"G">> = predict(thetaGD, grid);
  const maxCurveDiff = maxAbs(curveGD.sub(curveNE));
  say(`  step size α = ${gd.alpha.toPrecision(3)}, momentum β = ${gd.beta.toPrecision(3)} (from ∇²L: κ = ${gd.kappa.toPrecision(3)})`);
  say(`  θ normal equations  ${fmtRow(thetaNE)}`);
  say(`  θ gradient descent  ${fmtRow(thetaGD)}`);
  say(`  agree: max |Δθ| = ${maxThetaDiff.toExponential(1)}, max |Δf(x)| on [0, 1] = ${maxCurveDiff.toExponential(1)}`);
  say();

  // ------------------------------------------------------------ neural network
  say(`Neural network ${ARCHITECTURE}, Adam on the full batch`);
  t = performance.now();
  const netBar = new Progress("Adam", nnSteps, sink);
  const net = trainNet(train.x, train.y, nnSteps, { seed: SEEDS.net, onStep: (k, l) => netBar.update(k, l) });
  const msNN = performance.now() - t;
  const curveNN: Row<Dim<"G">> = forward(net.theta, grid);
  say(`  MSE ${net.mse[0].toExponential(3)} → ${net.mse[nnSteps].toExponential(3)} (÷${(net.mse[0] / net.mse[nnSteps]).toFixed(0)})`);
  say();

  // ------------------------------------------------------------ summary
  const rows: SummaryRow[] = [
    { model: `polynomial M=${DEGREE}, normal equations`, params: DEGREE + 1, trainMse: mse(predict(thetaNE, train.x), train.y), testMse: mse(predict(thetaNE, test.x), test.y), ms: msNE },
    { model: `polynomial M=${DEGREE}, GD + momentum`, params: DEGREE + 1, trainMse: mse(predict(thetaGD, train.x), train.y), testMse: mse(predict(thetaGD, test.x), test.y), ms: msGD },
    { model: `neural net ${ARCHITECTURE}, Adam`, params: paramCount(net.theta), trainMse: mse(forward(net.theta, train.x), train.y), testMse: mse(forward(net.theta, test.x), test.y), ms: msNN },
  ];
  const w = Math.max(...rows.map((r) => r.model.length));
  say(`${"model".padEnd(w)}  params  train MSE  test MSE     time`);
  say(`${"─".repeat(w)}  ──────  ─────────  ────────  ───────`);
  for (const r of rows) {
    const time = r.ms < 10 ? `${r.ms.toFixed(2)} ms` : r.ms < 1000 ? `${r.ms.toFixed(0)} ms` : `${(r.ms / 1000).toFixed(2)} s`;
    say(`${r.model.padEnd(w)}  ${String(r.params).padStart(6)}  ${r.trainMse.toFixed(5).padStart(9)}  ${r.testMse.toFixed(5).padStart(8)}  ${time.padStart(7)}`);
  }
  say(`${"noise floor σ²".padEnd(w)}  ${"".padStart(6)}  ${(NOISE_STD ** 2).toFixed(5).padStart(9)}  ${(NOISE_STD ** 2).toFixed(5).padStart(8)}`);
  say();

  // ------------------------------------------------------------ figures
  const outDir = resolve(opts.out);
  mkdirSync(outDir, { recursive: true });
  const files = { fit: join(outDir, "fit.svg"), loss: join(outDir, "loss.svg") };
  const gx = grid.data;
  writeFileSync(
    files.fit,
    plot(
      [
        { kind: "scatter", label: `training data (N = ${N})`, color: COLORS.data, xs: train.x.data, ys: train.y.data },
        { kind: "line", label: "true function sin(2πx(x + ½))", color: COLORS.truth, xs: gx, ys: truth(grid).data, width: 2, dash: "2 5" },
        { kind: "line", label: `polynomial M = ${DEGREE}, normal equations`, color: COLORS.polyNormal, xs: gx, ys: curveNE.data, width: 7, opacity: 0.55 },
        { kind: "line", label: `polynomial M = ${DEGREE}, gradient descent`, color: COLORS.polyGD, xs: gx, ys: curveGD.data, width: 2, dash: "9 6" },
        { kind: "line", label: `neural net ${ARCHITECTURE}`, color: COLORS.net, xs: gx, ys: curveNN.data, width: 2.75 },
      ],
      {
        title: "Curve fitting: polynomial regression vs. a neural network",
        subtitle: `y = sin(2πx(x + ½)) + ε, ε ~ N(0, ${NOISE_STD}²); test MSE: polynomial ${rows[0].testMse.toFixed(4)}, network ${rows[2].testMse.toFixed(4)}`,
        xLabel: "x",
        yLabel: "y",
        xRange: [0, 1],
        legend: "bottom-left",
      },
    ),
  );
  const polyIdx = gd.mse.map((_, i) => i), netIdx = net.mse.map((_, i) => i);
  writeFileSync(
    files.loss,
    plot(
      [
        { kind: "line", label: `polynomial M = ${DEGREE}, gradient descent + momentum`, color: COLORS.polyGD, xs: polyIdx, ys: gd.mse, width: 2.25 },
        { kind: "line", label: `neural net ${ARCHITECTURE}, Adam`, color: COLORS.net, xs: netIdx, ys: net.mse, width: 2.25 },
      ],
      {
        title: "Training loss",
        subtitle: "mean squared error on the training data after each full-batch step",
        xLabel: "step",
        yLabel: "training MSE (log scale)",
        yLog: true,
        xRange: [0, Math.max(polySteps, nnSteps)],
        refLines: [
          { y: rows[0].trainMse, label: `least-squares optimum of the polynomial (normal equations) ${rows[0].trainMse.toFixed(4)}`, color: COLORS.polyNormal },
          { y: NOISE_STD ** 2, label: `noise variance σ² = ${(NOISE_STD ** 2).toFixed(2)}`, color: COLORS.noise, dash: "2 4" },
        ],
      },
    ),
  );

  const seconds = (performance.now() - t0) / 1000;
  say("Figures");
  say(`  ${files.fit}`);
  say(`  ${files.loss}`);
  say(`Done in ${seconds.toFixed(1)} s.`);

  return {
    files,
    poly: { normal: thetaNE, gd: thetaGD, maxThetaDiff, maxCurveDiff, kappa: gd.kappa, mse: gd.mse },
    net: { mse: net.mse, params: paramCount(net.theta), backpropMaxDiff },
    gradCheck,
    rows,
    seconds,
  };
}
