/**
 * Runs every example in examples/ (issue 4) with a silent log and asserts each check it returns:
 * the computed derivative and the notes' closed form have the same shape and differ by at most the
 * check's tolerance in every entry. Each example must also print something and return checks.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Matrix, Tensor } from "../src/index";
import { maxAbsDiff, type Check, type Log } from "../examples/_report";
import * as scalarChainRule from "../examples/scalar-chain-rule";
import * as multivariateChainRule from "../examples/multivariate-chain-rule";
import * as jacobiansLeastSquares from "../examples/jacobians-least-squares";
import * as matrixDerivatives from "../examples/matrix-derivatives";
import * as twoWays from "../examples/two-ways";
import * as identityTables from "../examples/identity-tables";
import * as denominatorLayout from "../examples/denominator-layout";
import * as neuralNetwork from "../examples/neural-network";

const examples: [string, { run: (log?: Log) => Check[] }, number][] = [
  // [file, module, the least number of checks it should return]
  ["scalar-chain-rule.ts", scalarChainRule, 20],
  ["multivariate-chain-rule.ts", multivariateChainRule, 12],
  ["jacobians-least-squares.ts", jacobiansLeastSquares, 10],
  ["matrix-derivatives.ts", matrixDerivatives, 10],
  ["two-ways.ts", twoWays, 8],
  ["identity-tables.ts", identityTables, 17],
  ["denominator-layout.ts", denominatorLayout, 20],
  ["neural-network.ts", neuralNetwork, 20],
];

function shapeOf(v: Check["computed"]): { kind: string; shape: number[]; split?: number[][] } {
  if (typeof v === "number") return { kind: "number", shape: [] };
  if (v instanceof Tensor) return { kind: "Tensor", shape: [...(v.shape as number[])], split: [[...v.outDims], [...v.inDims]] };
  if (v instanceof Matrix) return { kind: "Matrix", shape: [v.rows, v.cols] };
  throw new Error(`not a Matrix, Tensor or number: ${String(v)}`);
}

describe.each(examples)("examples/%s", (_file, mod, minChecks) => {
  const lines: string[] = [];
  const checks = mod.run((line = "") => {
    lines.push(line);
  });

  it("prints a readable report", () => {
    expect(lines.filter((l) => l.trim() !== "").length).toBeGreaterThan(10);
    expect(lines.some((l) => l.includes("max |difference|"))).toBe(true);
  });

  it(`returns at least ${minChecks} checks, with distinct names`, () => {
    expect(checks.length).toBeGreaterThanOrEqual(minChecks);
    const names = checks.map((c) => c.name);
    expect(new Set(names).size, `duplicate check names: ${names.filter((n, i) => names.indexOf(n) !== i).join(", ")}`).toBe(names.length);
  });

  it.each(checks.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    // the tolerance is a real bound, not a way to pass anything
    expect(c.tolerance).toBeGreaterThan(0);
    const scale = Math.max(1, ...(typeof c.closedForm === "number" ? [Math.abs(c.closedForm)] : Array.from(c.closedForm.data, Math.abs)));
    expect(c.tolerance).toBeLessThanOrEqual(1e-8 * scale);
    // the same kind of object and the same shape (for tensors, the same output/input split)
    const a = shapeOf(c.computed), b = shapeOf(c.closedForm);
    expect(a).toEqual(b);
    // entries finite, and within the tolerance
    const data = typeof c.computed === "number" ? [c.computed] : Array.from(c.computed.data);
    expect(data.every(Number.isFinite), "computed entries are finite").toBe(true);
    const diff = maxAbsDiff(c.computed, c.closedForm);
    expect(diff, `max |computed − closed form| = ${diff}`).toBeLessThanOrEqual(c.tolerance);
  });
});

describe("examples run directly (npx tsx examples/<file>.ts)", () => {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const tsxCli = join(root, "node_modules", "tsx", "dist", "cli.mjs");
  it.each(examples.map(([file]) => [file] as const))("%s prints its report when run as a script", (file) => {
    const out = execFileSync(process.execPath, [tsxCli, join("examples", file)], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(out).toContain("max |difference|");
    expect(out).not.toContain("✗");
  });
});
