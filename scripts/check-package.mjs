#!/usr/bin/env node
/**
 * Checks the built package the way a dependent project sees it: packs it (`npm pack`, so only the
 * published files), installs the tarball into a fresh project in a temporary folder, and there
 *   - imports it as an ES module and requires it as CommonJS (scripts/package-check/esm.mjs, cjs.cjs:
 *     a gradient, a shape error, a large product on the Wasm kernels and the worker thread);
 *   - type-checks a small model (scripts/package-check/model.ts) against the published declarations
 *     with TypeScript 6 and 7, under `nodenext` and `bundler` resolution, `strict`, no skipLibCheck.
 * Run after `npm run build` (it is part of `npm test`). No network: the package has no dependencies.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = join(root, "scripts/package-check");
const dir = mkdtempSync(join(tmpdir(), "shapecalc-package-"));

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8" });
  if (r.status !== 0) {
    console.error(`check-package: \`${cmd} ${args.join(" ")}\` failed in ${cwd}\n${r.stdout}${r.stderr}`);
    rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  }
  return r.stdout;
}

run("npm", ["pack", "--silent", "--pack-destination", dir], root);
const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true, type: "module" }));
run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", `./${tarball}`], dir);
for (const f of ["esm.mjs", "cjs.cjs", "model.ts"]) cpSync(join(fixtures, f), join(dir, f));

process.stdout.write(run(process.execPath, ["esm.mjs"], dir));
process.stdout.write(run(process.execPath, ["cjs.cjs"], dir));
const compilers = [["TypeScript 6", "node_modules/typescript/bin/tsc"], ["TypeScript 7", "node_modules/typescript7/bin/tsc"]];
for (const [name, tsc] of compilers) {
  for (const [module, resolution] of [["nodenext", "nodenext"], ["esnext", "bundler"]]) {
    const options = { strict: true, module, moduleResolution: resolution, target: "es2022", lib: ["es2022"], types: [], noEmit: true };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: options, files: ["model.ts"] }));
    run(process.execPath, [join(root, tsc), "-p", "."], dir);
    console.log(`types: ok (${name}, ${resolution})`);
  }
}
rmSync(dir, { recursive: true, force: true });
