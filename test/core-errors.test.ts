import { describe, it, expect } from "vitest";
import * as sc from "../src/index";
import {
  mat, vec, row, zeros, eye, scalar, ShapeError, SingularMatrixError, ValueError,
} from "../src/index";
import { randMat, wellConditioned, type M } from "./core-helpers";
import { getGemmBackend } from "../src/kernels/gemm";

/** Runs f, returns the thrown error (fails the test when nothing is thrown). */
function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  return expect.fail("expected an error, nothing was thrown");
}

const A23 = mat([[1, 2, 3], [4, 5, 6]]);
const B23 = mat([[6, 5, 4], [3, 2, 1]]);
const A32 = A23.T;
const any = (x: unknown) => x as any;

describe("error classes", () => {
  it("ShapeError, SingularMatrixError, ValueError are Errors with name, op and 'op: ' prefixed message", () => {
    for (const [C, name] of [[ShapeError, "ShapeError"], [SingularMatrixError, "SingularMatrixError"], [ValueError, "ValueError"]] as const) {
      const e = new C("foo", "bar baz");
      expect(e).toBeInstanceOf(Error);
      expect(e.name).toBe(name);
      expect(e.op).toBe("foo");
      expect(e.message).toBe("foo: bar baz");
    }
    expect(new ShapeError("x", "y")).not.toBeInstanceOf(ValueError);
  });
});

describe("ShapeError messages name the operation and both shapes", () => {
  const cases: [string, () => unknown, string, RegExp][] = [
    ["matmul 2×3 · 2×3", () => sc.matmul(A23, any(A23)), "matmul", /2×3 · 2×3/],
    ["matmul method 3×2 · 3×2", () => A32.matmul(any(A32)), "matmul", /3×2.*3×2/],
    ["add", () => sc.add(A23, any(A32)), "add", /2×3.*3×2/],
    ["sub", () => sc.sub(A23, any(A32)), "sub", /2×3.*3×2/],
    ["mul", () => sc.mul(A23, any(A32)), "mul", /2×3.*3×2/],
    ["div", () => sc.div(A23, any(A32)), "div", /2×3.*3×2/],
    ["add method", () => A23.add(any(vec([1, 2]))), "add", /2×3.*2×1/],
    ["solve", () => sc.solve(eye(2), any(vec([1, 2, 3]))), "solve", /2×2.*3×1/],
    ["vstack", () => sc.vstack(A23, any(A32)), "vstack", /2×3.*3×2/],
    ["hstack", () => sc.hstack(A23, any(A32)), "hstack", /2×3.*3×2/],
    ["reshape", () => sc.reshape(A23, 5, any(1)), "reshape", /2×3.*5×1/],
    ["fromData", () => sc.fromData(2, 2, [1, 2, 3]), "fromData", /3.*2×2/],
    ["fromArray rows", () => sc.fromArray([[1, 2, 3]], 2, 3), "fromArray", /2×3.*1 rows/],
    ["fromArray ragged", () => sc.fromArray([[1, 2, 3], [1, 2]], 2, 3), "fromArray", /2×3.*row 1 has 2/],
  ];
  for (const [title, f, op, shapes] of cases) {
    it(title, () => {
      const e = thrown(f);
      expect(e).toBeInstanceOf(ShapeError);
      expect((e as ShapeError).op).toBe(op);
      expect(e.message.startsWith(`${op}: `)).toBe(true);
      expect(e.message).toMatch(shapes);
    });
  }
});

