import { describe, it, expect } from "vitest";
import { inspect } from "node:util";
import { mat, vec, row, zeros, fromData, full } from "../src/index";

describe("toString", () => {
  it("shows the shape header and the values", () => {
    const s = mat([[1, 2, 3], [4, 5, 6]]).toString();
    expect(s).toContain("Matrix 2×3");
    expect(s).toBe("Matrix 2×3\n[[1, 2, 3],\n [4, 5, 6]]");
    expect(String(mat([[1, 2, 3], [4, 5, 6]]))).toBe(s);
  });

  it("a single row stays on one line; a column is one entry per line", () => {
    expect(row([1, 2, 3]).toString()).toBe("Matrix 1×3 [[1, 2, 3]]");
    expect(vec([1, 2]).toString()).toBe("Matrix 2×1\n[[1],\n [2]]");
    expect(mat([[7]]).toString()).toBe("Matrix 1×1 [[7]]");
  });

  it("aligns columns by width", () => {
    expect(mat([[1, 200], [30, 4]]).toString()).toBe("Matrix 2×2\n[[ 1, 200],\n [30,   4]]");
  });

  it("formats non-integers to 6 significant digits, tiny/huge in exponent form, and specials", () => {
    const s = row([1.23456789, -0.5, 1e-7, 1.5e7 + 0.5, NaN, Infinity, -Infinity]).toString();
    expect(s).toContain("1.23457");
    expect(s).toContain("-0.5");
    expect(s).toContain("1.0000e-7");
    expect(s).toContain("1.5000e+7");
    expect(row([2e7]).toString()).toBe("Matrix 1×1 [[20000000]]"); // integers print in full
    expect(s).toContain("NaN");
    expect(s).toContain("Infinity");
    expect(s).toContain("-Infinity");
  });

  it("empty matrices", () => {
    expect(zeros(0, 3).toString()).toBe("Matrix 0×3 []");
    expect(zeros(2, 0).toString()).toBe("Matrix 2×0 []");
  });
});

describe("util.inspect", () => {
  it("uses toString", () => {
    const a = mat([[1, 2, 3], [4, 5, 6]]);
    expect(inspect(a)).toBe(a.toString());
    expect(inspect({ m: row([1, 2]) })).toContain("Matrix 1×2 [[1, 2]]");
    expect(inspect(a)).not.toContain("Float64Array");
  });
});

describe("large matrices are elided", () => {
  const big = fromData(20, 30, Float64Array.from({ length: 600 }, (_, k) => k));

  it("shows the first and last rows/cols with … between", () => {
    const s = big.toString();
    expect(s.startsWith("Matrix 20×30\n")).toBe(true);
    expect(s).toContain("…");
    const lines = s.split("\n").slice(1);
    expect(lines.length).toBe(11); // 5 rows, the gap, 5 rows
    // first row: 0..4, …, 25..29
    expect(lines[0]).toMatch(/^\[\[\s*0,\s*1,\s*2,\s*3,\s*4, …,\s*25,\s*26,\s*27,\s*28,\s*29\],$/);
    expect(lines[5]).toMatch(/^ \[(\s*…, )+\s*…\],$/);
    // last row is row 19: 570..574, …, 595..599
    expect(lines[10]).toMatch(/570,.*574, …,.*595,.*599\]\]$/);
    // an elided entry (row 10, col 10 = 310) is not printed
    expect(s).not.toContain("310");
    expect(inspect(big)).toBe(s);
  });

  it("elides only the dimension that is too large; 10×10 is printed in full", () => {
    const tall = full(15, 2, 1).toString();
    expect(tall.split("\n").length).toBe(12);
    expect(tall).toContain("[…, …]");
    const wide = full(1, 11, 2).toString();
    expect(wide).toBe("Matrix 1×11 [[2, 2, 2, 2, 2, …, 2, 2, 2, 2, 2]]");
    const ten = full(10, 10, 3).toString();
    expect(ten).not.toContain("…");
    expect(ten.split("\n").length).toBe(11);
  });
});
