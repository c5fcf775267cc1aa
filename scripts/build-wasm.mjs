#!/usr/bin/env node
/**
 * Assemble src/kernels/wasm/gemm.wat (a template; its helpers $packRows and $dotFinish are inlined
 * into their callers) into two WebAssembly modules — plain SIMD (f64x2.mul + f64x2.add) and relaxed SIMD
 * (f64x2.relaxed_madd) — with the `wabt` npm package, and write them as base64 strings to
 * src/kernels/wasm/gemm-wasm.generated.ts, so the package
 * carries its binaries inside its own JS bundle (ESM and CJS alike, no file I/O at run time).
 *
 *   node scripts/build-wasm.mjs          write the generated file
 *   node scripts/build-wasm.mjs --check  exit 1 if the committed file differs from a fresh build
 *
 * `buildGeneratedSource()` is exported so a test can check the committed bytes are built from
 * the committed source.
 *
 * It also assembles src/kernels/wasm/elementwise.wat (element-wise kernels: tanh, exp, sigmoid,
 * log, softplus, logSigmoid, sin, cos; plain SIMD; its helpers $expv, $logkf, $logv, $log1pv and
 * $sincosv are inlined into their callers, and tanh's and log's constants are read once before
 * their loops: `hoistConstants`) into src/kernels/wasm/elementwise-wasm.generated.ts, the same way;
 * `buildElementwiseGeneratedSource()` is exported for the same check.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const WAT_PATH = join(root, "src/kernels/wasm/gemm.wat");
export const GENERATED_PATH = join(root, "src/kernels/wasm/gemm-wasm.generated.ts");
export const ELEMENTWISE_WAT_PATH = join(root, "src/kernels/wasm/elementwise.wat");
export const ELEMENTWISE_GENERATED_PATH = join(root, "src/kernels/wasm/elementwise-wasm.generated.ts");

/**
 * Block sizes (in elements): MC rows of op(A), KC depth (a multiple of 4), NC columns of op(B).
 * KC = 512 keeps products up to 512 deep in one depth block (C written once, not added to); the
 * packed A block (MC×KC, 256 KiB) stays in the 1 MiB L2 and a B panel (KC×4, 16 KiB) in L1. Against
 * 128/256/512, alternating in one process (2026-12-07): one thread 1.04× at 384³ and 1.03–1.05× at
 * 512³, two threads 1.01–1.03×, unchanged at 256³ and below.
 */
export const BLOCKS = { MC: 64, KC: 512, NC: 512 };

/** Template constants: the block sizes and the memory layout (bytes) that follows from them. */
export function layout({ MC, KC, NC } = BLOCKS) {
  const PACKA = 0;
  const PACKB = PACKA + MC * KC * 8;
  const TILE = PACKB + KC * NC * 8;
  const DATA_BASE = Math.ceil((TILE + 128) / 65536) * 65536;
  const PAGES = DATA_BASE / 65536 + 1;
  return { MC, KC, NC, PACKA, PACKB, TILE, DATA_BASE, PAGES };
}
const CONSTANTS = layout();
/** Maximum size of the shared memory of the threads variant: 2 GiB. */
export const MAX_SHARED_PAGES = 32768;

/**
 * gemm.wat's {{STORE_TILE}}: the accumulators $c00 … $c31 of a full 4×4 tile written to C from $c
 * (row stride $ldcb bytes), added to what is there when $add; leaves $o at the tile's last row.
 */
const STORE_TILE = (() => {
  const rows = ["0", "1", "2", "3"];
  const store = (add) =>
    rows
      .map((r) => {
        const put = (off, acc) =>
          add
            ? `(v128.store offset=${off} (local.get $o) (f64x2.add (v128.load offset=${off} (local.get $o)) (local.get ${acc})))`
            : `(v128.store offset=${off} (local.get $o) (local.get ${acc}))`;
        const next = r === "0" ? "" : `(local.set $o (i32.add (local.get $o) (local.get $ldcb)))\n`;
        return `${next}${put(0, `$c${r}0`)}\n${put(16, `$c${r}1`)}`;
      })
      .join("\n");
  return `(local.set $o (local.get $c))\n(if (local.get $add)\n(then\n${store(true)})\n(else\n${store(false)}))`;
})();