describe("ShapeError for square-only and shape-constrained operations names the op and the shape", () => {
  const cases: [string, () => unknown, RegExp][] = [
    ["det", () => sc.det(any(A23)), /^det: .*2×3/],
    ["logAbsDet", () => sc.logAbsDet(any(A23)), /^logAbsDet: .*2×3/],
    ["signDet", () => sc.signDet(any(A23)), /^signDet: .*2×3/],
    ["inv", () => sc.inv(any(A23)), /^inv: .*2×3/],
    ["solve non-square A", () => sc.solve(any(A23), any(vec([1, 2]))), /^solve: .*2×3/],
    ["trace", () => sc.trace(any(A23)), /^trace: .*2×3/],
    ["scale", () => sc.scale(A23, any(A23)), /^scale: .*1×1.*2×3/],
    ["diag", () => sc.diag(any(A23)), /^diag: .*2×3/],
    ["repeatRows", () => sc.repeatRows(any(A23), 2), /^repeatRows: .*2×3/],
    ["repeatCols", () => sc.repeatCols(any(A23), 2), /^repeatCols: .*2×3/],
    ["unvecCols", () => sc.unvecCols(vec([1, 2, 3]), 2, 2 as any), /^unvecCols: .*3×1/],
    ["at", () => sc.at(A23, 2, 0), /^at: .*2×3/],
    ["get", () => A23.get(0, 3), /^get: .*2×3/],
    ["item", () => A23.item(), /^item: .*1×1.*2×3/],
    ["max of empty", () => sc.max(zeros(0, 2)), /^max: /],
    ["slice rows", () => A23.sliceRows(1, 3 as any), /^sliceRows: /],
    ["slice cols", () => A23.sliceCols(2, 4 as any), /^sliceCols: /],
    ["row()", () => A23.row(2), /^row: /],
    ["col()", () => A23.col(3), /^col: /],
    ["dim", () => sc.dim("n", -3), /^dim: /],
    ["expectDim", () => sc.expectDim(sc.dim("n", 3), 4), /^expectDim: .*4.*3/],
    ["mat ragged", () => sc.mat(any([[1], [2, 3]])), /^mat: /],
    ["zeros bad dim", () => sc.zeros(any(-1), 2), /^zeros: /],
  ];
  for (const [title, f, re] of cases) {
    it(title, () => {
      const e = thrown(f);
      expect(e).toBeInstanceOf(ShapeError);
      expect(e.message).toMatch(re);
    });
  }
});

describe("item / get", () => {
  it("item() on a non-scalar throws, on a 1×1 returns the value", () => {
    expect(() => vec([1, 2]).item()).toThrow(ShapeError);
    expect(() => zeros(0, 0).item()).toThrow(ShapeError);
    expect(() => row([1, 2]).item()).toThrow(/1×2/);
    expect(scalar(-4).item()).toBe(-4);
  });

  it("get() out of range throws", () => {
    expect(() => A23.get(2, 0)).toThrow(ShapeError);
    expect(() => A23.get(0, 3)).toThrow(ShapeError);
    expect(() => A23.get(6)).toThrow(ShapeError);
    expect(() => A23.get(-1, 0)).toThrow(ShapeError);
    expect(() => A23.get(NaN)).toThrow(ShapeError);
    expect(A23.get(1, 0)).toBe(4);
  });
});

describe("other error kinds", () => {
  it("SingularMatrixError from inv and solve", () => {
    expect(thrown(() => sc.inv(zeros(2, 2)))).toBeInstanceOf(SingularMatrixError);
    expect(thrown(() => sc.solve(zeros(2, 2), vec([1, 1])))).toBeInstanceOf(SingularMatrixError);
    expect(thrown(() => sc.inv(zeros(2, 2))).message).toMatch(/^inv: .*singular/);
  });

  it("ValueError from finite data checks, non-number entries and bad norm order", () => {
    expect(thrown(() => sc.fromData(1, 1, [NaN], { finite: true }))).toBeInstanceOf(ValueError);
    expect(thrown(() => sc.fromArray(any([["1"]]), 1, 1))).toBeInstanceOf(ValueError);
    expect(thrown(() => sc.norm(A23, 0))).toBeInstanceOf(ValueError);
    expect(thrown(() => sc.norm(A23, 0)).message).toMatch(/^norm: /);
  });
});

