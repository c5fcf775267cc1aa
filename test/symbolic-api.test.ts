/**
 * The symbolic API: symbols and their validation, one set of shape rules, the simplifier rules,
 * hash-consing, printing (constants, names, common subexpressions), evaluate and compile (results
 * and errors), and `explain` on ordinary functions.
 */
import { describe, expect, it } from "vitest";
import {
  Matrix, ShapeError, add, det, dim, eye, inv, mat, matmul, max, norm, relu, abs, scalar, sub, sumSquares, tanh, vec, zeros, addToCols, gradient, grad, valueAndGradient, isMatrix,
} from "../src/index";
import { symbol, derivative, gradientOf, evaluate, compile, compileSchedule, explain, explainLatex, isSymbolic, SymbolicMatrix, SymbolicTensor, toLatex } from "../src/symbolic/index";
import { exprOf } from "../src/symbolic/trace";

/* eslint-disable @typescript-eslint/no-explicit-any */
const A = symbol("A", 2, 3), B = symbol("B", 3, 4), x = symbol("x", 3), X = symbol("X", 3, 3);

describe("symbols are matrices", () => {
  it("symbol(name, rows, cols) and symbol(name, n) (a column) with the shapes in the value", () => {
    expect(isMatrix(A)).toBe(true);
    expect(A.shape).toEqual([2, 3]);
    expect(x.shape).toEqual([3, 1]);
    expect(isSymbolic(A)).toBe(true);
    expect(isSymbolic(zeros(2, 2))).toBe(false);
    expect(A).toBeInstanceOf(SymbolicMatrix);
    expect(String(A)).toBe("A");
    expect(A.size).toBe(0); // no entries: a placeholder
  });

  it("symbolic dims are numbers at run time", () => {
    const n = dim("n", 7);
    const P = symbol("Phi", n, 3);
    expect(P.shape).toEqual([7, 3]);
    expect(String(P.matmul(x))).toBe("Φx");
  });

  it("rejects bad names and dims", () => {
    expect(() => symbol("2x", 2, 2)).toThrow(ShapeError);
    expect(() => symbol("X", -1 as any, 2)).toThrow(/non-negative integer/);
    expect(() => symbol("W", 2, 3, { symmetric: true })).toThrow(/square/);
  });

  it("the same run-time shape rules as numbers (one rule set)", () => {
    expect(() => (A as any).matmul(A)).toThrow(/matmul: inner dimensions differ \(2×3 · 2×3\)/);
    expect(() => (A as any).add(B)).toThrow(/add: shapes differ \(2×3 vs 3×4\)/);
    expect(() => det(A as any)).toThrow(/square/);
    expect(A.matmul(B).shape).toEqual([2, 4]);
    expect(max(A).shape).toEqual([1, 1]);
  });

  it("numeric constants mix in: small ones inline, 1×1 as numbers, the identity as I", () => {
    expect(String(mat([[1, 2], [3, 4]]).matmul(A))).toBe("[1, 2; 3, 4]A");
    expect(String(X.add(eye(3)))).toBe("X + I");
    expect(String(X.scale(scalar(3)))).toBe("3X");
    expect(String(x.add(2))).toBe("x + 2");
    expect(String(x.sub(2))).toBe("x − 2");
    expect(toLatex(mat([[1, 2], [3, 4]]).matmul(A))).toBe("\\begin{bmatrix}1 & 2 \\\\ 3 & 4\\end{bmatrix} A");
  });
});

describe("simplifier", () => {
  const Y = symbol("Y", 3, 3);
  it("(Aᵀ)ᵀ = A, I·A = A·I = A, 0-propagation", () => {
    expect(A.T.T).toBe(A);
    expect(eye(3).matmul(X)).toBe(X);
    expect(X.matmul(eye(3))).toBe(X);
    expect(String(zeros(3, 3).matmul(X).add(X))).toBe("X");
    expect(String(X.mul(zeros(3, 3)))).toBe("0");
    expect(inv(inv(X) as any)).toBe(X);
  });

  it("scalar folding: 1·A = A, a·(b·A) = (ab)·A, −(−A) = A, A + (−B) = A − B, A + A = 2A", () => {
    expect(X.scale(1)).toBe(X);
    expect(String(X.scale(2).scale(3))).toBe("6X");
    expect(X.neg().neg()).toBe(X);
    expect(String(X.add(Y.neg()))).toBe("X − Y");
    expect(String(X.neg().add(Y))).toBe("Y − X");
    expect(String(X.add(X))).toBe("2X");
    expect(String(X.sub(X))).toBe("0");
    expect(String(X.scale(2).sub(X))).toBe("X");
  });

  it("(AB)ᵀ = BᵀAᵀ only where it prints with fewer marks; scalars leave products", () => {
    const v = symbol("v", 2);
    expect(String(A.T.matmul(v).T)).toBe("vᵀA");
    expect(String(X.matmul(Y).T)).toBe("(XY)ᵀ");
    expect(String(X.scale(2).matmul(Y.scale(-1)))).toBe("−2XY");
  });

  it("collects common factors: xᵀB + xᵀBᵀ = xᵀ(B + Bᵀ), Bx + Cx = (B + C)x, P + PQ = P(I + Q)", () => {
    const C = symbol("C", 3, 3);
    expect(String(x.T.matmul(X).add(x.T.matmul(X.T)))).toBe("xᵀ(X + Xᵀ)");
    expect(String(X.matmul(x).add(C.matmul(x)))).toBe("(X + C)x");
    expect(String(X.matmul(x).sub(C.matmul(x).scale(2)))).toBe("(X − 2C)x");
    expect(String(x.sub(X.matmul(x)))).toBe("(I − X)x");
  });

  it("hash-consing: equal expressions are one node", () => {
    const e1 = tanh(A.matmul(B)), e2 = tanh(A.matmul(B));
    expect(e1).toBe(e2);
    expect(exprOf(e1)).toBe(exprOf(e2));
  });
});

