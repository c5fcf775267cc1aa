/**
 * The API reference is executable: every symbol exported from src/index.ts has a doc comment with a
 * one-line summary and an `@example`, and every example
 *   - type-checks under TypeScript 6 and 7 (each example is a module importing all of src/index),
 *   - states true shapes: `const J = jacobian(f)(x); // Matrix<2, 3>` is checked as exact type
 *     equality (see test/docs-helpers.ts),
 *   - runs without throwing.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EQUAL, ROOT, TSC6, TSC7, claimChecks, compile, removeDir, scratchDir, shapeClaims, writeTsconfig } from "./docs-helpers";

interface ExportDoc {
  readonly name: string;
  readonly kind: "function" | "class" | "type" | "interface" | "value";
  readonly isValue: boolean;
  readonly source: string; // file:line of the declaration
  readonly summary: string;
  readonly examples: string[];
}

/** Reads the exports of src/index.ts and their doc comments with the TypeScript compiler API. */
function readExports(): ExportDoc[] {
  const entry = join(ROOT, "src/index.ts");
  const program = ts.createProgram([entry], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const sym = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = sym.declarations?.[0];
    const f = sym.flags;
    const callable = decl !== undefined && (f & ts.SymbolFlags.Variable) !== 0 && checker.getTypeOfSymbolAtLocation(sym, decl).getCallSignatures().length > 0;
    const kind: ExportDoc["kind"] =
      f & ts.SymbolFlags.Function || callable ? "function" : f & ts.SymbolFlags.Class ? "class" : f & ts.SymbolFlags.Interface ? "interface" : f & ts.SymbolFlags.TypeAlias ? "type" : "value";
    const where = decl ? `${decl.getSourceFile().fileName.slice(ROOT.length + 1)}:${decl.getSourceFile().getLineAndCharacterOfPosition(decl.getStart()).line + 1}` : "?";
    const examples = sym
      .getJsDocTags(checker)
      .filter((t) => t.name === "example")
      .map((t) => {
        const text = ts.displayPartsToString(t.text);
        const fenced = [...text.matchAll(/```(?:ts|typescript)?\n([\s\S]*?)```/g)].map((m) => m[1]);
        return fenced.length > 0 ? fenced.join("\n") : text;
      });
    return {
      name: exported.name,
      kind,
      isValue: (f & ts.SymbolFlags.Value) !== 0,
      source: where,
      summary: ts.displayPartsToString(sym.getDocumentationComment(checker)).trim(),
      examples,
    };
  });
}

const exportsOfIndex = readExports();
const withExamples = exportsOfIndex.filter((e) => e.examples.length > 0);

describe("API docs", () => {
  it("src/index.ts exports a plausible number of symbols", () => {
    expect(exportsOfIndex.length).toBeGreaterThan(80);
  });

  it("every export has a doc comment with a summary and an @example", () => {
    const missing = exportsOfIndex
      .filter((e) => e.summary.length === 0 || e.examples.length === 0)
      .map((e) => `${e.name} (${e.kind}, ${e.source}): ${e.summary.length === 0 ? "no doc comment" : "no @example"}`);
    expect(missing, `exports without docs:\n${missing.join("\n")}`).toEqual([]);
  });

  describe("the @example blocks", () => {
    let dir = "";
    const files = new Map<string, { name: string; code: string; text: string; headerLines: number }>();

    beforeAll(() => {
      dir = scratchDir("docs");
      writeTsconfig(dir);
      const values = exportsOfIndex.filter((e) => e.isValue).map((e) => e.name);
      const types = exportsOfIndex.filter((e) => !e.isValue).map((e) => e.name);
      const header = [`import { ${values.join(", ")} } from "../src/index";`, `import type { ${types.join(", ")} } from "../src/index";`, EQUAL];
      for (const e of withExamples) {
        e.examples.forEach((code, k) => {
          const file = `${e.kind}-${e.name}${e.examples.length > 1 ? `-${k + 1}` : ""}.ts`; // add.ts and Add.ts would clash on some file systems
          const text = [...header, code, claimChecks(shapeClaims(code)), "export {};", ""].join("\n");
          writeFileSync(join(dir, file), text);
          files.set(file, { name: e.name, code, text, headerLines: header.length });
        });
      }
    });
    afterAll(() => removeDir(dir));

    /** tsc's diagnostics as "symbol: the example's line → message". */
    function explain(diagnostics: ReturnType<typeof compile>["diagnostics"]): string[] {
      return diagnostics.map((d) => {
        const f = files.get(d.file);
        if (!f) return `${d.file}(${d.line}): ${d.text}`;
        const k = d.line - f.headerLines;
        const at = k >= 1 && k <= f.code.split("\n").length ? f.code.split("\n")[k - 1].trim() : `the shape comment ${f.text.split("\n")[d.line - 1].replace(/^.*\/\/ /, "")}`;
        return `@example of ${f.name}: ${at}\n  ${d.text}`;
      });
    }

    it("state true shapes in their comments", () => {
      const claims = withExamples.flatMap((e) => e.examples.flatMap(shapeClaims));
      expect(claims.length).toBeGreaterThan(100);
    });

    it("type-check under TypeScript 6 (tsc)", () => {
      const r = compile(TSC6, dir);
      expect(explain(r.diagnostics), r.output).toEqual([]);
      expect(r.ok, r.output).toBe(true);
    });

    it("type-check under TypeScript 7 (native tsc)", () => {
      const r = compile(TSC7, dir);
      expect(explain(r.diagnostics), r.output).toEqual([]);
      expect(r.ok, r.output).toBe(true);
    });

    it("run without throwing", async () => {
      const failures: string[] = [];
      for (const [file, f] of files) {
        try {
          await import(pathToFileURL(join(dir, file)).href);
        } catch (err) {
          failures.push(`@example of ${f.name}: ${String(err)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });
});
