/**
 * Keeps the side-by-side bench (bench/index.ts) working: every case at tiny sizes, one sample,
 * every library, in a child process, as `npm run bench -- --quick` runs it (bench/run.mjs). No timing assertions:
 * only that it finishes, prints its tables and the Markdown file, and that the libraries agree.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const runner = path.join(root, "bench/run.mjs"); // what `npm run bench` runs: the bench bundled by esbuild

describe("bench/index.ts --quick", () => {
  it("runs every case once at tiny sizes and writes the report", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bench-smoke-"));
    const out = path.join(dir, "results.md");
    try {
      const r = spawnSync(process.execPath, [runner, "bench/index.ts", "--quick", "--skip-typecheck", "--out", out], { cwd: root, encoding: "utf8", timeout: 25_000 });
      expect(r.error, String(r.error)).toBeUndefined();
      expect(r.status, r.stderr).toBe(0);
      for (const id of ["matmul-4", "matmul-512", "inv-256", "det-64", "solve-64rhs", "tanh-512", "exp-512", "sigmoid-512", "log-512", "softplus-512", "train", "logreg", "jacobian-A", "hessian", "jacmode-tall-fwd", "jacmode-wide-rev"]) {
        expect(r.stdout).toContain(`${id}:`);
      }
      expect(r.stdout).toContain("Median time per op");
      expect(r.stdout).toContain("Ratio peer / shapecalc");
      // The hand-written step is the closed form: it must match shapecalc's autodiff exactly (or nearly).
      const hand = /check hand-written\s+L = \S+\s+max\|ΔL\| (\S+)\s+max\|Δ∂L\/∂A\| (\S+)\s+max\|Δ∂L\/∂b\| (\S+)/.exec(r.stdout);
      expect(hand, r.stdout).not.toBeNull();
      for (const v of hand!.slice(1)) expect(Number(v)).toBeLessThan(1e-12);
      const md = readFileSync(out, "utf8");
      expect(md).toMatch(/Machine: .+, \d+ cores/);
      expect(md).toContain(`Node ${process.version}`);
      expect(md).toContain("| matmul 4×4 |");
      // the products that may use two threads are shown next to the machine's multiply–add ceiling
      expect(r.stdout).toMatch(/matmul-512: [^\n]*\n {2}ceiling before and after \(register-only multiply–adds\), GFLOP\/s: one thread \d+\.\d, \d+\.\d; padded \d+\.\d, \d+\.\d; two \d+\.\d, \d+\.\d/);
      expect(md).toMatch(/\| n \|.*\| ceiling 1 thread \| padded ceiling \| ceiling 2 threads \|/);
      expect(md).toMatch(/\| 16×16 \|.*\| \d+(\.\d+)?(–\d+(\.\d+)?)? \| \d+(\.\d+)?(–\d+(\.\d+)?)? \| \d+(\.\d+)?(–\d+(\.\d+)?)? \|\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("measures the type-check cost of the typed and plain models (TS 7 only, one run)", async () => {
    const { runTypecheckBench } = await import("../bench/typecheck/run");
    const res = runTypecheckBench({ runs: 1, compilers: ["ts7"] });
    expect(res.map((r) => r.model)).toEqual(["typed", "plain"]);
    for (const r of res) {
      expect(r.error === undefined || !/not installed/.test(r.error)).toBe(true);
      expect(r.instantiations).toBeGreaterThan(0);
      expect(r.errorFiles?.filter((f) => f.includes("bench/typecheck"))).toEqual([]);
    }
  });
});

describe("bench/host.bench.ts", () => {
  it("runs for a second and prints each timing's percentiles and the correlations", () => {
    const r = spawnSync(process.execPath, [runner, "bench/host.bench.ts", "--seconds", "1"], { cwd: root, encoding: "utf8", timeout: 25_000 });
    expect(r.error, String(r.error)).toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    for (const name of ["ceiling", "padded ceiling", "256³", "24³", "256³ / ceiling"]) {
      expect(r.stdout).toMatch(new RegExp(`\\n {2}${name} +p10 +\\d+\\.\\d\\d +median +\\d+\\.\\d\\d +p90 +\\d+\\.\\d\\d\\n`));
    }
    expect(r.stdout).toMatch(/windows in which 256³ reaches 80% of the ceiling: \d+%/);
    expect(r.stdout).toMatch(/correlation over the windows: 256³ with 24³ (-?\d\.\d\d|n\/a), 256³ with the padded ceiling (-?\d\.\d\d|n\/a), 256³ with the ceiling (-?\d\.\d\d|n\/a)/);
  });
});

describe("bench/elementwise.bench.ts --smoke", () => {
  it("times every kernel of tanh, exp, sigmoid, log, softplus, log σ, sin and cos at two sizes and each op on a matrix", () => {
    const r = spawnSync(process.execPath, [runner, "bench/elementwise.bench.ts", "--smoke"], { cwd: root, encoding: "utf8", timeout: 25_000 });
    expect(r.error, String(r.error)).toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    const cell = " +\\d+\\.\\d\\d \\(\\d+\\.\\d\\d\\)";
    for (const name of ["tanh", "exp", "sigmoid", "log", "softplus", "logSigmoid", "sin", "cos"]) {
      expect(r.stdout).toMatch(new RegExp(`\\n${name} \\(the array entry point uses Wasm from \\d+ entries\\)`));
      expect(r.stdout).toMatch(new RegExp(`\\n${name} op 8×8: \\d+\\.\\d+ ms`));
    }
    expect(r.stdout.match(new RegExp(`\\n +64(${cell}){4}\\n`, "g"))).toHaveLength(8);
  });
});
