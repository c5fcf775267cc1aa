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
 * Secondary: the typed model as committed, importing ../../src/index, so that tsc also checks the
 * library sources it reaches (src/, types/); reported on each typed result as `source`.
 *
 * Standalone: `npx tsx bench/typecheck/run.ts [--runs N] [--ts6|--ts7]`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** One model's numbers (medians over the runs; counts from the last run). */
export interface TypecheckNumbers {
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
}

export interface TypecheckResult extends TypecheckNumbers {
  compiler: string;
  model: "typed" | "plain";
  /** Typed model only: what it was checked against (the built declarations). */
  against?: string;
  /** Typed model only: the same model checked against the library sources (src/, types/), secondary. */
  source?: TypecheckNumbers;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

export const COMPILERS = {
  ts6: { bin: "node_modules/typescript/bin/tsc", pkg: "node_modules/typescript/package.json" },
  ts7: { bin: "node_modules/typescript7/bin/tsc", pkg: "node_modules/typescript7/package.json" },
} as const;
export type CompilerId = keyof typeof COMPILERS;

/** typed-dist: the fair measurement; typed-src: against the sources; plain: number[][]. */
type Variant = "typed-dist" | "typed-src" | "plain";

function seconds(out: string, label: string): number | undefined {
  const m = new RegExp(`^${label}:\\s+([0-9.]+)s`, "m").exec(out);
  return m ? Number(m[1]) * 1000 : undefined;
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

/** The temporary folder with the fair typed model and its tsconfig. */
export interface FairSetup {
  dir: string;
  tsconfig: string;
  /** The declarations the model is checked against, relative to the repository. */
  declarations: string;
  built: boolean;
  error?: string;
}

/** Builds (or reuses) the declarations and writes the fair typed model; `cleanup` removes the folder. */
export function prepareFair(): FairSetup & { cleanup: () => void } {
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
  writeFileSync(path.join(dir, "model-typed.ts"), model.replace('from "../../src/index"', 'from "shapecalc"'));
  const tsconfig = path.join(dir, "tsconfig.json");
  writeFileSync(
    tsconfig,
    JSON.stringify(
      {
        extends: rel(dir, path.join(root, "tsconfig.json")),
        compilerOptions: { noEmit: true, paths: { shapecalc: [rel(dir, decl)] } },
        include: [],
        files: ["model-typed.ts"],
      },
      null,
      2,
    ),
  );
  return { dir, tsconfig, declarations: path.relative(root, decl) + (built ? " (built by tsup for this run)" : ""), built, error, cleanup };
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
  return {
    checkMs: seconds(out, "Check time"),
    totalMs: seconds(out, "Total time"),
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
    const fair = opts.fair ?? (own = prepareFair());
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
  const med = (f: (r: TypecheckNumbers) => number | undefined) => median(rs.map(f).filter((v): v is number => v !== undefined));
  return {
    checkMs: med((r) => r.checkMs),
    totalMs: med((r) => r.totalMs),
    wallMs: med((r) => r.wallMs),
    instantiations: last.instantiations,
    types: last.types,
    ok: last.ok,
    errors: last.errors,
    errorFiles: last.errorFiles,
    error: last.error ?? (last.ok ? undefined : `${last.errors} errors in ${last.errorFiles?.join(", ")}`),
  };
}

/** Runs below this (other than a single quick run) are raised to it: TS 7 reports check time in whole ms. */
export const MIN_RUNS = 7;

/**
 * Per compiler: the fair typed result (against the built declarations, with the source-based
 * numbers as `source`), then the plain one. Runs alternate the order of the three variants.
 */
export function runTypecheckBench(opts: { runs: number; compilers?: CompilerId[]; log?: (l: string) => void; source?: boolean }): TypecheckResult[] {
  const runsN = opts.runs > 1 ? Math.max(opts.runs, MIN_RUNS) : Math.max(1, opts.runs);
  const withSource = opts.source ?? true;
  const out: TypecheckResult[] = [];
  const fair = prepareFair();
  try {
    opts.log?.(`  typed model checked against ${fair.declarations}${fair.error ? ` — ${fair.error}` : ""}; ${runsN} runs, medians`);
    for (const compiler of opts.compilers ?? (Object.keys(COMPILERS) as CompilerId[])) {
      const label = compilerLabel(compiler);
      const runs: Record<Variant, TypecheckNumbers[]> = { "typed-dist": [], "typed-src": [], plain: [] };
      const order: Variant[] = withSource ? ["typed-dist", "plain", "typed-src"] : ["typed-dist", "plain"];
      for (let k = 0; k < runsN; k++) {
        const rot = order.map((_, i) => order[(i + k) % order.length]);
        for (const v of rot) {
          if (v === "typed-dist") runs[v].push(fair.error ? { ok: false, error: fair.error } : runTsc(compiler, fair.tsconfig));
          else runs[v].push(runTsc(compiler, path.join("bench/typecheck", v === "plain" ? "tsconfig.plain.json" : "tsconfig.typed.json")));
        }
      }
      const typed: TypecheckResult = { compiler: label, model: "typed", against: fair.declarations, ...summarize(runs["typed-dist"]) };
      if (withSource) typed.source = summarize(runs["typed-src"]);
      const plain: TypecheckResult = { compiler: label, model: "plain", ...summarize(runs.plain) };
      out.push(typed, plain);
      const line = (name: string, r: TypecheckNumbers) =>
        `  ${label} ${name} check ${r.checkMs?.toFixed(0)} ms, total ${r.totalMs?.toFixed(0)} ms, instantiations ${r.instantiations}, types ${r.types}${r.error ? ` (${r.error})` : ""}`;
      const ratio = (a?: number, b?: number) => (a === undefined || b === undefined || !b ? "–" : `×${(a / b).toFixed(2)}`);
      opts.log?.(line("typed", typed));
      opts.log?.(line("plain", plain));
      opts.log?.(`  ${label} typed/plain check ${ratio(typed.checkMs, plain.checkMs)}, instantiations ${ratio(typed.instantiations, plain.instantiations)}`);
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
  const k = argv.indexOf("--runs");
  const runs = k >= 0 ? Number(argv[k + 1]) : MIN_RUNS;
  const compilers = (["ts6", "ts7"] as const).filter((c) => argv.includes(`--${c}`));
  console.log("type-check cost: bench/typecheck/model-typed.ts (shapecalc) vs model-plain.ts (number[][])");
  runTypecheckBench({ runs, compilers: compilers.length ? [...compilers] : undefined, log: (l) => console.log(l) });
}
