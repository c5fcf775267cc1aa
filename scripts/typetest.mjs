#!/usr/bin/env node
/**
 * Runs the tsd type tests of test-d/ under a given TypeScript compiler (6.0 or the native 7.0), so
 * that shape checking is known to behave the same under every compiler users run.
 *
 * Each test file is rewritten into a temporary folder:
 *   expectType<T>(e)   → exact<T>()(e)      (fails unless the type of e is exactly T)
 *   expectError(e)     → // @ts-expect-error  +  e   (fails unless e has a compile error)
 * and the folder is type-checked with `tsc --noEmit`.
 *
 * Usage: node scripts/typetest.mjs <path to tsc.js bin> [--diagnostics]
 *   e.g. node scripts/typetest.mjs node_modules/typescript7/bin/tsc --diagnostics
 * With --diagnostics, tsc's --extendedDiagnostics (check time, instantiations) is printed too.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = resolve(root, process.argv[2] ?? "node_modules/typescript/bin/tsc");
const diagnostics = process.argv.includes("--diagnostics");
const dir = mkdtempSync(join(root, ".typetest-"));

const prelude = `
type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends (<T>() => T extends Y ? 1 : 2) ? true : false;
declare function exact<T>(): <const U extends T>(u: U, ...mismatch: Equal<T, U> extends true ? [] : ["expected exactly", T, "got", U]) => void;
// Function types: identical up to mutual assignability (the identity trick above also compares how a
// return type was spelled, e.g. an unevaluated alias, where tsd compares the resolved types).
type MutuallyAssignable<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;
declare function exactFn<T>(): <U extends T>(u: U, ...mismatch: MutuallyAssignable<T, U> extends true ? [] : ["expected", T, "got", U]) => void;
declare function expectAssignable<T>(u: T): void;
declare function expectNotAssignable<T>(u: unknown): void;
`;

/** Splits the text into top-level statements `expectError(...)` / `expectType<...>(...)` with balanced parentheses. */
function rewrite(text) {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const m = /expectError\(|expectError<|expectType</g;
    m.lastIndex = i;
    const hit = m.exec(text);
    if (!hit) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, hit.index);
    let j = hit.index + hit[0].length;
    let typeArg = "";
    if (hit[0] !== "expectError(") {
      let depth = 1;
      const start = j;
      while (depth > 0) {
        const c = text[j++];
        if (c === "<") depth++;
        else if (c === ">" && text[j - 2] !== "=") depth--;
      }
      typeArg = text.slice(start, j - 1);
      j++; // the "("
    }
    let depth = 1;
    const start = j;
    while (depth > 0) {
      const c = text[j++];
      if (c === "(") depth++;
      else if (c === ")") depth--;
    }
    const arg = text.slice(start, j - 1);
    if (hit[0] === "expectError(") out += `// @ts-expect-error\n${arg.replace(/\s*\n\s*/g, " ")}`;
    else if (hit[0] === "expectError<") out += `// @ts-expect-error\nexpectAssignable<${typeArg}>(${arg.replace(/\s*\n\s*/g, " ")})`;
    else out += `${typeArg.trim().startsWith("(") ? "exactFn" : "exact"}<${typeArg}>()(${arg})`;
    i = j;
  }
  return out;
}

let files = 0;
for (const f of readdirSync(join(root, "test-d"))) {
  if (!f.endsWith(".test-d.ts")) continue;
  let text = readFileSync(join(root, "test-d", f), "utf8");
  text = text.replace(/^import\s*\{[^}]*\}\s*from\s*["']tsd["'];?\s*$/m, "");
  text = text.replace(/from\s+["']\.\.\//g, 'from "../');
  writeFileSync(join(dir, f.replace(/\.test-d\.ts$/, ".ts")), prelude + rewrite(text));
  files++;
}
writeFileSync(
  join(dir, "tsconfig.json"),
  JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["ES2022"], types: ["node"], skipLibCheck: true },
    include: ["*.ts"],
  }),
);
const r = spawnSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json"), ...(diagnostics ? ["--extendedDiagnostics"] : [])], { encoding: "utf8" });
const version = spawnSync(process.execPath, [tsc, "--version"], { encoding: "utf8" }).stdout.trim();
const output = (r.stdout + r.stderr).replaceAll(dir, "test-d(rewritten)");
if (!process.env.TYPETEST_KEEP) rmSync(dir, { recursive: true, force: true });
if (r.status !== 0) {
  console.error(output);
  console.error(`typetest: ${files} type-test files FAILED under ${version}`);
  process.exit(1);
}
if (diagnostics) console.log(output.trim());
console.log(`typetest: ${files} type-test files pass under ${version}`);
