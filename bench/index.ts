/**
 * Side-by-side benchmark: shapecalc against its JavaScript peers, in one process.
 *
 *   npm run bench                          # everything (a few minutes); writes bench/results.md
 *   npm run bench -- --only matmul         # one group or one case id (matmul-256, train, typecheck, …)
 *   npm run bench -- --quick               # tiny sizes, 1 sample, no file unless --out (smoke test)
 *   options: --samples N (default 7, at least 7 unless --quick), --out FILE, --skip-typecheck, --list
 * (`npm run bench` is `node bench/run.mjs bench/index.ts`: the bench compiled as the published
 * package is; `npx tsx bench/index.ts` also works but times shapecalc's small calls up to ~10%
 * slower.)
 *
 * Method: for each case every library gets its inputs converted once (untimed), runs once for the
 * agreement check against shapecalc, then warms up; the timed samples then alternate between the
 * libraries (sample s runs lib₁…lib_k, rotated by s), each sample being `reps` back-to-back calls
 * (reps chosen so a sample lasts ≈ 20 ms); the figure is the median per-call time over the samples.
 * Just before and after the products large enough for two threads (256 and 512), it times the
 * machine's ceiling, multiply–adds on registers alone on one thread and on two at once
 * (bench/wasm-peak.ts), and the padded ceiling, the same loop with about the GEMM kernel's
 * instructions per multiply–add; the GFLOP/s table shows them next to the products, so a reader
 * can tell a slow spell of this shared host (the padded ceiling falls with the kernel, the bare
 * one hardly) from a slow kernel.
 */
import { writeFileSync } from "node:fs";
import { glMatrixLib } from "./peers/glmatrix";
import { handwrittenLib } from "./handwritten";
import { jaxLibs, jaxSetupNotes } from "./peers/jaxjs";
import { mathjsLib } from "./peers/mathjs";
import { mlMatrixLib } from "./peers/mlmatrix";
import { ndarrayLib } from "./peers/ndarray";
import { shapecalcLib } from "./peers/shapecalc";
import { shapecalcCompiledLib } from "./peers/shapecalc-compiled";
import { shapecalcJitLib } from "./peers/shapecalc-jit";
import { shapecalcOneThreadLib } from "./peers/shapecalc-1thread";
import { shapecalcIntoLib } from "./peers/shapecalc-into";
import { tfjsLib } from "./peers/tfjs";
import { Unsupported, flatten, randnData, wellConditioned, type Inputs, type Lib, type OpName, type Prepared } from "./peers/common";
import { configure } from "../src/index";
import { formatConsole, formatMarkdown, machineInfo, type CaseResult, type Cell, type Ceiling } from "./report";
import { runTypecheckBench, type TypecheckResult } from "./typecheck/run";
import { PADDED_INTEGER_ADDS, wasmPeakGflops, wasmPeakGflopsTwoThreads } from "./wasm-peak";
import { THREADS_MIN_WORK } from "../src/kernels/gemm";
import { getWasmGemm } from "../src/kernels/wasm/gemm-wasm";

export const LIBS: Lib[] = [shapecalcLib, shapecalcOneThreadLib, shapecalcIntoLib, shapecalcJitLib, shapecalcCompiledLib, handwrittenLib, ...jaxLibs, mlMatrixLib, mathjsLib, tfjsLib, ndarrayLib, glMatrixLib];

export interface Case<K extends OpName = OpName> {
  id: string;
  group: string;
  title: string;
  op: K;
  input: Inputs[K];
  /** Floating-point operations per call (matmul: 2n³), for GFLOP/s. */
  flops?: number;
  /** Report the machine's multiply–add ceiling next to this case (the products that may use two threads). */
  ceiling?: boolean;
}

function mk<K extends OpName>(c: Case<K>): Case {
  return c as unknown as Case;
}

