/**
 * Type-check cost: runs `tsc --noEmit --extendedDiagnostics` (TypeScript 6 and TypeScript 7) on
 * model-typed.ts (shapecalc types) and model-plain.ts (number[][]), alternating the runs, and
 * reports the median check time, total time, process wall time, instantiation and type counts.
 *
 * Primary (fair) measurement: the typed model is checked the way users consume the package, against
 * the BUILT declarations (`dist/index.d.ts` from tsup, `skipLibCheck` as in the repository's
 * tsconfig). A copy of model-typed.ts importing "shapecalc" goes into a temporary `.typetest-bench-*`
 * folder (git-ignored) whose tsconfig maps "shapecalc" to the declarations by `paths`. The
 * declarations are `dist/index.d.ts` when it is newer than every file of src/, types/ and
 * tsup.config.ts; otherwise tsup builds them into the temporary folder (dist/ is left alone).
 *
 * Resolution. The check time is the compiler's own "Check time" line, which TS 6 prints in steps of
 * 10 ms ("0.12s") and TS 7 in steps of 1 ms ("0.008s"); the step is read from the printed digits.
 * The model pair takes ~100 ms under TS 6 but only a few ms under TS 7, where one step is 15–25% of
 * the figure. So:
 * - every ratio comes with the interval the resolution allows (the compilers round, so each median
 *   is within half a step of the median of the exact times: typed ± step/2 over plain ∓ step/2), and
 *   with a wider one that adds the run-to-run noise (5th–95th percentile of those bounds over paired
 *   bootstrap resamples of the runs); the verdict against the 2× target is "undecided" unless the
 *   wider interval is all on one side of 2;
 * - TS 7 gets at least 21 runs (TS 6 at least 7: one TS 6 run costs as much as ~10 TS 7 runs);
 * - a scaled pair: `SCALED_MODELS` copies of each model file (everything below its
 *   "// ---- the model ----" line) in one file, copy k in `namespace Mk` with every layer size
 *   n ∈ {16, 32, 4, 64} replaced by n + k, so that no two copies share a `Matrix<…>` type (as in a
 *   project with several models of different sizes; identical copies would hit the compiler's type
 *   caches and understate the typed cost). Both files of the pair get the same text substitution,
 *   so they still do the same thing. TS 7 then checks for ~50 ms, 50 steps. This measures the
 *   per-model cost once the one-time costs (first use of the library's and the lib's types) are
 *   amortized, which the single pair cannot show.
 * Runs alternate typed and plain (rotated each run), because the machine is shared and the noise
 * is large; the figures are medians, with the fastest run beside them.
 *
 * Secondary: the typed model as committed, importing ../../src/index, so that tsc also checks the
 * library sources it reaches (src/, types/); reported on each typed result as `source`.
 *
 * Standalone: `npx tsx bench/typecheck/run.ts [--runs N] [--models K] [--ts6|--ts7] [--no-source]`
 * (`--models 0` skips the scaled pair).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { uniform } from "../random";

/** One model's numbers (medians over the runs; counts from the last run). */
export interface TypecheckNumbers {
  /** Median "Check time" over the runs. */
  checkMs?: number;
  totalMs?: number;
  wallMs?: number;
  instantiations?: number;
  types?: number;
  /** No diagnostics at all. */
  ok: boolean;
  /** Number of error diagnostics and the files they are in (when not ok). */
  errors?: number;
  errorFiles?: string[];
  error?: string;
  /** The step in which the compiler prints "Check time" (TS 6: 10 ms, TS 7: 1 ms). */
  checkResolutionMs?: number;
  /** Fastest run's check time. */
  checkMinMs?: number;
  /** Every run's check time, in run order. */
  checkSamplesMs?: number[];
  /** Number of runs behind the medians. */
  runs?: number;
}

export interface TypecheckResult extends TypecheckNumbers {
  compiler: string;
  model: "typed" | "plain";
  /** Typed model only: what it was checked against (the built declarations). */
  against?: string;
  /** Typed model only: the same model checked against the library sources (src/, types/), secondary. */
  source?: TypecheckNumbers;
  /** The scaled pair: `models` copies of this model file with distinct layer sizes, in one file. */
  scaled?: TypecheckNumbers & { models: number };
}

// two levels below the root, here (bench/typecheck/) or in the bundle bench/run.mjs makes (bench/.build/)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const here = path.join(root, "bench/typecheck");

