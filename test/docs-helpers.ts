/**
 * Shared by test/docs.test.ts (the @example blocks of the API docs) and test/type-errors.test.ts
 * (the README's code and its gallery of compiler messages): writing snippets into a scratch folder,
 * compiling them with tsc 6 / tsc 7, and turning the shape comments of a snippet into checks.
 *
 * Shape comments: a top-level line `const NAME = …; // Matrix<2, 3>: …` (or `type NAME = …; // 12`)
 * states the type of NAME. The comment's leading type expression is compared with the declared
 * type exactly (not by assignability), so a comment that says `Row<3>` where the code makes a
 * `Vector<3>` fails the test. For `const`, only comments that start with a type of this library
 * (`Matrix`, `Vector`, `Row`, `Scalar`, `Tensor`, `Dim`, `Denominator`, …), `number`, `boolean`,
 * a tuple or an object type are read as types; other comments (`// 25`, `// [2, 4, 6]` on a value)
 * are prose.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const TSC6 = join(ROOT, "node_modules/typescript/bin/tsc");
export const TSC7 = join(ROOT, "node_modules/typescript7/bin/tsc");

/** A scratch folder in the repository (`.typetest-*` is git-ignored), so that `../src/index` resolves. */
export function scratchDir(tag: string): string {
  return mkdtempSync(join(ROOT, `.typetest-${tag}-`));
}

export function removeDir(dir: string): void {
  if (!process.env.TYPETEST_KEEP) rmSync(dir, { recursive: true, force: true });
}

/** Writes the tsconfig of a scratch folder: the repository's strict settings, every `*.ts` in it. */
export function writeTsconfig(dir: string): void {
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: "ES2022",
        module: "ESNext",
        moduleResolution: "Bundler",
        lib: ["ES2022"],
        types: ["node"],
        typeRoots: [join(ROOT, "node_modules/@types")],
        skipLibCheck: true,
      },
      include: ["*.ts"],
    }),
  );
}

/** One diagnostic of tsc: file name (relative to the folder), line, and the full text (with its elaboration lines). */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** Runs `tsc -p dir` with the given compiler and splits its output into diagnostics. */
export function compile(tsc: string, dir: string): { ok: boolean; output: string; diagnostics: Diagnostic[] } {
  const r = spawnSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json"), "--pretty", "false"], { encoding: "utf8" });
  const output = (r.stdout ?? "") + (r.stderr ?? "");
  const diagnostics: Diagnostic[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = /^(.+?)\((\d+),(\d+)\): (error .*)$/.exec(line);
    if (m) diagnostics.push({ file: m[1].replace(/^.*[\\/]/, ""), line: Number(m[2]), text: m[4] });
    else if (diagnostics.length > 0 && line.startsWith(" ")) {
      const last = diagnostics.pop()!;
      diagnostics.push({ ...last, text: `${last.text}\n${line}` });
    }
  }
  return { ok: r.status === 0, output, diagnostics };
}

/** Collapses runs of whitespace, so that messages compare independently of line wrapping and indentation. */
export const normalize = (s: string): string => s.replace(/\s+/g, " ").trim();

const TYPE_HEADS = /^(Matrix|Vector|Row|Scalar|Tensor|Dim|Denominator|GradCheckReport|number|boolean|string)\b|^[[{]/;

/** The type expression at the start of `s`: balanced brackets, up to a top-level `:`, `,`, `;`, `=`, `—` or space (except around `|` / `&`). */
function leadingType(s: string): string {
  let depth = 0;
  let inString: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === inString) inString = null;
      continue;
    }
    if (c === '"' || c === "'") inString = c;
    else if ("<[{(".includes(c)) depth++;
    else if (">]})".includes(c)) depth--;
    else if (depth === 0 && (c === ":" || c === "," || c === ";" || c === "—" || c === "=")) return s.slice(0, i).trim();
    else if (depth === 0 && c === " " && !/^\s*[|&]/.test(s.slice(i)) && !/[|&]\s*$/.test(s.slice(0, i))) return s.slice(0, i).trim();
  }
  return s.trim();
}

/** A shape statement read from a snippet: `name` has type `type` (`kind` says whether name is a const or a type). */
export interface ShapeClaim {
  readonly line: number; // 1-based, within the snippet
  readonly kind: "const" | "type";
  readonly name: string;
  readonly type: string;
}

/** The shape comments of a snippet (see the file comment). */
export function shapeClaims(code: string): ShapeClaim[] {
  const claims: ShapeClaim[] = [];
  code.split("\n").forEach((text, k) => {
    const m = /^(const|type)\s+([A-Za-z_$][\w$]*)\b[^=]*=.*?;\s*\/\/\s*(.+)$/.exec(text);
    if (!m) return;
    const [, kind, name, comment] = m;
    if (kind === "const" && !TYPE_HEADS.test(comment)) return;
    const type = leadingType(comment);
    if (type.length > 0) claims.push({ line: k + 1, kind: kind as "const" | "type", name, type });
  });
  return claims;
}

/** The prelude of a checked snippet: exact type equality (the identity trick, as in scripts/typetest.mjs). */
export const EQUAL = "type __Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends (<T>() => T extends Y ? 1 : 2) ? true : false;";

/** Statements asserting each claim; compile errors on them name the claim in a comment on the same line. */
export function claimChecks(claims: readonly ShapeClaim[]): string {
  return claims
    .map((c, i) => `const __shape${i}: __Equal<${c.kind === "const" ? `typeof ${c.name}` : c.name}, ${c.type}> = true; // ${c.name}: ${c.type}`)
    .join("\n");
}