/** The cases; `quick` shrinks every size (same ids) so the whole list runs in seconds. */
export function buildCases(quick: boolean): Case[] {
  const cases: Case[] = [];
  const q = (full: number, tiny: number) => (quick ? tiny : full);
  for (const [full, tiny] of [[4, 4], [16, 8], [64, 8], [256, 12], [512, 16]]) {
    const n = q(full, tiny);
    cases.push(mk({ id: `matmul-${full}`, group: "matmul", title: `matmul ${n}×${n}`, op: "matmul", input: { n, a: randnData(n * n, 1 + n), b: randnData(n * n, 2 + n) }, flops: 2 * n * n * n, ceiling: full * full * full >= THREADS_MIN_WORK }));
  }
  for (const [full, tiny] of [[64, 6], [256, 10]]) {
    const n = q(full, tiny);
    const a = wellConditioned(n, 10 + n);
    cases.push(mk({ id: `inv-${full}`, group: "inv", title: `inverse ${n}×${n}`, op: "inv", input: { n, a } }));
    cases.push(mk({ id: `det-${full}`, group: "det", title: `determinant ${n}×${n}`, op: "det", input: { n, a } }));
  }
  {
    const n = q(256, 10);
    const a = wellConditioned(n, 20);
    for (const [full, tiny] of [[1, 1], [64, 4]]) {
      const k = q(full, tiny);
      cases.push(mk({ id: `solve-${full}rhs`, group: "solve", title: `solve ${n}×${n}, ${k} rhs`, op: "solve", input: { n, nrhs: k, a, b: randnData(n * k, 21 + k) } }));
    }
  }
  {
    const n = q(512, 8);
    const a = randnData(n * n, 30);
    const positive = a.map(Math.exp); // log's argument: log-normal entries
    for (const fn of ["tanh", "exp", "sigmoid", "log", "softplus", "sin"] as const) {
      const input = { fn, rows: n, cols: n, a: fn === "log" ? positive : a };
      cases.push(mk({ id: `${fn}-512`, group: "elementwise", title: `${fn} ${n}×${n}`, op: "elementwise", input }));
    }
  }
  {
    const h = q(128, 6), s = q(256, 10);
    cases.push(
      mk({
        id: "train",
        group: "train",
        title: `train step A ${h}×${h}, X ${h}×${s}`,
        op: "train",
        input: { h, s, A: randnData(h * h, 40, 1 / Math.sqrt(h)), b: randnData(h, 41, 0.1), X: randnData(h * s, 42), Y: randnData(h * s, 43, 0.5) },
      }),
    );
  }
  {
    const n = q(4096, 12), d = q(32, 3);
    const input = { n, d, X: randnData(n * d, 44), y: randnData(n, 45).map((v) => +(v > 0)), theta: randnData(d, 46, 0.3) };
    cases.push(mk({ id: "logreg", group: "logreg", title: `logistic regression X ${n}×${d}`, op: "logreg", input }));
  }
  {
    const m = q(64, 4), n = q(64, 5);
    cases.push(mk({ id: "jacobian-A", group: "jacobian", title: `jacobian tanh(Ax+b) w.r.t. A ${m}×${n}`, op: "jacobianA", input: { m, n, A: randnData(m * n, 50, 1 / Math.sqrt(n)), x: randnData(n, 51), b: randnData(m, 52, 0.1) } }));
  }
  {
    const n = q(100, 6);
    cases.push(mk({ id: "hessian", group: "hessian", title: `hessian Σtanh(Wx), x ∈ R^${n}`, op: "hessian", input: { n, W: randnData(n * n, 60, 1 / Math.sqrt(n)), x: randnData(n, 61) } }));
  }
  for (const [shape, nf, mf, nq, mq] of [["tall", 8, 256, 2, 8], ["wide", 256, 8, 8, 2]] as const) {
    const n = q(nf, nq), m = q(mf, mq);
    const W = randnData(m * n, 70 + n, 1 / Math.sqrt(n)), x = randnData(n, 71);
    for (const mode of ["forward", "reverse"] as const) {
      cases.push(mk({ id: `jacmode-${shape}-${mode === "forward" ? "fwd" : "rev"}`, group: "jacmode", title: `jacobian tanh(Wx) R^${n}→R^${m}, ${mode}`, op: "jacmode", input: { n, m, W, x, mode } }));
    }
  }
  return cases;
}

export interface RunOptions {
  quick: boolean;
  samples: number;
  only?: string;
  /** Target duration of one sample of one library, ms. */
  sampleMs: number;
  log?: (line: string) => void;
}

function matches(c: Case, only: string | undefined): boolean {
  return only === undefined || c.id === only || c.group === only || c.id.startsWith(only + "-");
}

let sink: unknown;

function errText(e: unknown): string {
  return e instanceof Unsupported ? e.message : `error: ${(e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 120)}`;
}

function maxAbsDiff(a: number[], b: number[]): number {
  if (a.length !== b.length) return NaN;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = d; // NaN propagates
  }
  return m;
}

