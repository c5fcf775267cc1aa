import { describe, it, expect } from "vitest";
import {
  mat, vec, exp, log, sin, cos, tanh, sigmoid, relu, abs, sign, pow, sqrt, softplus, logSigmoid, neg, sub, add, mul, ones,
} from "../src/index";
import { expectMat, expectNum, maxAbsDiff, randMat } from "./core-helpers";
import { unaries } from "../src/ops/elementwise";
import { dim, fromData, vjp } from "../src/index";

const X = mat([[-2, -0.5, 0], [0.25, 1, 3]]);
const mapped = (f: (x: number) => number) => X.toArray().map((r) => r.map(f));

describe("basic element-wise functions against Math", () => {
  it("exp, log, sin, cos, tanh keep the shape and match Math entry by entry", () => {
    expectMat(exp(X), mapped(Math.exp));
    expectMat(sin(X), mapped(Math.sin));
    expectMat(cos(X), mapped(Math.cos));
    expectMat(tanh(X), mapped(Math.tanh));
    expectMat(log(mat([[1, Math.E], [0.5, 0]])), [[0, 1], [Math.log(0.5), -Infinity]]);
    expect(log(vec([-1])).item()).toBeNaN();
  });

  it("hand values", () => {
    expectMat(exp(vec([0, 1])), [[1], [Math.E]]);
    expectMat(sin(vec([0, Math.PI / 2])), [[0], [1]]);
    expectMat(cos(vec([0, Math.PI])), [[1], [-1]]);
    expectMat(tanh(vec([0, 1000, -1000])), [[0], [1], [-1]]);
  });

  it("identities: log(exp x) = x, sin² + cos² = 1", () => {
    const Y = randMat(6, 5, 3, -5, 5);
    expect(maxAbsDiff(log(exp(Y)), Y)).toBeLessThan(1e-14);
    expect(maxAbsDiff(add(mul(sin(Y), sin(Y)), mul(cos(Y), cos(Y))), ones(6, 5))).toBeLessThan(1e-15);
  });

  it("relu, abs, sign", () => {
    expectMat(relu(X), [[0, 0, 0], [0.25, 1, 3]]);
    expectMat(abs(X), [[2, 0.5, 0], [0.25, 1, 3]]);
    expectMat(sign(X), [[-1, -1, 0], [1, 1, 1]]);
  });

  it("sqrt and pow with 2, 0.5, 3, −1 (and 0)", () => {
    const P = mat([[4, 0.25], [9, 2]]);
    expectMat(sqrt(P), [[2, 0.5], [3, Math.SQRT2]]);
    expectMat(pow(P, 2), [[16, 0.0625], [81, 4]]);
    expectMat(pow(P, 0.5), [[2, 0.5], [3, Math.SQRT2]]);
    expectMat(pow(P, 3), [[64, 1 / 64], [729, 8]]);
    expectMat(pow(P, -1), [[0.25, 4], [1 / 9, 0.5]]);
    expectMat(pow(P, 0), [[1, 1], [1, 1]]);
    expectMat(pow(vec([-2, -3]), 2), [[4], [9]]);
    expectMat(pow(vec([-2]), 3), [[-8]]);
    expect(sqrt(vec([-1])).item()).toBeNaN();
  });
});

describe("each element-wise function's array kernel", () => {
  it("gives its scalar kernel's result for every entry, bit for bit (signed zeros, infinities, NaN, large and tiny values)", () => {
    const special = [0, -0, 1, -1, 0.5, -0.5, 1e-300, -1e-300, 5e-324, 700, -700, 1000, -1000, Infinity, -Infinity, NaN, Math.PI, 1e15];
    let seed = 3;
    const random = Array.from({ length: 200 }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 40);
    const xs = Float64Array.from([...special, ...random]);
    const x = fromData(dim("n", xs.length), 1, xs);
    expect([...unaries.keys()].sort()).toEqual(["abs", "cos", "exp", "log", "logSigmoid", "relu", "sigmoid", "sign", "sin", "softplus", "sqrt", "step", "tanh"]);
    for (const [name, { op, scalar }] of unaries) {
      const out = op(x).data;
      for (let i = 0; i < xs.length; i++) {
        if (!Object.is(out[i], scalar(xs[i]))) throw new Error(`${name}(${xs[i]}): array kernel ${out[i]}, scalar kernel ${scalar(xs[i])}`);
      }
    }
  });
});