export const COMPILERS = {
  ts6: { bin: "node_modules/typescript/bin/tsc", pkg: "node_modules/typescript/package.json" },
  ts7: { bin: "node_modules/typescript7/bin/tsc", pkg: "node_modules/typescript7/package.json" },
} as const;
export type CompilerId = keyof typeof COMPILERS;

/** typed-dist: the fair measurement; typed-src: against the sources; plain: number[][]; *-scaled: the scaled pair. */
type Variant = "typed-dist" | "typed-src" | "plain" | "typed-scaled" | "plain-scaled";

/** The target of the performance issue: typed check time under this multiple of plain. */
export const TARGET_RATIO = 2;

/** A "<label>: 0.123s" line in ms, with the step implied by its number of decimals. */
function seconds(out: string, label: string): { ms: number; stepMs: number } | undefined {
  const m = new RegExp(`^${label}:\\s+([0-9]+)(?:\\.([0-9]+))?s`, "m").exec(out);
  if (!m) return undefined;
  const decimals = m[2]?.length ?? 0;
  return { ms: Number(`${m[1]}.${m[2] ?? "0"}`) * 1000, stepMs: 1000 / 10 ** decimals };
}
function count(out: string, label: string): number | undefined {
  const m = new RegExp(`^${label}:\\s+([0-9]+)`, "m").exec(out);
  return m ? Number(m[1]) : undefined;
}

/** A relative path that tsconfig accepts (`./x`, `../x`), with forward slashes. */
function rel(from: string, to: string): string {
  const r = path.relative(from, to).split(path.sep).join("/");
  return r.startsWith(".") ? r : `./${r}`;
}

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

// ---- the scaled pair ----

/** Number of model copies in the scaled pair (at most `MAX_SCALED_MODELS`). */
export const SCALED_MODELS = 12;
/** The layer sizes of the model files (inputs, hidden, outputs, batch); copy k uses n + k for each. */
const LAYER_SIZES = [16, 32, 4, 64] as const;
/** With n + k for k < 12 the four ranges 16–27, 32–43, 4–15, 64–75 stay disjoint. */
export const MAX_SCALED_MODELS = 12;
const MODEL_MARKER = "// ---- the model ----";

/**
 * The method in one paragraph: the note under the report's type-check table (bench/report.ts).
 */
export const TYPECHECK_METHOD =
  "tsc --noEmit --extendedDiagnostics, its \"Check time\" line; runs alternate typed and plain (at least 7 per model under TS 6, 21 under TS 7), medians. " +
  "The typed model is checked against the built declarations (dist/index.d.ts, skipLibCheck), as a user of the package would; the plain one uses its local stand-in. " +
  "TS 6 prints check time in 10 ms steps, TS 7 in 1 ms steps, which is 15–25% of the few ms TS 7 needs for this pair: each typed/plain ratio comes with the interval " +
  "that resolution allows and a wider one that adds the run-to-run noise (90%, paired bootstrap over the runs); it is called under or over 2× only when the wider interval is all on one side. " +
  `A scaled pair (${SCALED_MODELS} copies of each model file, copy k with every layer size n + k, so no two copies share a Matrix type) keeps TS 7 at ~50 steps and shows the per-model cost. ` +
  "Source-based numbers (checking src/ and types/ too) are printed by the bench as a secondary line.";

/**
 * `models` copies of a model file in one file: the text above the "the model" marker once, then
 * copy k of the text below it in `export namespace Mk { … }` with every layer size n replaced by
 * n + k (copy 0 is the model as written). Top-level `export { … };` lines stay once, at the end.
 */
export function scaledModelSource(src: string, models: number): string {
  if (!Number.isInteger(models) || models < 1 || models > MAX_SCALED_MODELS) throw new Error(`scaled pair: 1 to ${MAX_SCALED_MODELS} models, not ${models}`);
  const at = src.indexOf(MODEL_MARKER);
  if (at < 0) throw new Error(`scaled pair: no "${MODEL_MARKER}" line in the model file`);
  const head = src.slice(0, at);
  const reexports: string[] = [];
  const body = src
    .slice(at + MODEL_MARKER.length)
    .split("\n")
    .filter((l) => (/^export \{[^}]*\};?\s*$/.test(l) ? (reexports.push(l), false) : true))
    .join("\n");
  // Whole numbers only: not the 4 of 0.4 or 1e-4.
  const sizes = new RegExp(`(?<![\\w.])(?<![eE][-+])(${LAYER_SIZES.join("|")})(?![\\w.])`, "g");
  let out = `${head}${MODEL_MARKER} (${models} copies, layer sizes n + k in copy Mk)\n`;
  for (let k = 0; k < models; k++) out += `export namespace M${k} {${body.replace(sizes, (n) => String(Number(n) + k))}}\n`;
  return out + reexports.join("\n") + "\n";
}