describe("printing", () => {
  it("Greek names, subscripts, ‖·‖, det, log|det|, σ, tr", () => {
    const W1 = symbol("W1", 3, 3), theta = symbol("theta", 3);
    expect(String(W1.matmul(theta))).toBe("W₁θ");
    expect(toLatex(W1.matmul(theta))).toBe("W_{1} \\theta");
    expect(String(norm(x))).toBe("‖x‖");
    expect(String(sumSquares(x))).toBe("‖x‖²");
    expect(String(gradientOf(norm(x), x))).toBe("x/‖x‖");
  });

  it("names a repeated subexpression once", () => {
    const W = symbol("W", 3, 3), b = symbol("b", 3), y = symbol("y", 3);
    const L = sumSquares(y.sub(tanh(W.matmul(x).add(b))));
    expect(String(gradientOf(L, W))).toBe("−2((1 − T₁²) ⊙ (y − T₁))xᵀ, where T₁ = tanh(Wx + b)");
    expect(toLatex(gradientOf(L, W))).toBe(
      "-2 \\left(\\left(1 - {T_{1}}^{2}\\right) \\odot \\left(y - T_{1}\\right)\\right) x^\\top, \\quad \\text{where } T_{1} = \\tanh\\left(W x + b\\right)",
    );
  });

  it("non-smooth ops: relu′ = step, |x|′ = sign, max′ = onehot(argmax)", () => {
    expect(String(gradientOf(sumSquares(relu(x)), x))).toBe("2(relu(x) ⊙ step(x))");
    expect(String(gradientOf(norm(x, 1), x))).toBe("sign(x)");
    expect(String(gradientOf(max(x), x))).toBe("onehot(argmax x)");
    const v = vec([1, -2, 0.5]);
    expect(evaluate(gradientOf(sumSquares(relu(x)), x), { x: v }).toFlatArray()).toEqual(gradient((z: Matrix<3, 1>) => sumSquares(relu(z)))(v).toFlatArray());
    expect(evaluate(gradientOf(max(abs(x)), x), { x: v }).toFlatArray()).toEqual([0, -1, 0]);
  });
});

describe("evaluate", () => {
  const Av = mat([[1, 2, 3], [4, 5, 6]]), xv = vec([1, 0, -1]);
  it("evaluates with Matrix, array and number bindings", () => {
    expect(evaluate(A.matmul(x), { A: Av, x: xv }).toFlatArray()).toEqual([-2, -2]);
    expect(evaluate(A.matmul(x), { A: [[1, 2, 3], [4, 5, 6]], x: [1, 0, -1] }).toFlatArray()).toEqual([-2, -2]);
    const s = symbol("s", 1, 1);
    expect(evaluate(x.scale(s), { x: xv, s: 2 }).toFlatArray()).toEqual([2, 0, -2]);
    expect((A.matmul(x) as SymbolicMatrix).evaluate({ A: Av, x: xv }).toFlatArray()).toEqual([-2, -2]);
  });

  it("clear errors for missing, mis-shaped and ambiguous bindings", () => {
    expect(() => evaluate(A.matmul(x), { A: Av })).toThrow(/no value for "x" \(3×1\)/);
    expect(() => evaluate(A.matmul(x), { A: Av, x: vec([1, 2]) })).toThrow(/"x" is 3×1 but its value is 2×1/);
    expect(() => evaluate(A.matmul(x), { A: Av, x: [[1, 2], [3]] })).toThrow(/rectangular/);
    expect(() => evaluate(A.matmul(x), { A: Av, x: "no" as any })).toThrow(/must be a Matrix/);
    const x2 = symbol("x", 2);
    expect(() => evaluate(A.T.matmul(x2).add(x), { A: Av, x: xv })).toThrow(/two different symbols are named "x"/);
  });

  it("evaluates tensors (Kronecker forms) to numeric tensors", () => {
    const d = derivative(A.matmul(x), A);
    expect(d).toBeInstanceOf(SymbolicTensor);
    const t = evaluate(d, { A: Av, x: xv });
    expect(t.shape).toEqual([2, 2, 3]);
    expect(Array.from(t.data, (e) => e + 0)).toEqual([1, 0, -1, 0, 0, 0, 0, 0, 0, 1, 0, -1]);
  });
});

