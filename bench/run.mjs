#!/usr/bin/env node
/**
 * Runs a benchmark script compiled the way users get shapecalc: bundled by esbuild as plain ES
 * modules, as the published build is, with the peers left to node_modules. (tsx, which runs the
 * tests and examples, compiles with esbuild's keepNames: every closure the library makes on a
 * call is then wrapped in a defineProperty, which the published build does not do. On 2026-12-07,
 * alternating the two builds in one process, that made the eager training step at 16×16 11% and
 * the Hessian 4% slower, and changed nothing at 128×128 or for the products.)
 *
 *   node bench/run.mjs bench/index.ts [the script's own arguments]
 *
 * The bundle goes to bench/.build/ (ignored by git), two levels below the root like the sources.
 */
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entry = process.argv[2];
if (entry === undefined || !entry.endsWith(".ts")) {
  console.error("usage: node bench/run.mjs <bench/script.ts> [arguments]");
  process.exit(2);
}
const outfile = path.join(root, "bench/.build", path.basename(entry).replace(/\.ts$/, ".mjs"));
await build({
  entryPoints: [path.resolve(entry)],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "inline",
  logLevel: "warning",
});
// the script sees itself as argv[1] and its own arguments after it, as when run directly
process.argv.splice(1, 2, outfile);
await import(pathToFileURL(outfile).href);