describe("a wrong argument is described, not printed whole", () => {
  const big = new Float64Array(65536).fill(0.5);
  const cases: [string, () => unknown, RegExp][] = [
    // arguments in the wrong order: the data where the row count goes
    ["fromArray", () => sc.fromArray(any(3), any(big), 2), /^fromArray: rows must be a non-negative integer, got a Float64Array of 65536 entries$/],
    ["fromData", () => sc.fromData(any([1, 2, 3]), 1, [1, 2, 3]), /^fromData: rows must be a non-negative integer, got an array of 3 entries$/],
    ["zeros", () => sc.zeros(2, any({ n: 2 })), /^zeros: cols must be a non-negative integer, got an object$/],
    ["ones", () => sc.ones(any([2]), 2), /^ones: rows must be a non-negative integer, got an array of 1 entry$/],
    ["dim", () => sc.dim("n", any("x".repeat(1000))), /^dim: dimension "n" must be a non-negative integer, got a string of 1000 characters$/],
    ["expectDim", () => sc.expectDim(sc.dim("n", 3), any(big)), /^expectDim: size is a Float64Array of 65536 entries, but the dimension it must match is 3$/],
    ["reshape", () => sc.reshape(A23, any(big), 1), /^reshape: a dimension must be a non-negative integer, got a Float64Array of 65536 entries$/],
    ["repeatRows", () => sc.repeatRows(row([1, 2]), any([1, 2])), /^repeatRows: a count must be a non-negative integer, got an array of 2 entries$/],
    ["sum axis", () => sc.sum(A23, any(big)), /^sum: axis must be 0 \(down the rows\), 1 \(along each row\) or omitted, got a Float64Array of 65536 entries$/],
    ["norm", () => sc.norm(A23, any(big)), /^norm: p must be a number ≥ 1, 'fro' or Infinity, got a Float64Array of 65536 entries$/],
    ["symbol name", () => sc.symbol(any(big), 2), /^symbol: a symbol name must be an identifier \(letters, digits, _\), got a Float64Array of 65536 entries$/],
    ["symbol rows", () => sc.symbol("X", any(big)), /^symbol: rows must be a non-negative integer, got a Float64Array of 65536 entries$/],
  ];
  it.each(cases)("%s", (_, f, message) => {
    const e = thrown(f);
    expect(e.message).toMatch(message);
  });

  it("an operand that is not a Matrix (untyped callers) is named with its position", () => {
    const cases: [() => unknown, string][] = [
      [() => sc.matmul(A23, any(5)), "matmul: operand 2 must be a Matrix, got 5"],
      [() => A23.matmul(any([[1], [2], [3]])), "matmul: operand 2 must be a Matrix, got an array of 3 entries"],
      [() => sc.tanh(any(null)), "tanh: operand 1 must be a Matrix, got null"],
      [() => sc.sum(any(undefined)), "sum: operand 1 must be a Matrix, got undefined"],
      [() => sc.inv(any(new Float64Array(4))), "inv: operand 1 must be a Matrix, got a Float64Array of 4 entries"],
      [() => sc.sub(any({ rows: 2, cols: 3 }), B23), "sub: operand 1 must be a Matrix, got an object"],
    ];
    for (const [f, message] of cases) {
      const e = thrown(f);
      expect(e).toBeInstanceOf(ShapeError);
      expect(e.message).toBe(message);
    }
  });

  it("fromData takes numbers only, as fromArray does (no NaN from a string)", () => {
    expect(thrown(() => sc.fromData(1, 2, any("ab"))).message).toBe('fromData: data must be a Float64Array or an array of numbers, got "ab"');
    expect(thrown(() => sc.fromData(1, 2, any({ length: 2 }))).message).toBe("fromData: data must be a Float64Array or an array of numbers, got an object");
    const e = thrown(() => sc.fromData(2, 2, any([1, 2, "3", 4])));
    expect(e).toBeInstanceOf(ValueError);
    expect(e.message).toBe("fromData: entry (1, 0) is string, expected a number");
    // other numeric typed arrays and NaN entries are data, as before
    expect(Array.from(sc.fromData(1, 2, any(new Float32Array([1, 2]))).data)).toEqual([1, 2]);
    expect(Number.isNaN(sc.fromData(1, 1, [NaN]).data[0])).toBe(true);
  });

  it("random matrices check their options instead of rounding or ignoring them", () => {
    expect(thrown(() => sc.randn(2, 2, { seed: any("x") })).message).toBe('randn: seed must be an integer, got "x"');
    expect(thrown(() => sc.rand(2, 2, { seed: 1.5 })).message).toBe("rand: seed must be an integer, got 1.5");
    expect(thrown(() => sc.randn(2, 2, { std: any("2") })).message).toBe('randn: std must be a finite number, got "2"');
    expect(thrown(() => sc.rand(2, 2, { high: Infinity })).message).toBe("rand: high must be a finite number, got Infinity");
    expect(thrown(() => sc.randn(2, 2, { seed: 1.5 }))).toBeInstanceOf(ValueError);
  });

  it("configure rejects unknown values and options, and then changes nothing", () => {
    expect(thrown(() => sc.configure({ threads: any(3) })).message).toBe("configure: threads must be 1 or 2, got 3");
    expect(thrown(() => sc.configure({ backend: any("gpu") })).message).toBe('configure: backend must be "auto", "js" or "wasm", got "gpu"');
    expect(thrown(() => sc.configure({ relaxedSimd: any(true) })).message).toBe('configure: relaxedSimd must be "auto", "flag" or "off", got true');
    expect(thrown(() => sc.configure(any({ thread: 1 }))).message).toBe('configure: unknown option "thread" (the options are backend, relaxedSimd, threads)');
    // a valid option next to a bad one is not applied
    sc.configure({ backend: "auto" });
    expect(thrown(() => sc.configure({ backend: "js", threads: any(0) }))).toBeInstanceOf(ValueError);
    expect(getGemmBackend()).toBe("auto");
  });

  it("transformations and jit name themselves when given something that is not a function", () => {
    const cases: [string, () => unknown][] = [
      ["grad", () => sc.grad(any(5))], ["gradient", () => sc.gradient(any(5))], ["valueAndGrad", () => sc.valueAndGrad(any(5))],
      ["valueAndGradient", () => sc.valueAndGradient(any(5))], ["jacobian", () => sc.jacobian(any(5))], ["jacobianT", () => sc.jacobianT(any(5))],
      ["hessian", () => sc.hessian(any(5))], ["vjp", () => sc.vjp(any(5), vec([1]))], ["jvp", () => sc.jvp(any(5), vec([1]), vec([1]))], ["jit", () => sc.jit(any(5))],
    ];
    for (const [op, f] of cases) {
      const e = thrown(f);
      expect(e).toBeInstanceOf(TypeError);
      expect(e.message).toBe(`${op}: expected a function, got 5`);
    }
  });

  it("tensor, compile, pow, vstack/hstack and mapParams name what is wrong with their arguments", () => {
    const cases: [() => unknown, string][] = [
      [() => sc.tensor(any(new Float64Array(4)), [2], [3]), "tensor: outDims must be an array of dims, got a Float64Array of 4 entries"],
      [() => sc.tensor([2], [1.5], [1, 2, 3]), "tensor: dims must be non-negative integers, got 1.5 in inDims"],
      [() => sc.compile(sc.symbol("x", 2).scale(2), any(undefined)), "compile: the inputs must be an array of symbols, got undefined"],
      [() => sc.pow(A23, any("2")), 'pow: the exponent must be a number, got "2"'],
      [() => sc.pow(A23, any(A32)), "pow: the exponent must be a number, got a 3×2 matrix"],
      [() => sc.zeros(any(A23), 2), "zeros: rows must be a non-negative integer, got a 2×3 matrix"],
      [() => any(sc.hstack)(), "hstack: operand 1 must be a Matrix, got undefined"],
      [() => sc.vstack(A23, any(5)), "vstack: operand 2 must be a Matrix, got 5"],
      [() => sc.mapParams({ a: A23 }, any(5)), "mapParams: expected a function, got 5"],
    ];
    for (const [f, message] of cases) expect(thrown(f).message).toBe(message);
  });

  it("softmax and logSoftmax name themselves for a bad axis", () => {
    expect(thrown(() => sc.softmax(A23, any(2))).message).toMatch(/^softmax: axis must be/);
    expect(thrown(() => sc.logSoftmax(A23, any(2))).message).toMatch(/^logSoftmax: axis must be/);
  });

  it("numbers, short strings and null still show as they are", () => {
    expect(thrown(() => sc.zeros(any(-1), 2)).message).toBe("zeros: rows must be a non-negative integer, got -1");
    expect(thrown(() => sc.zeros(any(2.5), 2)).message).toBe("zeros: rows must be a non-negative integer, got 2.5");
    expect(thrown(() => sc.symbol(any("2x"), 2)).message).toBe('symbol: a symbol name must be an identifier (letters, digits, _), got "2x"');
    expect(thrown(() => sc.zeros(any(null), 2)).message).toBe("zeros: rows must be a non-negative integer, got null");
  });
});

