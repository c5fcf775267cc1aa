/**
 * The main job (`npm run demo`, examples/demo/run.ts) run end to end with fewer steps: the figures
 * exist and are well-formed SVG with the expected curves, the two polynomial fits agree, the network
 * learns, and the notes' closed-form gradients match shapecalc's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runDemo, type DemoResult } from "../examples/demo/run";

let dir: string;
let result: DemoResult;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "shapecalc-demo-"));
  result = runDemo({ out: join(dir, "figures"), steps: 1000, quiet: true });
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Checks that the tags nest properly and returns the element names in document order. */
function parseTags(xml: string): string[] {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "").replace(/<!--[\s\S]*?-->/g, "");
  const names: string[] = [];
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m !== null; m = tag.exec(body)) {
    const between = body.slice(last, m.index);
    if (between.includes("<") || between.includes(">")) throw new Error(`malformed markup near: ${between.slice(0, 60)}`);
    last = tag.lastIndex;
    const [, close, name, , selfClose] = m;
    if (!close && stack.length === 0 && names.length > 0) throw new Error(`a second root element <${name}>`);
    if (close) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else {
      names.push(name);
      if (!selfClose) stack.push(name);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join("> <")}>`);
  if (body.slice(last).trim() !== "") throw new Error("text after the root element");
  return names;
}

const count = (names: string[], name: string): number => names.filter((n) => n === name).length;

function polylinePoints(svg: string): number[][] {
  return [...svg.matchAll(/<polyline points="([^"]*)"/g)].map((m) => m[1].split(/[\s,]+/).map(Number));
}

describe("demo: figures", () => {
  it("writes fit.svg and loss.svg into the folder it was given (created if missing)", () => {
    expect(dirname(result.files.fit)).toBe(join(dir, "figures"));
    expect(existsSync(result.files.fit)).toBe(true);
    expect(existsSync(result.files.loss)).toBe(true);
  });

  it("fit.svg is well-formed SVG: data points, four curves (truth, two polynomials, network), axes, legend", () => {
    const svg = readFileSync(result.files.fit, "utf8");
    const names = parseTags(svg);
    expect(names[0]).toBe("svg");
    expect(svg).toMatch(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(count(names, "polyline")).toBe(4);
    expect(count(names, "circle")).toBe(100 + 1); // the N = 100 samples and the legend's swatch
    expect(count(names, "text")).toBeGreaterThan(15); // title, tick labels, axis labels, legend
    for (const label of ["true function", "normal equations", "gradient descent", "neural net"]) expect(svg).toContain(label);
    for (const pts of polylinePoints(svg)) {
      expect(pts.length).toBeGreaterThan(2 * 100);
      expect(pts.every(Number.isFinite)).toBe(true);
    }
  });

  it("loss.svg is well-formed SVG with two loss curves on a log scale", () => {
    const svg = readFileSync(result.files.loss, "utf8");
    const names = parseTags(svg);
    expect(names[0]).toBe("svg");
    expect(count(names, "polyline")).toBe(2);
    expect(svg).toContain("10⁻²"); // decade labels of the log axis
    const [poly, net] = polylinePoints(svg);
    expect(poly.length).toBe(2 * (1000 + 1)); // the default 1000 gradient-descent steps
    expect(net.length).toBe(2 * (1000 + 1));
    expect([...poly, ...net].every(Number.isFinite)).toBe(true);
  });
});

describe("demo: polynomial regression", () => {
  it("gradient descent reaches the normal-equation solution", () => {
    expect(result.poly.maxThetaDiff).toBeLessThan(1e-6);
    expect(result.poly.maxCurveDiff).toBeLessThan(1e-6);
    const [ne, gd] = result.rows;
    expect(Math.abs(gd.trainMse - ne.trainMse)).toBeLessThan(1e-10);
    expect(Math.abs(gd.testMse - ne.testMse)).toBeLessThan(1e-8);
  });

  it("the training loss of gradient descent ends at the least-squares optimum", () => {
    const last = result.poly.mse[result.poly.mse.length - 1];
    expect(last).toBeCloseTo(result.rows[0].trainMse, 10);
    expect(result.poly.mse[0]).toBeGreaterThan(10 * last);
  });

  it("grad(L) equals the notes' closed form −2eᵀΦ, and hessian(L) equals 2ΦᵀΦ", () => {
    expect(result.gradCheck.scale).toBeGreaterThan(1); // a non-trivial gradient
    expect(result.gradCheck.maxAbsDiff).toBeLessThanOrEqual(1e-12 * result.gradCheck.scale);
    expect(result.gradCheck.library.shape).toEqual([1, 6]);
    expect(result.gradCheck.hessianMaxAbsDiff).toBeLessThan(1e-9);
  });
});

describe("demo: neural network", () => {
  it("the loss falls by a large factor and ends below the polynomial's and near the noise floor", () => {
    const mse = result.net.mse;
    expect(mse).toHaveLength(1000 + 1);
    expect(mse[0] / mse[mse.length - 1]).toBeGreaterThan(20);
    const [ne, , nn] = result.rows;
    expect(nn.trainMse).toBeLessThan(ne.trainMse);
    expect(nn.testMse).toBeLessThan(ne.testMse);
    expect(nn.testMse).toBeLessThan(0.02); // σ² = 0.01 is the floor for fresh noisy data
  });

  it("hand-written backpropagation (δ recursion of the notes) equals gradient(L) on all 321 parameters", () => {
    expect(result.net.params).toBe(321);
    expect(result.net.backpropMaxDiff).toBeLessThan(1e-12);
  });
});

describe("demo: output", () => {
  it("is reproducible and prints plain progress lines (no \\r) when not on a terminal", () => {
    const lines: string[] = [];
    const sink = { write: (s: string) => void lines.push(s), isTTY: false };
    const a = runDemo({ out: join(dir, "small"), steps: 20, polySteps: 20, sink });
    const b = runDemo({ out: join(dir, "small"), steps: 20, polySteps: 20, quiet: true });
    expect(a.net.mse).toEqual(b.net.mse);
    expect(a.poly.mse).toEqual(b.poly.mse);
    const text = lines.join("");
    expect(text).not.toContain("\r");
    expect(text).toMatch(/step +20\/20 +MSE/);
    expect(text).toMatch(/params +train MSE +test MSE +time/);
    expect(text).toContain(a.files.fit);
  });
});