describe("relu, its derivative and sign, computed without branching on the sign", () => {
  it("equal their definitions bit for bit: x > 0 ? x : 0, x > 0 ? 1 : 0 and Math.sign", () => {
    const special = [0, -0, 1, -1, 5e-324, -5e-324, 1e-300, -1e-300, 1.7e308, -1.7e308, Infinity, -Infinity, NaN];
    let seed = 5;
    const random = Array.from({ length: 400 }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 10);
    const xs = Float64Array.from([...special, ...random]);
    const x = fromData(dim("n", xs.length), 1, xs);
    const definitions: [string, (v: number) => number][] = [["relu", (v) => (v > 0 ? v : 0)], ["step", (v) => (v > 0 ? 1 : 0)], ["sign", Math.sign]];
    for (const [name, definition] of definitions) {
      const { op, scalar } = unaries.get(name)!;
      const out = op(x).data;
      xs.forEach((v, i) => {
        if (!Object.is(scalar(v), definition(v))) throw new Error(`${name}(${v}): scalar kernel ${scalar(v)}, definition ${definition(v)}`);
        if (!Object.is(out[i], definition(v))) throw new Error(`${name}(${v}): array kernel ${out[i]}, definition ${definition(v)}`);
      });
    }
    // the derivatives' factors: relu′ = step, abs′ = sign (times a cotangent of ones)
    const cotangent = fromData(dim("n", xs.length), 1, new Float64Array(xs.length).fill(1));
    const dRelu = vjp(relu, x).pullback(cotangent).data, dAbs = vjp(abs, x).pullback(cotangent).data;
    xs.forEach((v, i) => {
      expect(Object.is(dRelu[i], v > 0 ? 1 : 0), `relu′(${v}) = ${dRelu[i]}`).toBe(true);
      expect(Object.is(dAbs[i], Math.sign(v)), `abs′(${v}) = ${dAbs[i]}`).toBe(true);
    });
  });
});

describe("sigmoid", () => {
  it("hand values and symmetry σ(−x) = 1 − σ(x)", () => {
    expectMat(sigmoid(vec([0])), [[0.5]]);
    expectNum(sigmoid(vec([2])).item(), 1 / (1 + Math.exp(-2)), 1e-16);
    expectNum(sigmoid(vec([-2])).item(), 1 / (1 + Math.exp(2)), 1e-16);
    const Y = randMat(4, 4, 8, -10, 10);
    expect(maxAbsDiff(sigmoid(neg(Y)), sub(ones(4, 4), sigmoid(Y) as any))).toBeLessThan(1e-15);
  });

  it("stable at ±1000: no NaN, exactly 1 and 0", () => {
    const s = sigmoid(vec([1000, -1000, 750, -750]));
    for (const x of s.data) expect(Number.isNaN(x)).toBe(false);
    expectMat(s, [[1], [0], [1], [0]]);
  });
});

describe("softplus / logSigmoid", () => {
  it("hand values: softplus(0) = ln 2, softplus(x) = log(1 + eˣ)", () => {
    expectNum(softplus(vec([0])).item(), Math.LN2, 1e-16);
    expectNum(softplus(vec([1.5])).item(), Math.log(1 + Math.exp(1.5)), 1e-15);
    expectNum(softplus(vec([-3])).item(), Math.log1p(Math.exp(-3)), 1e-17);
  });

  it("stable: softplus(1000) = 1000, softplus(−1000) ≈ 0 and not negative, small and positive at −30", () => {
    const s = softplus(vec([1000, -1000, -30]));
    expect(s.data[0]).toBe(1000);
    expect(s.data[1]).toBeGreaterThanOrEqual(0);
    expect(s.data[1]).toBeLessThan(1e-300);
    expect(s.data[2]).toBeGreaterThan(0);
    expectNum(s.data[2], Math.exp(-30), 1e-25);
    expect(Number.isNaN(s.data[0]) || Number.isNaN(s.data[1])).toBe(false);
  });

  it("logSigmoid = log(σ(x)) where finite, and stable at −1000 ≈ −1000", () => {
    const Y = randMat(3, 3, 4, -20, 20);
    expect(maxAbsDiff(logSigmoid(Y), log(sigmoid(Y)))).toBeLessThan(1e-13);
    const l = logSigmoid(vec([-1000, 1000, 0]));
    expectNum(l.data[0], -1000, 1e-12);
    expect(l.data[1]).toBeLessThanOrEqual(0);
    expect(l.data[1]).toBeGreaterThan(-1e-300);
    expectNum(l.data[2], -Math.LN2, 1e-16);
    expect(log(sigmoid(vec([-1000]))).item()).toBe(-Infinity); // the naive form fails here
  });

  it("softplus(x) − softplus(−x) = x", () => {
    const Y = randMat(5, 2, 12, -30, 30);
    expect(maxAbsDiff(sub(softplus(Y), softplus(neg(Y))), Y)).toBeLessThan(1e-13);
  });
});