/** Runs one case for every library: prepare, check against shapecalc, warm up, alternate timed samples. */
export async function runCase(c: Case, libs: Lib[], opts: RunOptions): Promise<CaseResult> {
  const log = opts.log ?? (() => {});
  const cells: Cell[] = libs.map((l) => ({ lib: l.id, status: "n/a" }));
  const active: { i: number; p: Prepared }[] = [];
  libs.forEach((lib, i) => {
    const op = lib.ops[c.op] as ((inp: unknown) => Prepared) | undefined;
    if (!op) return;
    try {
      active.push({ i, p: op(c.input) });
    } catch (e) {
      cells[i] = { lib: lib.id, status: e instanceof Unsupported ? "n/a" : "error", reason: errText(e) };
    }
  });
  // Agreement check (one call each; also the first warm-up call).
  let ref: number[] | null = null;
  const checks: { i: number; flat: number[] }[] = [];
  for (const a of [...active]) {
    try {
      const r = a.p.run();
      const flat = flatten(a.p.read ? a.p.read(r) : (r as ArrayLike<number>));
      if (libs[a.i].id === "shapecalc") ref = flat;
      checks.push({ i: a.i, flat });
    } catch (e) {
      cells[a.i] = { lib: libs[a.i].id, status: "error", reason: errText(e) };
      active.splice(active.indexOf(a), 1);
      a.p.dispose?.();
    }
  }
  for (const { i, flat } of checks) {
    cells[i].maxDiff = ref === null ? undefined : maxAbsDiff(flat, ref);
    if (c.op === "train" && ref !== null) {
      const h = (c.input as Inputs["train"]).h;
      cells[i].detail = {
        loss: flat[0],
        dA: maxAbsDiff(flat.slice(1, 1 + h * h), ref.slice(1, 1 + h * h)),
        db: maxAbsDiff(flat.slice(1 + h * h), ref.slice(1 + h * h)),
      };
    }
  }
  if (c.op === "train") {
    for (const { i } of checks) {
      const d = cells[i].detail!;
      log(`  check ${libs[i].label.padEnd(16)} L = ${d.loss.toPrecision(12).padEnd(16)} max|ΔL| ${Math.abs(d.loss - (ref?.[0] ?? NaN)).toExponential(1)}   max|Δ∂L/∂A| ${d.dA.toExponential(1)}   max|Δ∂L/∂b| ${d.db.toExponential(1)}`);
    }
  }
  // Warm-up and calibration: reps per sample so one sample lasts ≈ sampleMs.
  const reps = new Map<number, number>();
  for (const a of active) {
    try {
      let calls = 0;
      const t0 = performance.now();
      let dt = 0;
      const minCalls = opts.quick ? 0 : 2;
      while (calls < minCalls || (!opts.quick && dt < 3 * opts.sampleMs && calls < 1e6)) {
        sink = a.p.run();
        calls++;
        dt = performance.now() - t0;
      }
      const per = calls > 0 ? dt / calls : opts.sampleMs;
      reps.set(a.i, opts.quick ? 1 : Math.max(1, Math.round(opts.sampleMs / Math.max(per, 1e-6))));
    } catch (e) {
      cells[a.i] = { ...cells[a.i], status: "error", reason: errText(e) };
      reps.delete(a.i);
    }
  }
  const timed = active.filter((a) => reps.has(a.i));
  const samples = new Map<number, number[]>(timed.map((a) => [a.i, []]));
  for (let s = 0; s < opts.samples; s++) {
    for (let k = 0; k < timed.length; k++) {
      const a = timed[(k + s) % timed.length];
      const r = reps.get(a.i)!;
      const t0 = performance.now();
      for (let j = 0; j < r; j++) sink = a.p.run();
      samples.get(a.i)!.push((performance.now() - t0) / r);
    }
  }
  for (const a of active) a.p.dispose?.();
  for (const a of timed) {
    const xs = [...samples.get(a.i)!].sort((x, y) => x - y);
    const mid = xs.length >> 1;
    const ms = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
    cells[a.i] = { ...cells[a.i], lib: libs[a.i].id, status: "ok", ms, samples: samples.get(a.i), reps: reps.get(a.i) };
  }
  return { id: c.id, group: c.group, title: c.title, flops: c.flops, cells };
}

export interface BenchResult {
  cases: CaseResult[];
  typecheck: TypecheckResult[];
  notes: string[];
  libs: Lib[];
}

/**
 * The machine's multiply–add ceiling at this moment, for the cases marked `ceiling` (measured
 * before and after each, since this host's speed drifts; --quick: one sample); undefined for the
 * others or without Wasm SIMD. Uses the kernel variant the products use (relaxed when the flag is on).
 */
async function ceilingFor(c: Case, quick: boolean): Promise<Ceiling | undefined> {
  const variant = getWasmGemm()?.variant;
  if (!c.ceiling || variant === undefined) return undefined;
  const samples = quick ? 1 : 15;
  const one = await wasmPeakGflops(variant, samples);
  if (one === null) return undefined;
  const padded = await wasmPeakGflops(variant, samples, PADDED_INTEGER_ADDS);
  return { one, padded, two: await wasmPeakGflopsTwoThreads(variant, samples) };
}

