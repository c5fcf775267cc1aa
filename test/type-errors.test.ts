/**
 * Keeps the README's code true.
 *
 *   <!-- check:NAME -->   then a ```ts block: compiles without errors under TypeScript 6 and 7, the
 *                         shapes its comments state (`// Matrix<2, 3>`) are its exact types, it runs
 *                         without throwing, and each commented-out line marked
 *                         `// compile error: MESSAGE` does not compile, with MESSAGE in the error.
 *   <!-- gallery:NAME --> then a ```ts block and a ```text block: the code does not compile, and the
 *                         text is what tsc 6 prints (without the `file(line,col): ` prefix; a line
 *                         `…` skips lines); tsc 7 prints the same `ShapeMismatch<"…">` text.
 *
 * Snippets import from "shapecalc", which is rewritten to the sources.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EQUAL, ROOT, TSC6, TSC7, claimChecks, compile, normalize, removeDir, scratchDir, shapeClaims, writeTsconfig, type Diagnostic } from "./docs-helpers";

interface Snippet {
  readonly kind: "check" | "gallery";
  readonly name: string;
  readonly code: string;
  readonly message: string; // gallery only
}

/** The marked code blocks of README.md, in order. */
function readmeSnippets(): Snippet[] {
  const text = readFileSync(join(ROOT, "README.md"), "utf8");
  const out: Snippet[] = [];
  const marker = /<!--\s*(check|gallery):([\w-]+)\s*-->\s*\n```ts\n([\s\S]*?)```\n(?:```text\n([\s\S]*?)```)?/g;
  for (const m of text.matchAll(marker)) {
    out.push({ kind: m[1] as Snippet["kind"], name: m[2], code: m[3], message: m[4] ?? "" });
  }
  return out;
}

const snippets = readmeSnippets();
const checks = snippets.filter((s) => s.kind === "check");
const gallery = snippets.filter((s) => s.kind === "gallery");

/** `// A.matmul(A);   // compile error: …` lines of a check snippet. */
function expectedErrors(code: string): { line: number; variant: string; message: string }[] {
  const lines = code.split("\n");
  return lines.flatMap((l, k) => {
    const m = /^(\s*)\/\/\s*(.+?;)\s*\/\/\s*compile error:\s*(.+?)\s*$/.exec(l);
    if (!m) return [];
    const variant = lines.map((x, i) => (i === k ? `${m[1]}${m[2]}` : x)).join("\n");
    return [{ line: k + 1, variant, message: m[3] }];
  });
}

const toSources = (code: string): string => code.replace(/from\s+["']shapecalc["']/g, 'from "../src/index"');

/** The names a snippet imports from "shapecalc". */
function importedNames(code: string): Set<string> {
  const names = [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']shapecalc["']/g)].flatMap((m) => m[1].split(","));
  return new Set(names.map((n) => n.trim().replace(/^type\s+/, "").split(/\s+as\s+/).pop()!).filter((n) => n.length > 0));
}

/** The types that shape comments may name, imported for the checks when the snippet does not import them itself. */
const CLAIM_TYPES = ["Matrix", "Vector", "Row", "Scalar", "Tensor", "Dim", "Denominator"];

/**
 * The file for a snippet: the code itself first (so line numbers are the README block's), then the
 * shape checks and the imports they need (imports are hoisted).
 */
function snippetFile(code: string, withClaims: boolean): string {
  const missing = CLAIM_TYPES.filter((t) => !importedNames(code).has(t));
  const checks = withClaims ? [EQUAL, claimChecks(shapeClaims(code)), missing.length > 0 ? `import type { ${missing.join(", ")} } from "../src/index";` : ""] : [];
  return [toSources(code).trimEnd(), ...checks, "export {};", ""].join("\n");
}