/**
 * {{DEEPEN}} … {{/DEEPEN}} wraps a hot inner loop in five loops that never branch back: they only
 * deepen its nesting. Node 20's V8 (TurboFan) unrolls an innermost Wasm loop the more times the
 * more loops enclose it in the source and the smaller its body (src/compiler/loop-unrolling.h, up
 * to a limit): the micro-kernels' depth loops (two deep) ran as two copies of their body; five
 * levels deeper they run as six, with fewer exit checks, pointer moves and stack checks per step:
 * the packed kernel's loop is 112 instructions per 48 multiply–adds instead of 41 per 16
 * (`node --print-wasm-code`). That matters most when the host runs fewer instructions per cycle
 * (docs/performance.md, "Slow spells"). Each wrapper costs a stack check per entry, which is why
 * the short loops of the matrix–vector kernel do without (4096×8 ran 0.95× with them); the
 * element-wise kernels' loop bodies are too large to gain (0.99–1.01×). 2026-12-08, old and new
 * alternating.
 */
const DEEPEN = ["(loop (loop (loop (loop (loop", ")))))"];
function deepen(text) {
  return text.replaceAll("{{DEEPEN}}", DEEPEN[0]).replaceAll("{{/DEEPEN}}", DEEPEN[1]);
}

/** Expand the template: numeric constants, and the multiply-add and tile-store macros for one variant. */
export function expandTemplate(text, relaxed, constants = CONSTANTS, shared = false) {
  // Line comments go first (they mention the macros by name); they do not reach the binary.
  let out = text.replace(/;;.*$/gm, "");
  out = out.replace(/\{\{MADD (\$\w+) (\$\w+) (\$\w+)\}\}/g, (_, acc, x, y) =>
    relaxed
      ? `(local.set ${acc} (f64x2.relaxed_madd (local.get ${x}) (local.get ${y}) (local.get ${acc})))`
      : `(local.set ${acc} (f64x2.add (local.get ${acc}) (f64x2.mul (local.get ${x}) (local.get ${y}))))`,
  );
  out = deepen(out.replaceAll("{{STORE_TILE}}", STORE_TILE));
  out = out.replace(
    "{{MEMORY}}",
    shared
      ? `(import "env" "memory" (memory ${constants.PAGES} ${MAX_SHARED_PAGES} shared))`
      : `(memory (export "memory") ${constants.PAGES})`,
  );
  out = out.replace(/\{\{(\w+)\}\}/g, (m, name) => {
    if (!(name in constants)) throw new Error(`gemm.wat: unknown template constant ${m}`);
    return String(constants[name]);
  });
  if (/\{\{/.test(out)) throw new Error("gemm.wat: unexpanded template macro");
  return out;
}

async function assemble(wabt, name, text, relaxed, shared) {
  const features = { simd: true, relaxed_simd: relaxed, threads: shared };
  const mod = wabt.parseWat(name, text, features);
  try {
    mod.resolveNames();
    mod.validate(features);
    const { buffer } = mod.toBinary({ log: false, write_debug_names: false });
    return Buffer.from(buffer);
  } finally {
    mod.destroy();
  }
}

/** Build both variants and return the full text of the generated TypeScript module. */
export async function buildGeneratedSource() {
  const { default: initWabt } = await import("wabt");
  const wabt = await initWabt();
  const src = readFileSync(WAT_PATH, "utf8");
  const build = (relaxed, shared) =>
    assemble(wabt, "gemm.wat", ["$packRows", "$dotFinish"].reduce(inlineFunction, expandTemplate(src, relaxed, CONSTANTS, shared)), relaxed, shared);
  const simd = await build(false, false);
  const relaxed = await build(true, false);
  const simdShared = await build(false, true);
  const relaxedShared = await build(true, true);
  const wrap = (s) => s.replace(/.{1,100}/g, (l) => `  "${l}" +\n`).replace(/ \+\n$/, ";\n");
  return (
    "// GENERATED by scripts/build-wasm.mjs from src/kernels/wasm/gemm.wat — do not edit.\n" +
    "// test/kernels-wasm.test.ts checks these bytes equal a fresh build of the source.\n" +
    "\n" +
    `/** Block sizes and memory layout the modules were built with. */\n` +
    `export const GEMM_WASM_LAYOUT = ${JSON.stringify(CONSTANTS)} as const;\n` +
    "\n" +
    "/** Plain SIMD variant (f64x2.mul + f64x2.add), base64. */\n" +
    `export const GEMM_WASM_SIMD_BASE64 =\n${wrap(simd.toString("base64"))}` +
    "\n" +
    "/** Relaxed SIMD variant (f64x2.relaxed_madd), base64. */\n" +
    `export const GEMM_WASM_RELAXED_BASE64 =\n${wrap(relaxed.toString("base64"))}` +
    "\n" +
    `/** Threads variants: same code, memory imported as env.memory (shared, max ${MAX_SHARED_PAGES} pages). */\n` +
    `export const GEMM_WASM_SIMD_SHARED_BASE64 =\n${wrap(simdShared.toString("base64"))}` +
    `export const GEMM_WASM_RELAXED_SHARED_BASE64 =\n${wrap(relaxedShared.toString("base64"))}`
  );
}

/** Index of the parenthesis that closes the one opened at `open`. */
function closingParen(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i;
  }
  throw new Error("unbalanced parentheses in a .wat file");
}

/** A function's header: its name or export, then its parameters, result and locals. */
const FUNC_HEAD = /^\(func(?:\s+\$[\w.]+)?(?:\s*\(export "[^"]*"\))?(?:\s*\((?:param|result|local)[^()]*\))*/;

/** The top-level parenthesized groups of `text` (a call's arguments), in order. */
function topLevelGroups(text) {
  const groups = [];
  for (let i = text.indexOf("("); i >= 0; ) {
    const close = closingParen(text, i);
    groups.push(text.slice(i, close + 1));
    i = text.indexOf("(", close + 1);
  }
  return groups;
}

/**
 * Inline every `(call NAME args…)` of the function NAME and remove the function: V8 on Node 20
 * does not inline Wasm calls (a call per vector made exp 1.3× slower). Each call becomes
 * `(block (result …) (local.set param arg)… body)`, with the function's parameters and locals
 * declared in the caller under names suffixed by the function's name and the call's number (so
 * that two inlined functions never share a local). Arguments must be
 * parenthesized expressions, and the body must not `return`. Comments must already be stripped
 * (they may hold parentheses).
 */
export function inlineFunction(text, name) {
  const start = text.indexOf(`(func ${name} `);
  if (start < 0) throw new Error(`inlineFunction: no function ${name}`);
  const end = closingParen(text, start);
  const fn = text.slice(start, end + 1);
  let rest = text.slice(0, start) + text.slice(end + 1);
  const head = FUNC_HEAD.exec(fn);
  const decls = [...head[0].matchAll(/\((param|result|local) ([^()]*)\)/g)];
  const params = decls.filter((d) => d[1] === "param").map((d) => d[2].trim().split(/\s+/)[0]);
  const result = decls.find((d) => d[1] === "result")?.[2].trim();
  const vars = decls.filter((d) => d[1] !== "result").map((d) => d[2].trim().split(/\s+/));
  const names = new Set(vars.map(([v]) => v));
  const body = fn.slice(head[0].length, -1);
  if (/\(return\b/.test(body)) throw new Error(`inlineFunction: ${name} must not return early`);
  for (let k = 1; ; k++) {
    const call = rest.indexOf(`(call ${name} `);
    if (call < 0) break;
    const close = closingParen(rest, call);
    const args = topLevelGroups(rest.slice(call + `(call ${name} `.length, close));
    if (args.length !== params.length) throw new Error(`inlineFunction: ${name} takes ${params.length} arguments`);
    const rename = (s) => s.replace(/\$[\w.]+/g, (v) => (names.has(v) ? `${v}_${name.slice(1)}${k}` : v));
    const sets = params.map((p, i) => `(local.set ${rename(p)} ${args[i]})`).join(" ");
    const inlined = `(block ${result === undefined ? "" : `(result ${result}) `}${sets} ${rename(body)})`;
    rest = rest.slice(0, call) + inlined + rest.slice(close + 1);
    // the new locals go after the caller's declarations
    const caller = rest.lastIndexOf("(func", call);
    const at = caller + FUNC_HEAD.exec(rest.slice(caller))[0].length;
    const locals = vars.map(([v, t]) => `(local ${rename(v)} ${t})`).join(" ");
    rest = rest.slice(0, at) + "\n    " + locals + rest.slice(at);
  }
  return rest;
}

/**
 * Reads each constant of an exported kernel once, into a local, before its loop: every
 * `(v128.load offset=N (i32.const 0))` in the function (its inlined helpers included) becomes
 * `(local.get $constN)`, set at the function's start. Written at each use, the loads were all placed
 * by V8 (Node 20) at the top of the loop body, where more values are live than there are vector
 * registers, so it spilled and reloaded them every iteration (tanh: 38 of ~215 instructions per
 * four entries). As locals they are loop-invariant values, which the register allocator keeps in a
 * register or reads from the stack where they are used. The same values in the same operations:
 * the same bits. Safe because no kernel writes below dataBase, where the constants are. Done for
 * the kernels it speeds up (old and new alternating, 2026-12-08): tanh 1.16–1.30×, log 1.08–1.15×;
 * exp, sigmoid, softplus, log σ, sin and cos ran 0.97–1.04×, and keep their loads.
 */
export const HOISTED_CONSTANTS = ["tanh", "log"];
export function hoistConstants(text, names = HOISTED_CONSTANTS) {
  let out = text;
  for (const name of names) {
    const at = out.indexOf(`(func (export "${name}")`);
    if (at < 0) throw new Error(`hoistConstants: no exported function ${name}`);
    const end = closingParen(out, at);
    const fn = out.slice(at, end + 1);
    const head = FUNC_HEAD.exec(fn)[0];
    const body = fn.slice(head.length);
    const offsets = [...new Set([...body.matchAll(/\(v128\.load offset=(\d+) \(i32\.const 0\)\)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
    if (offsets.length === 0) throw new Error(`hoistConstants: ${name} reads no constants`);
    const locals = offsets.map((o) => `(local $const${o} v128)`).join(" ");
    const sets = offsets.map((o) => `(local.set $const${o} (v128.load offset=${o} (i32.const 0)))`).join("\n    ");
    const uses = body.replace(/\(v128\.load offset=(\d+) \(i32\.const 0\)\)/g, (_, o) => `(local.get $const${o})`);
    out = out.slice(0, at) + `${head}\n    ${locals}\n    ${sets}${uses}` + out.slice(end + 1);
  }
  return out;
}

/** Build elementwise.wat (plain SIMD) and return the full text of its generated TypeScript module. */
export async function buildElementwiseGeneratedSource() {
  const { default: initWabt } = await import("wabt");
  const wabt = await initWabt();
  // Line comments go first, as for gemm.wat; they do not reach the binary.
  // $logkf first: it is called from $logv and $log1pv, which are then inlined in their turn
  const inlined = ["$logkf", "$logv", "$log1pv", "$expv", "$sincosv"].reduce(inlineFunction, readFileSync(ELEMENTWISE_WAT_PATH, "utf8").replace(/;;.*$/gm, ""));
  const src = hoistConstants(inlined);
  const simd = await assemble(wabt, "elementwise.wat", src, false, false);
  const wrap = (s) => s.replace(/.{1,100}/g, (l) => `  "${l}" +\n`).replace(/ \+\n$/, ";\n");
  return (
    "// GENERATED by scripts/build-wasm.mjs from src/kernels/wasm/elementwise.wat — do not edit.\n" +
    "// test/kernels-tanh.test.ts checks these bytes equal a fresh build of the source.\n" +
    "\n" +
    "/** Element-wise kernels (tanh, exp, sigmoid, log, softplus, logSigmoid, sin, cos), plain SIMD, base64. */\n" +
    `export const ELEMENTWISE_WASM_SIMD_BASE64 =\n${wrap(simd.toString("base64"))}`
  );
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const outputs = [
    [GENERATED_PATH, await buildGeneratedSource()],
    [ELEMENTWISE_GENERATED_PATH, await buildElementwiseGeneratedSource()],
  ];
  for (const [path, text] of outputs) {
    const name = path.slice(path.lastIndexOf("/") + 1);
    if (process.argv.includes("--check")) {
      const current = readFileSync(path, "utf8");
      if (current !== text) {
        console.error(`${path} is stale: run node scripts/build-wasm.mjs`);
        process.exit(1);
      }
      console.log(`${name} is up to date`);
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${path}`);
    }
  }
}
