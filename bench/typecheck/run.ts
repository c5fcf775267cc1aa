/**
 * Type-check cost: runs `tsc --noEmit --extendedDiagnostics` (TypeScript 6 and TypeScript 7) on
 * model-typed.ts (shapecalc types) and model-plain.ts (number[][]), alternating the two, and
 * reports the median check time, total time, process wall time, instantiation and type counts.
 * Each model has its own tsconfig here (extending the repository's), so nothing else is checked
 * except what the model imports.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface TypecheckResult {
  compiler: string;
  model: "typed" | "plain";
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

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

export const COMPILERS = {
  ts6: { bin: "node_modules/typescript/bin/tsc", pkg: "node_modules/typescript/package.json" },
  ts7: { bin: "node_modules/typescript7/bin/tsc", pkg: "node_modules/typescript7/package.json" },
} as const;
export type CompilerId = keyof typeof COMPILERS;

function seconds(out: string, label: string): number | undefined {
  const m = new RegExp(`^${label}:\\s+([0-9.]+)s`, "m").exec(out);
  return m ? Number(m[1]) * 1000 : undefined;
}
function count(out: string, label: string): number | undefined {
  const m = new RegExp(`^${label}:\\s+([0-9]+)`, "m").exec(out);
  return m ? Number(m[1]) : undefined;
}

/** One tsc run; parses --extendedDiagnostics. */
export function checkOnce(compiler: CompilerId, model: "typed" | "plain"): TypecheckResult & { label: string } {
  const c = COMPILERS[compiler];
  let label: string = compiler;
  try {
    label = `TS ${(JSON.parse(readFileSync(path.join(root, c.pkg), "utf8")) as { version: string }).version}`;
  } catch {
    /* keep the id */
  }
  if (!existsSync(path.join(root, c.bin))) return { label, compiler: label, model, ok: false, error: `${c.bin} not installed` };
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [c.bin, "--noEmit", "--extendedDiagnostics", "-p", path.join("bench/typecheck", `tsconfig.${model}.json`)], { cwd: root, encoding: "utf8", timeout: 180_000 });
  const wallMs = performance.now() - t0;
  if (r.error) return { label, compiler: label, model, ok: false, error: r.error.message };
  const out = `${r.stdout}\n${r.stderr}`;
  const errLines = out.split("\n").filter((l) => /error TS\d+/.test(l));
  const errorFiles = [...new Set(errLines.map((l) => l.replace(/\(\d+,\d+\).*$/, "").replace(/:\s*error TS.*$/, "").trim()))];
  return {
    label,
    compiler: label,
    model,
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

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function runTypecheckBench(opts: { runs: number; compilers?: CompilerId[]; log?: (l: string) => void }): TypecheckResult[] {
  const out: TypecheckResult[] = [];
  for (const compiler of opts.compilers ?? (Object.keys(COMPILERS) as CompilerId[])) {
    const runs: Record<"typed" | "plain", ReturnType<typeof checkOnce>[]> = { typed: [], plain: [] };
    for (let k = 0; k < opts.runs; k++) {
      for (const model of k % 2 ? (["plain", "typed"] as const) : (["typed", "plain"] as const)) runs[model].push(checkOnce(compiler, model));
    }
    for (const model of ["typed", "plain"] as const) {
      const rs = runs[model], last = rs[rs.length - 1];
      const med = (f: (r: TypecheckResult) => number | undefined) => median(rs.map(f).filter((v): v is number => v !== undefined));
      const res: TypecheckResult = {
        compiler: last.label,
        model,
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
      out.push(res);
      opts.log?.(`  ${res.compiler} ${model.padEnd(5)} check ${res.checkMs?.toFixed(0)} ms, total ${res.totalMs?.toFixed(0)} ms, instantiations ${res.instantiations}${res.error ? ` (${res.error})` : ""}`);
    }
  }
  return out;
}
