import { describe, expect, it } from "vitest";
import { jacobian, linspace, mapParams, mat, onesLike, ShapeError, tensor, vec, zerosLike, type Matrix, type Vector } from "../src/index";

describe("utilities", () => {
  it("zerosLike / onesLike copy the shape, not the values", () => {
    const A = mat([[1, 2, 3], [4, 5, 6]]);
    expect(zerosLike(A).toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(onesLike(A).toArray()).toEqual([[1, 1, 1], [1, 1, 1]]);
    expect(A.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it("linspace includes both ends and is evenly spaced", () => {
    expect(linspace(0, 1, 5).toFlatArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(2, 3, 1).toFlatArray()).toEqual([2]);
    expect(linspace(0, 1, 5).shape).toEqual([5, 1]);
    expect(() => linspace(0, 1, -1 as 1)).toThrow(ShapeError);
  });

  it("mapParams applies a shape-preserving update to each parameter", () => {
    const theta = { A: mat([[1, 2], [3, 4]]), b: vec([1, -1]) };
    const g = { A: mat([[10, 10], [10, 10]]), b: vec([2, 2]) };
    const next: { A: Matrix<2, 2>; b: Vector<2> } = mapParams(theta, (p, k) => p.sub(g[k].scale(0.1)));
    expect(next.A.toArray()).toEqual([[0, 1], [2, 3]]);
    expect(next.b.toFlatArray()).toEqual([0.8, -1.2]);
    expect(() => mapParams(theta, (p) => p.T.matmul(p) as never)).toThrow(/mapParams: the function turned "b" \(2×1\) into 1×1/);
  });

  it("tensor builds a derivative that compares with jacobian; slice gives ∂f_o/∂X in X's shape", () => {
    const x = vec([1, 2, 3]);
    // f(A) = Ax for A ∈ R^{2×3}: ∂f_i/∂A_kl = δ_ik x_l
    const closed = tensor([2], [2, 3], [1, 2, 3, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
    const J = jacobian((A: Matrix<2, 3>) => A.matmul(x))(mat([[0, 0, 0], [0, 0, 0]]));
    expect(Array.from(J.data)).toEqual(Array.from(closed.data));
    expect(closed.slice(1).toArray()).toEqual([[0, 0, 0], [1, 2, 3]]);
    expect(() => closed.slice(2)).toThrow(ShapeError);
    expect(() => tensor([2], [2, 3], [1, 2, 3])).toThrow(ShapeError);
  });

  it("tensor copies its data (an array or a Float64Array, a view included)", () => {
    const big = Float64Array.of(9, 1, 2, 3, 4, 9);
    const fromView = tensor([2], [2], big.subarray(1, 5)), fromArray = tensor([2], [2], [1, 2, 3, 4]);
    big.fill(0);
    expect(Array.from(fromView.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(fromArray.data)).toEqual([1, 2, 3, 4]);
  });
});