describe("compile", () => {
  it("one function for a loss and its gradients, reusing buffers, fusing transposes into gemm", () => {
    const W = symbol("W", 4, 3), b = symbol("b", 4), Xs = symbol("X", 3, 5), Y = symbol("Y", 4, 5);
    const L = sumSquares(Y.sub(tanh(addToCols(W.matmul(Xs), b)))).scale(0.5);
    const g = gradientOf(L, { W, b });
    const run = compile([L, g.W, g.b], [W, b, Xs, Y]);
    const Wv = mat([[0.1, 0.2, -0.1], [0.3, -0.2, 0.1], [0, 0.1, 0.2], [-0.3, 0.2, 0.1]]), bv = vec([0.1, -0.1, 0, 0.2]);
    const Xv = mat([[1, 2, 0, -1, 0.5], [0, 1, 1, 2, -1], [1, 0, -1, 0, 2]]), Yv = mat([[0.1, 0.2, 0.3, 0.4, 0.5], [0, 0, 0, 0, 0], [1, -1, 1, -1, 1], [0.2, 0.2, 0.2, 0.2, 0.2]]);
    const [l, gW, gb] = run(Wv.data, bv.data, Xv.data, Yv.data);
    const ref = valueAndGradient((p: { W: Matrix<4, 3>; b: Matrix<4, 1> }) => sumSquares(Yv.sub(tanh(addToCols(p.W.matmul(Xv), p.b)))).scale(0.5))({ W: Wv, b: bv });
    expect(l[0]).toBeCloseTo(ref.value.item(), 12);
    Array.from(gW).forEach((v, i) => expect(v).toBeCloseTo(ref.gradient.W.data[i], 12));
    Array.from(gb).forEach((v, i) => expect(v).toBeCloseTo(ref.gradient.b.data[i], 12));
    const again = run(Wv.data, bv.data, Xv.data, Yv.data);
    expect(again[1]).toBe(gW); // the same output buffer
    const sched = compileSchedule([L, g.W, g.b], [W, b, Xs, Y]);
    expect(sched).toContain("gemmᵀ"); // G·Xᵀ without materialising Xᵀ
    expect(sched.filter((k) => k === "tanh")).toHaveLength(1); // tanh(WX + b1ᵀ) computed once for L and both gradients
  });

  it("errors: inputs that are not symbols, missing inputs, wrong buffer sizes", () => {
    expect(() => compile(A.matmul(x), [A, zeros(3, 1) as any])).toThrow(/not a symbol/);
    expect(() => compile(A.matmul(x), [A])).toThrow(/uses "x" \(3×1\), which is not among the inputs/);
    const run = compile(A.matmul(x), [A, x]);
    expect(() => run(new Float64Array(6))).toThrow(/expected 2 inputs/);
    expect(() => run(new Float64Array(6), new Float64Array(2))).toThrow(/"x" must be a Float64Array of 3 entries/);
    expect(Array.from(run(Float64Array.of(1, 2, 3, 4, 5, 6), Float64Array.of(1, 0, -1))[0])).toEqual([-2, -2]);
  });
});

describe("explain: the expression an ordinary function traces to", () => {
  it("prints the closed form of grad / gradient of a user's function", () => {
    const y = symbol("y", 2);
    const L = (M: Matrix<2, 3>) => sumSquares(y.sub(M.matmul(x)));
    expect(explain(gradient(L), A)).toBe("−2(y − Ax)xᵀ");
    expect(explain(L, A)).toBe("‖y − Ax‖²");
    expect(explainLatex(L, A)).toBe("\\left\\|y - A x\\right\\|^2");
    // grad of a scalar of a matrix: the 1×(2×3) tensor prints as its flattening
    expect(explain(grad(L), A)).toBe("−2vec((y − Ax)xᵀ)ᵀ");
  });

  it("derivatives of derivatives (the gradient expression is differentiable again)", () => {
    const B3 = symbol("B", 3, 3);
    expect(String(derivative(gradientOf(x.T.matmul(B3).matmul(x), x), x))).toBe("B + Bᵀ");
    expect(String(derivative(gradientOf(sumSquares(A.matmul(x)), x), x))).toBe("2AᵀA");
  });

  it("numbers still work everywhere (no symbolic values involved)", () => {
    expect(add(mat([[1]]), mat([[2]])).item()).toBe(3);
    expect(sub(vec([1, 2]), vec([1, 1])).toFlatArray()).toEqual([0, 1]);
    expect(matmul(eye(2), mat([[1, 2], [3, 4]])).toFlatArray()).toEqual([1, 2, 3, 4]);
  });
});