/** The temporary folder with the fair typed model, the scaled pair and their tsconfigs. */
export interface FairSetup {
  dir: string;
  tsconfig: string;
  /** tsconfigs of the scaled pair (absent when `models` is 0 or it could not be made). */
  scaled?: { models: number; typed: string; plain: string };
  /** Why there is no scaled pair, when it could not be made. */
  scaledError?: string;
  /** The declarations the model is checked against, relative to the repository. */
  declarations: string;
  built: boolean;
  error?: string;
}

/**
 * Builds (or reuses) the declarations and writes the fair typed model and, unless `models` is 0,
 * the scaled pair; `cleanup` removes the folder.
 */
export function prepareFair(opts: { models?: number } = {}): FairSetup & { cleanup: () => void } {
  const models = opts.models ?? SCALED_MODELS;
  const dir = mkdtempSync(path.join(root, ".typetest-bench-"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const dist = path.join(root, "dist/index.d.ts");
  const sources = ["src", "types", "tsup.config.ts"].map((p) => path.join(root, p)).filter(existsSync);
  let decl = dist, built = false, error: string | undefined;
  if (!existsSync(dist) || statSync(dist).mtimeMs < Math.max(...sources.map(newestMtime))) {
    // Stale or missing dist: build the package into the temporary folder (same tsup config).
    const out = path.join(dir, "shapecalc");
    const r = spawnSync(process.execPath, ["node_modules/tsup/dist/cli-default.js", "--format", "esm", "--no-sourcemap", "--out-dir", out], { cwd: root, encoding: "utf8", timeout: 180_000 });
    decl = path.join(out, "index.d.ts");
    built = true;
    if (r.status !== 0 || !existsSync(decl)) error = `tsup failed: ${(r.stderr || r.stdout || String(r.error)).split("\n").find((l) => /error/i.test(l)) ?? "no declarations"}`;
  }
  const model = readFileSync(path.join(here, "model-typed.ts"), "utf8");
  if (!model.includes('from "../../src/index"')) error ??= 'model-typed.ts no longer imports from "../../src/index"';
  const typedText = model.replace('from "../../src/index"', 'from "shapecalc"');
  writeFileSync(path.join(dir, "model-typed.ts"), typedText);
  const config = (file: string) => ({
    extends: rel(dir, path.join(root, "tsconfig.json")),
    compilerOptions: { noEmit: true, paths: { shapecalc: [rel(dir, decl)] } },
    include: [],
    files: [file],
  });
  const tsconfig = path.join(dir, "tsconfig.json");
  writeFileSync(tsconfig, JSON.stringify(config("model-typed.ts"), null, 2));
  let scaled: FairSetup["scaled"], scaledError: string | undefined;
  if (models > 0) {
    try {
      writeFileSync(path.join(dir, "scaled-typed.ts"), scaledModelSource(typedText, models));
      writeFileSync(path.join(dir, "scaled-plain.ts"), scaledModelSource(readFileSync(path.join(here, "model-plain.ts"), "utf8"), models));
      scaled = { models, typed: path.join(dir, "tsconfig.scaled-typed.json"), plain: path.join(dir, "tsconfig.scaled-plain.json") };
      writeFileSync(scaled.typed, JSON.stringify(config("scaled-typed.ts"), null, 2));
      writeFileSync(scaled.plain, JSON.stringify(config("scaled-plain.ts"), null, 2));
    } catch (e) {
      scaled = undefined;
      scaledError = e instanceof Error ? e.message : String(e);
    }
  }
  return { dir, tsconfig, scaled, scaledError, declarations: path.relative(root, decl) + (built ? " (built by tsup for this run)" : ""), built, error, cleanup };
}

function compilerLabel(compiler: CompilerId): string {
  try {
    return `TS ${(JSON.parse(readFileSync(path.join(root, COMPILERS[compiler].pkg), "utf8")) as { version: string }).version}`;
  } catch {
    return compiler;
  }
}

/** One tsc run on a tsconfig; parses --extendedDiagnostics. */
function runTsc(compiler: CompilerId, tsconfig: string): TypecheckNumbers {
  const c = COMPILERS[compiler];
  if (!existsSync(path.join(root, c.bin))) return { ok: false, error: `${c.bin} not installed` };
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [c.bin, "--noEmit", "--extendedDiagnostics", "-p", tsconfig], { cwd: root, encoding: "utf8", timeout: 180_000 });
  const wallMs = performance.now() - t0;
  if (r.error) return { ok: false, error: r.error.message };
  const out = `${r.stdout}\n${r.stderr}`;
  const errLines = out.split("\n").filter((l) => /error TS\d+/.test(l));
  const errorFiles = [...new Set(errLines.map((l) => l.replace(/\(\d+,\d+\).*$/, "").replace(/:\s*error TS.*$/, "").trim()))];
  const check = seconds(out, "Check time");
  return {
    checkMs: check?.ms,
    checkResolutionMs: check?.stepMs,
    totalMs: seconds(out, "Total time")?.ms,
    wallMs,
    instantiations: count(out, "Instantiations"),
    types: count(out, "Types"),
    ok: r.status === 0 && errLines.length === 0,
    errors: errLines.length,
    errorFiles,
  };
}

/**
 * One tsc run of one model. `model: "typed"` is the fair measurement (against the built
 * declarations; pass a `fair` setup to reuse one) unless `against: "src"`.
 */
export function checkOnce(compiler: CompilerId, model: "typed" | "plain", opts: { against?: "dist" | "src"; fair?: FairSetup } = {}): TypecheckNumbers & { label: string; compiler: string; model: "typed" | "plain" } {
  const label = compilerLabel(compiler);
  const variant: Variant = model === "plain" ? "plain" : opts.against === "src" ? "typed-src" : "typed-dist";
  let tsconfig: string, own: ReturnType<typeof prepareFair> | undefined;
  if (variant === "typed-dist") {
    const fair = opts.fair ?? (own = prepareFair({ models: 0 }));
    if (fair.error) {
      own?.cleanup();
      return { label, compiler: label, model, ok: false, error: fair.error };
    }
    tsconfig = fair.tsconfig;
  } else tsconfig = path.join("bench/typecheck", variant === "plain" ? "tsconfig.plain.json" : "tsconfig.typed.json");
  try {
    return { label, compiler: label, model, ...runTsc(compiler, tsconfig) };
  } finally {
    own?.cleanup();
  }
}

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function summarize(rs: TypecheckNumbers[]): TypecheckNumbers {
  const last = rs[rs.length - 1];
  const vals = (f: (r: TypecheckNumbers) => number | undefined) => rs.map(f).filter((v): v is number => v !== undefined);
  const checks = vals((r) => r.checkMs);
  return {
    checkMs: median(checks),
    totalMs: median(vals((r) => r.totalMs)),
    wallMs: median(vals((r) => r.wallMs)),
    instantiations: last.instantiations,
    types: last.types,
    ok: last.ok,
    errors: last.errors,
    errorFiles: last.errorFiles,
    error: last.error ?? (last.ok ? undefined : `${last.errors} errors in ${last.errorFiles?.join(", ")}`),
    checkResolutionMs: Math.max(0, ...vals((r) => r.checkResolutionMs)) || undefined,
    checkMinMs: checks.length ? Math.min(...checks) : undefined,
    checkSamplesMs: checks,
    runs: rs.length,
  };
}

/** typed/plain check-time ratio of the medians, with how far the noise and the printed resolution let it move. */
export interface CheckRatio {
  ratio: number;
  /** Resolution only: (typed − step/2) / (plain + step/2) and (typed + step/2) / (plain − step/2). */
  low: number;
  high: number;
  /**
   * Noise and resolution: the 5th and 95th percentiles of the same bounds over paired bootstrap
   * resamples of the runs (typed and plain resampled by run, since each run measures both at about
   * the same moment). Equal to low/high with a single run.
   */
  noiseLow: number;
  noiseHigh: number;
  /** Against `TARGET_RATIO`, on the noise-and-resolution interval: decided only when it is all on one side. */
  verdict: "under" | "not under" | "undecided";
}

export function checkRatio(typed: TypecheckNumbers, plain: TypecheckNumbers, target = TARGET_RATIO): CheckRatio | undefined {
  const t = typed.checkMs, p = plain.checkMs;
  if (t === undefined || p === undefined || p <= 0) return undefined;
  const half = Math.max(typed.checkResolutionMs ?? 0, plain.checkResolutionMs ?? 0) / 2;
  const lowOf = (tm: number, pm: number) => Math.max(0, tm - half) / (pm + half);
  const highOf = (tm: number, pm: number) => (pm - half > 0 ? (tm + half) / (pm - half) : Infinity);
  const low = lowOf(t, p), high = highOf(t, p);
  let noiseLow = low, noiseHigh = high;
  const ts = typed.checkSamplesMs ?? [], ps = plain.checkSamplesMs ?? [];
  if (ts.length > 1 && ts.length === ps.length) {
    const rand = uniform(ts.length * 7919 + 1) /* seeded: a report's intervals can be recomputed from its samples */, n = ts.length, lows: number[] = [], highs: number[] = [];
    for (let b = 0; b < 2000; b++) {
      const idx = Array.from({ length: n }, () => Math.floor(rand() * n));
      const tm = median(idx.map((i) => ts[i]))!, pm = median(idx.map((i) => ps[i]))!;
      lows.push(lowOf(tm, pm));
      highs.push(highOf(tm, pm));
    }
    lows.sort((a, b) => a - b);
    highs.sort((a, b) => a - b);
    noiseLow = Math.min(low, lows[Math.floor(0.05 * lows.length)]);
    noiseHigh = Math.max(high, highs[Math.ceil(0.95 * highs.length) - 1]);
  }
  return { ratio: t / p, low, high, noiseLow, noiseHigh, verdict: noiseHigh < target ? "under" : noiseLow >= target ? "not under" : "undecided" };
}

/** Runs below this (other than a single quick run) are raised to it. */
export const MIN_RUNS = 7;
/** TS 7 prints check time in whole ms and a run is cheap: at least this many runs. */
export const MIN_RUNS_TS7 = 21;

/** "×1.75 (resolution ×1.55–2.00; with noise ×1.40–2.30): undecided against 2×". */
export function formatRatio(r: CheckRatio | undefined, stepMs?: number): string {
  if (!r) return "–";
  const x = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : "∞");
  const verdict = r.verdict === "undecided" ? `undecided against ${TARGET_RATIO}×` : `${r.verdict} ${TARGET_RATIO}×`;
  return `×${x(r.ratio)} (${stepMs ?? "?"} ms resolution: ×${x(r.low)}–${x(r.high)}; with the run-to-run noise, 90%: ×${x(r.noiseLow)}–${x(r.noiseHigh)}): ${verdict}`;
}