describe("README code", () => {
  let dir = "";
  let ts6: Diagnostic[] = [];
  let ts7: Diagnostic[] = [];
  const of = (diags: Diagnostic[], file: string): Diagnostic[] => diags.filter((d) => d.file === file);
  const text = (diags: Diagnostic[]): string => normalize(diags.map((d) => d.text).join("\n"));

  beforeAll(() => {
    dir = scratchDir("readme");
    writeTsconfig(dir);
    for (const s of checks) {
      writeFileSync(join(dir, `check-${s.name}.ts`), snippetFile(s.code, true));
      expectedErrors(s.code).forEach((e, k) => writeFileSync(join(dir, `check-${s.name}-error${k + 1}.ts`), snippetFile(e.variant, false)));
    }
    for (const s of gallery) writeFileSync(join(dir, `gallery-${s.name}.ts`), snippetFile(s.code, true));
    ts6 = compile(TSC6, dir).diagnostics;
    ts7 = compile(TSC7, dir).diagnostics;
  });
  afterAll(() => removeDir(dir));

  it("has the marked snippets: the quick start, run-time dims and a gallery of six messages", () => {
    expect(checks.map((s) => s.name)).toEqual(expect.arrayContaining(["quickstart", "runtime-dims"]));
    expect(gallery.map((s) => s.name)).toEqual(["matmul", "row-vs-column", "mixed-layouts", "symbolic-dims", "bare-number", "chain-dims"]);
    for (const s of gallery) expect(s.message, `gallery:${s.name} has no message block`).not.toBe("");
  });

  it("the quick start is at most 20 lines", () => {
    const quick = checks.find((s) => s.name === "quickstart")!;
    expect(quick.code.trimEnd().split("\n").length).toBeLessThanOrEqual(20);
  });

  describe.each(checks.map((s) => [s.name, s] as const))("check:%s", (name, s) => {
    it("compiles under TypeScript 6 and 7, with the shapes its comments state", () => {
      const lines = s.code.split("\n");
      const explain = (d: Diagnostic) => `line ${d.line}: ${lines[d.line - 1]?.trim() ?? "(a shape comment)"}\n  ${d.text}`;
      expect(of(ts6, `check-${name}.ts`).map(explain), "tsc 6").toEqual([]);
      expect(of(ts7, `check-${name}.ts`).map(explain), "tsc 7").toEqual([]);
      expect(shapeClaims(s.code).length).toBeGreaterThan(0);
    });

    it("runs", async () => {
      await import(pathToFileURL(join(dir, `check-${name}.ts`)).href);
    });

    it("each `// compile error:` line does not compile, with that message", () => {
      expectedErrors(s.code).forEach((e, k) => {
        for (const [tsc, diags] of [["tsc 6", ts6], ["tsc 7", ts7]] as const) {
          const mine = of(diags, `check-${name}-error${k + 1}.ts`);
          expect(mine.map((d) => d.line), `${tsc}, line ${e.line}`).toEqual([e.line]);
          expect(text(mine), `${tsc}, line ${e.line}`).toContain(normalize(e.message));
        }
      });
    });
  });

  describe.each(gallery.map((s) => [s.name, s] as const))("gallery:%s", (name, s) => {
    it("tsc 6 prints the README's message (on the snippet's code, not on its shape comments)", () => {
      const mine = of(ts6, `gallery-${name}.ts`);
      const codeLines = s.code.trimEnd().split("\n").length;
      expect(mine.length, "no compile error").toBeGreaterThan(0);
      expect(mine.filter((d) => d.line > codeLines).map((d) => d.text), "a shape comment is wrong").toEqual([]);
      const printed = text(mine);
      let from = 0;
      for (const chunk of s.message.split(/^\s*…\s*$/m).map(normalize).filter((c) => c.length > 0)) {
        const at = printed.indexOf(chunk, from);
        expect(at, `README message not in tsc 6's output:\n${chunk}\n--- tsc 6 printed:\n${mine.map((d) => d.text).join("\n")}`).toBeGreaterThanOrEqual(0);
        from = at + chunk.length;
      }
    });

    it("tsc 7 reports the same ShapeMismatch message", () => {
      const mine = of(ts7, `gallery-${name}.ts`);
      expect(mine.length, "no compile error").toBeGreaterThan(0);
      const wanted = [...new Set([...s.message.matchAll(/ShapeMismatch<"((?:[^"\\]|\\.)*)">/g)].map((m) => m[1]))];
      expect(wanted.length).toBeGreaterThan(0);
      for (const w of wanted) expect(text(mine)).toContain(normalize(w));
    });
  });
});