// ---------------------------------------------------------------- immutability

const snap = (...ms: M[]) => ms.map((m) => Float64Array.from(m.data));
function expectUnchanged(ms: M[], before: Float64Array[]): void {
  ms.forEach((m, i) => expect(Array.from(m.data), `input ${i}`).toEqual(Array.from(before[i])));
}

describe("immutability: inputs are unchanged by every operation", () => {
  const X = randMat(3, 3, 1, 0.5, 2); // positive entries so log/sqrt/pow are defined
  const Y = randMat(3, 3, 2, 0.5, 2);
  const W = wellConditioned(3, 3);
  const v = randMat(3, 1, 4);
  const r = randMat(1, 3, 5);
  const s = scalar(2.5);

  const binary: [string, () => M, M[]][] = [
    ["add", () => sc.add(X, Y), [X, Y]],
    ["add number", () => sc.add(X, 2), [X]],
    ["sub", () => sc.sub(X, Y), [X, Y]],
    ["sub number", () => sc.sub(X, 2), [X]],
    ["mul", () => sc.mul(X, Y), [X, Y]],
    ["mul number", () => sc.mul(X, 2), [X]],
    ["div", () => sc.div(X, Y), [X, Y]],
    ["div number", () => sc.div(X, 2), [X]],
    ["scale scalar", () => sc.scale(X, s), [X, s]],
    ["addScalar scalar", () => sc.addScalar(X, s), [X, s]],
    ["matmul", () => sc.matmul(X, Y), [X, Y]],
    ["outer", () => sc.outer(v, v), [v]],
    ["kron", () => sc.kron(X, Y), [X, Y]],
    ["dot", () => sc.dot(X, Y), [X, Y]],
    ["solve", () => sc.solve(W, Y), [W, Y]],
    ["vstack", () => sc.vstack(X, Y), [X, Y]],
    ["hstack", () => sc.hstack(X, Y), [X, Y]],
    ["addToRows", () => sc.addToRows(X, r), [X, r]],
    ["addToCols", () => sc.addToCols(X, v), [X, v]],
  ];
  const unary: [string, (a: M) => M][] = [
    ["neg", sc.neg], ["exp", sc.exp], ["log", sc.log], ["sin", sc.sin], ["cos", sc.cos], ["tanh", sc.tanh],
    ["sigmoid", sc.sigmoid], ["relu", sc.relu], ["abs", sc.abs], ["sign", sc.sign], ["sqrt", sc.sqrt],
    ["softplus", sc.softplus], ["logSigmoid", sc.logSigmoid],
    ["pow 2", (a) => sc.pow(a, 2)], ["pow 0.5", (a) => sc.pow(a, 0.5)], ["pow -1", (a) => sc.pow(a, -1)],
    ["transpose", sc.transpose], [".T", (a) => a.T],
    ["det", (a) => sc.det(a)], ["logAbsDet", (a) => sc.logAbsDet(a)], ["inv", (a) => sc.inv(a)], ["trace", (a) => sc.trace(a)],
    ["sum", (a) => sc.sum(a)], ["sum 0", (a) => sc.sum(a, 0)], ["sum 1", (a) => sc.sum(a, 1)], ["mean", sc.mean], ["max", sc.max],
    ["sumSquares", sc.sumSquares], ["norm 1", (a) => sc.norm(a, 1)], ["norm 3", (a) => sc.norm(a, 3)], ["norm Inf", (a) => sc.norm(a, Infinity)],
    ["logSumExp", (a) => sc.logSumExp(a)], ["logSumExp 0", (a) => sc.logSumExp(a, 0)], ["softmax 1", (a) => sc.softmax(a, 1)],
    ["logSoftmax", (a) => sc.logSoftmax(a)],
    ["reshape", (a) => sc.reshape(a, 1, 9)], ["flatten", sc.flatten], ["vecCols", sc.vecCols],
    ["sliceRows", (a) => sc.sliceRows(a, 1, 3)], ["sliceCols", (a) => sc.sliceCols(a, 0, 2)], ["row", (a) => a.row(1)], ["col", (a) => a.col(2)],
    ["at", (a) => sc.at(a, 1, 1)], ["diagPart", (a) => sc.diagPart(a)],
    ["repeatRows of row 0", (a) => sc.repeatRows(a.row(0), 4)],
  ];

  for (const [name, f, inputs] of binary) {
    it(name, () => {
      const before = snap(...inputs);
      const out = f();
      expectUnchanged(inputs, before);
      for (const m of inputs) expect(out.data).not.toBe(m.data);
    });
  }
  for (const [name, f] of unary) {
    it(name, () => {
      const before = snap(X);
      f(X);
      expectUnchanged([X], before);
    });
  }

  it("unvecCols, diag, repeatCols, fromData-copied inputs unchanged", () => {
    const before = snap(v, r);
    sc.unvecCols(v, 3, 1);
    sc.diag(v);
    sc.diag(r);
    sc.repeatCols(v, 5);
    expectUnchanged([v, r], before);
  });

  it("element-wise results are new buffers: writing to a result does not touch the input", () => {
    const Z = mat([[1, 2], [3, 4]]);
    for (const f of [sc.neg, sc.exp, sc.abs, sc.transpose, (a: M) => sc.add(a, 0), (a: M) => sc.mul(a, 1), (a: M) => sc.sliceRows(a, 0, 2)] as ((a: M) => M)[]) {
      const out = f(Z);
      out.data[0] = 1234;
      expect(Z.toArray()).toEqual([[1, 2], [3, 4]]);
    }
  });
});