/** Runs the selected cases (and the type-check cost unless skipped). */
export async function runBench(opts: RunOptions & { typecheck: boolean }): Promise<BenchResult> {
  const log = opts.log ?? (() => {});
  const notes: string[] = [];
  const libs: Lib[] = [];
  // Node 20 compiles fused multiply–add (relaxed SIMD) only behind a V8 flag, which shapecalc sets
  // only on request; the bench asks for it (25% faster products) and says so.
  configure({ relaxedSimd: "flag" });
  notes.push('shapecalc: run with configure({ relaxedSimd: "flag" }) (fused multiply–add on Node 20; the default "auto" leaves V8 flags alone and uses plain f64x2 SIMD, about 20% slower for large products).');
  for (const lib of LIBS) {
    try {
      await lib.init?.();
      libs.push(lib);
    } catch (e) {
      notes.push(`${lib.label}: could not start (${errText(e)}); all its cells are "–".`);
      libs.push({ ...lib, ops: {} });
    }
  }
  notes.push(...jaxSetupNotes);
  const results: CaseResult[] = [];
  for (const c of buildCases(opts.quick).filter((c) => matches(c, opts.only))) {
    log(`${c.id}: ${c.title}`);
    const t = performance.now();
    const before = await ceilingFor(c, opts.quick);
    const res = await runCase(c, libs, opts);
    const after = before && (await ceilingFor(c, opts.quick));
    const ceiling = before && after ? [before, after] : undefined;
    if (ceiling) {
      const fmt = (xs: (number | null)[]) => xs.map((x) => x?.toFixed(1) ?? "–").join(", ");
      log(`  ceiling before and after (register-only multiply–adds), GFLOP/s: one thread ${fmt(ceiling.map((x) => x.one))}; padded ${fmt(ceiling.map((x) => x.padded))}; two ${fmt(ceiling.map((x) => x.two))}`);
    }
    results.push({ ...res, ceiling });
    log(`  ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  let typecheck: TypecheckResult[] = [];
  if (opts.typecheck && (opts.only === undefined || opts.only === "typecheck")) {
    log("typecheck: tsc --noEmit --extendedDiagnostics on bench/typecheck/model-{typed,plain}.ts (TS 6, TS 7)");
    typecheck = runTypecheckBench({ runs: opts.quick ? 1 : 3, log });
  }
  return { cases: results, typecheck, notes, libs };
}

function parseArgs(argv: string[]) {
  const get = (flag: string) => {
    const k = argv.indexOf(flag);
    if (k < 0) return undefined;
    const v = argv[k + 1];
    if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value`);
    return v;
  };
  const quick = argv.includes("--quick");
  const samples = Number(get("--samples") ?? (quick ? 1 : 7));
  if (!Number.isInteger(samples) || samples < 1) throw new Error("--samples must be a positive integer");
  if (!quick && samples < 7) throw new Error("--samples: at least 7 outside --quick");
  return {
    quick,
    samples,
    only: get("--only"),
    out: get("--out") ?? (quick ? undefined : "bench/results.md"),
    typecheck: !argv.includes("--skip-typecheck"),
    list: argv.includes("--list"),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    for (const c of buildCases(false)) console.log(`${c.id.padEnd(20)} ${c.group.padEnd(10)} ${c.title}`);
    console.log(`${"typecheck".padEnd(20)} ${"typecheck".padEnd(10)} tsc check time of bench/typecheck/model-typed.ts vs model-plain.ts`);
    return;
  }
  if (args.only !== undefined && args.only !== "typecheck" && !buildCases(false).some((c) => matches(c, args.only))) {
    throw new Error(`--only ${args.only}: no such case or group (see --list)`);
  }
  const started = new Date();
  const info = machineInfo();
  console.log(`shapecalc side-by-side bench — ${info.cpu} (${info.cores} cores), Node ${info.node}, ${started.toISOString()}`);
  console.log(`samples ${args.samples}${args.quick ? " (quick: tiny sizes)" : ""}${args.only ? `, only ${args.only}` : ""}\n`);
  const res = await runBench({ quick: args.quick, samples: args.samples, only: args.only, sampleMs: 20, typecheck: args.typecheck, log: (l) => console.log(l) });
  const meta = { info, date: started, samples: args.samples, quick: args.quick, only: args.only, seconds: (Date.now() - started.getTime()) / 1000 };
  console.log("\n" + formatConsole(res, meta));
  if (args.out) {
    writeFileSync(args.out, formatMarkdown(res, meta));
    console.log(`\nwrote ${args.out}`);
  }
}

// run directly (tsx) or as the bundle that bench/run.mjs makes (bench/.build/index.mjs)
const isMain = process.argv[1] !== undefined && /bench[\\/](\.build[\\/])?index\.(ts|js|mjs)$/.test(process.argv[1]);
if (isMain) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