/**
 * Per compiler: the fair typed result (against the built declarations, with the source-based
 * numbers as `source` and the scaled pair as `scaled`), then the plain one (with its `scaled`).
 * Runs alternate the order of the variants. `models: 0` skips the scaled pair.
 */
export function runTypecheckBench(opts: { runs: number; compilers?: CompilerId[]; log?: (l: string) => void; source?: boolean; models?: number }): TypecheckResult[] {
  const withSource = opts.source ?? true;
  const out: TypecheckResult[] = [];
  const fair = prepareFair({ models: opts.models ?? SCALED_MODELS });
  try {
    const sc = fair.scaled;
    opts.log?.(`  typed model checked against ${fair.declarations}${fair.error ? ` — ${fair.error}` : ""}; runs alternate typed and plain; medians (fastest run in brackets)`);
    if (fair.scaledError) opts.log?.(`  no scaled pair: ${fair.scaledError}`);
    if (sc) opts.log?.(`  scaled pair: ${sc.models} copies of each model in one file, copy k with layer sizes n + k (n = ${LAYER_SIZES.join(", ")}), so no two copies share a Matrix type`);
    for (const compiler of opts.compilers ?? (Object.keys(COMPILERS) as CompilerId[])) {
      const label = compilerLabel(compiler);
      const floor = compiler === "ts7" ? MIN_RUNS_TS7 : MIN_RUNS;
      const runsN = opts.runs > 1 ? Math.max(opts.runs, floor) : Math.max(1, opts.runs);
      const runs: Record<Variant, TypecheckNumbers[]> = { "typed-dist": [], "typed-src": [], plain: [], "typed-scaled": [], "plain-scaled": [] };
      const order: Variant[] = ["typed-dist", "plain", ...(sc ? (["typed-scaled", "plain-scaled"] as const) : []), ...(withSource ? (["typed-src"] as const) : [])];
      const config: Record<Variant, string | undefined> = {
        "typed-dist": fair.tsconfig,
        plain: path.join("bench/typecheck", "tsconfig.plain.json"),
        "typed-src": path.join("bench/typecheck", "tsconfig.typed.json"),
        "typed-scaled": sc?.typed,
        "plain-scaled": sc?.plain,
      };
      for (let k = 0; k < runsN; k++) {
        // Rotate, and reverse every other run, so that no variant always follows the same one.
        let rot = order.map((_, i) => order[(i + k) % order.length]);
        if (k % 2) rot = rot.reverse();
        for (const v of rot) runs[v].push(fair.error && (v === "typed-dist" || v === "typed-scaled") ? { ok: false, error: fair.error } : runTsc(compiler, config[v]!));
      }
      const typed: TypecheckResult = { compiler: label, model: "typed", against: fair.declarations, ...summarize(runs["typed-dist"]) };
      if (withSource) typed.source = summarize(runs["typed-src"]);
      const plain: TypecheckResult = { compiler: label, model: "plain", ...summarize(runs.plain) };
      if (sc) {
        typed.scaled = { models: sc.models, ...summarize(runs["typed-scaled"]) };
        plain.scaled = { models: sc.models, ...summarize(runs["plain-scaled"]) };
      }
      out.push(typed, plain);

      const ms = (v?: number) => (v === undefined ? "–" : `${v.toFixed(0)} ms`);
      const line = (name: string, r: TypecheckNumbers) =>
        `  ${label} ${name} check ${ms(r.checkMs)} [${ms(r.checkMinMs)}], total ${ms(r.totalMs)}, instantiations ${r.instantiations}, types ${r.types}${r.error ? ` (${r.error})` : ""}`;
      const times = (a?: number, b?: number) => (a === undefined || b === undefined || !b ? "–" : `×${(a / b).toFixed(2)}`);
      const step = Math.max(typed.checkResolutionMs ?? 0, plain.checkResolutionMs ?? 0) || undefined;
      opts.log?.(`  ${label}: ${runsN} runs of each; "Check time" printed in ${step ?? "?"} ms steps`);
      opts.log?.(line("typed", typed));
      opts.log?.(line("plain", plain));
      opts.log?.(`  ${label} typed/plain check ${formatRatio(checkRatio(typed, plain), step)}, instantiations ${times(typed.instantiations, plain.instantiations)}`);
      if (typed.scaled && plain.scaled) {
        const name = `×${typed.scaled.models} models`;
        opts.log?.(line(`${name} typed`, typed.scaled));
        opts.log?.(line(`${name} plain`, plain.scaled));
        opts.log?.(`  ${label} ${name} typed/plain check ${formatRatio(checkRatio(typed.scaled, plain.scaled), step)}, instantiations ${times(typed.scaled.instantiations, plain.scaled.instantiations)}`);
      }
      if (typed.source) opts.log?.(line("typed, checking the sources (src/, types/) too, secondary:", typed.source));
    }
  } finally {
    fair.cleanup();
  }
  return out;
}

const isMain = process.argv[1] !== undefined && /bench[\\/]typecheck[\\/]run\.(ts|js|mjs)$/.test(process.argv[1]);
if (isMain) {
  const argv = process.argv.slice(2);
  const num = (flag: string, dflt: number) => {
    const k = argv.indexOf(flag);
    if (k < 0) return dflt;
    const v = Number(argv[k + 1]);
    if (!Number.isInteger(v) || v < 0) throw new Error(`${flag} needs a whole number`);
    return v;
  };
  const runs = num("--runs", MIN_RUNS);
  const models = num("--models", SCALED_MODELS);
  const compilers = (["ts6", "ts7"] as const).filter((c) => argv.includes(`--${c}`));
  console.log("type-check cost: bench/typecheck/model-typed.ts (shapecalc) vs model-plain.ts (number[][]); tsc --noEmit --extendedDiagnostics, \"Check time\"");
  console.log(`  target: typed under ${TARGET_RATIO}× plain; a ratio is decided only when its interval (printed resolution and run-to-run noise) is all on one side of ${TARGET_RATIO}`);
  runTypecheckBench({ runs, models, source: !argv.includes("--no-source"), compilers: compilers.length ? [...compilers] : undefined, log: (l) => console.log(l) });
}
