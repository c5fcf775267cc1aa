/**
 * examples/symbolic.ts: prints the identity tables and worked examples as the notes write them
 * (Unicode and LaTeX), and every printed closed form agrees with the engine at random values.
 */
import { describe, expect, it } from "vitest";
import { maxAbsDiff } from "../examples/_report";
import { run } from "../examples/symbolic";

describe("examples/symbolic.ts", () => {
  const lines: string[] = [];
  const checks = run((l = "") => void lines.push(l));
  const text = lines.join("\n");

  it("prints the notes' closed forms", () => {
    for (const f of ["det(X)·X⁻ᵀ", "−X⁻ᵀabᵀX⁻ᵀ", "abᵀ", "xᵀ(B + Bᵀ)", "−2(x − As)ᵀWA", "I ⊗ xᵀ", "−(X⁻¹ ⊗ X⁻ᵀ)", "−2(y − Φθ)ᵀΦ", "2Aᵀ(Ax − b)", "(softmax(Θx) − y)xᵀ"]) {
      expect(text).toContain(f);
    }
    expect(lines.filter((l) => l.includes("(as in the notes)")).length).toBeGreaterThanOrEqual(18);
    expect(text).toContain("LaTeX: -X^{-\\top} a b^\\top X^{-\\top}");
  });

  it.each(checks.map((c) => [c.name, c] as const))("%s agrees with the engine", (_n, c) => {
    expect(maxAbsDiff(c.computed, c.closedForm)).toBeLessThanOrEqual(c.tolerance);
  });
});
