import { describe, it, expect } from "vitest";

/**
 * scripts/build-wasm.mjs's text transforms, which the Wasm kernels' build relies on: `inlineFunction`
 * (gemm.wat's $packRows, elementwise.wat's $expv), `hoistConstants` (tanh's and log's constants
 * read once, before the loop) and the {{DEEPEN}} wrappers of `expandTemplate`: each transformed
 * module must compute what the module as written computes.
 */
type BuildScript = {
  inlineFunction(text: string, name: string): string;
  hoistConstants(text: string, names?: string[]): string;
  expandTemplate(text: string, relaxed: boolean): string;
};
const BUILD_SCRIPT = new URL("../scripts/build-wasm.mjs", import.meta.url).href;

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

/** Assemble a .wat text with wabt and instantiate it. */
async function instantiate(text: string): Promise<Record<string, unknown>> {
  const { default: initWabt } = await import("wabt");
  const wabt = await initWabt();
  const mod = wabt.parseWat("test.wat", text, {});
  try {
    mod.resolveNames();
    mod.validate();
    const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    return new api.Instance(new api.Module(mod.toBinary({}).buffer), {}).exports;
  } finally {
    mod.destroy();
  }
}

// A two-parameter void helper (it writes memory) and a one-parameter one with a result, each called
// from functions whose headers span two lines and declare their own locals; one caller calls twice.
const MODULE = `(module
  (memory (export "memory") 1)
  (func $store2 (param $at i32) (param $x f64)
    (local $twice f64)
    (local.set $twice (f64.add (local.get $x) (local.get $x)))
    (f64.store (local.get $at) (local.get $twice))
    (f64.store offset=8 (local.get $at) (f64.mul (local.get $twice) (local.get $x))))
  (func $square (param $x f64) (result f64)
    (local $y f64)
    (local.set $y (f64.mul (local.get $x) (local.get $x)))
    (local.get $y))
  (func (export "run") (param $a f64)
                       (param $b f64)
    (local $t f64)
    (local.set $t (f64.sub (local.get $a) (local.get $b)))
    (call $store2 (i32.const 0) (local.get $t))
    (call $store2 (i32.add (i32.const 8) (i32.const 8)) (call $square (local.get $b))))
  (func (export "sq") (param $v f64) (result f64)
    (call $square (f64.add (local.get $v) (f64.const 1)))))`;

describe("build-wasm: inlineFunction", () => {
  it("inlines void and value-returning functions of any arity, with the same results as the calls", async () => {
    const { inlineFunction } = (await import(/* @vite-ignore */ BUILD_SCRIPT)) as BuildScript;
    const inlined = inlineFunction(inlineFunction(MODULE, "$store2"), "$square");
    expect(inlined).not.toMatch(/\(func \$store2|\(func \$square|\(call /);
    const before = await instantiate(MODULE);
    const after = await instantiate(inlined);
    for (const [a, b] of [[3, 1.5], [-2, 0.25], [1e300, -1e300]]) {
      (before.run as (a: number, b: number) => void)(a, b);
      (after.run as (a: number, b: number) => void)(a, b);
      const mem = (e: Record<string, unknown>) => Array.from(new Float64Array((e.memory as { buffer: ArrayBuffer }).buffer, 0, 4));
      expect(mem(after)).toEqual(mem(before));
      expect((after.sq as (v: number) => number)(a)).toBe((before.sq as (v: number) => number)(a));
    }
  }, 60_000);

  it("refuses a call with the wrong number of arguments, and a function that returns early", async () => {
    const { inlineFunction } = (await import(/* @vite-ignore */ BUILD_SCRIPT)) as BuildScript;
    const wrongArity = MODULE.replace("(call $store2 (i32.const 0) (local.get $t))", "(call $store2 (i32.const 0))");
    expect(() => inlineFunction(wrongArity, "$store2")).toThrow(/takes 2 arguments/);
    const early = MODULE.replace("(local.get $y))", "(return (local.get $y)))");
    expect(() => inlineFunction(early, "$square")).toThrow(/must not return early/);
    expect(() => inlineFunction(MODULE, "$absent")).toThrow(/no function \$absent/);
  });
});

// A kernel in the elementwise.wat style: constants written below the data by a start function and
// read at each use inside the loop, one of them twice; a second export that is left alone.
const KERNEL = `(module
  (memory (export "memory") 1)
  (func $init
    (v128.store offset=0 (i32.const 0) (v128.const f64x2 3 3))
    (v128.store offset=16 (i32.const 0) (v128.const f64x2 0.5 0.5)))
  (start $init)
  (func (export "affine") (param $p i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (v128.store (local.get $p)
          (f64x2.add (f64x2.mul (v128.load (local.get $p)) (v128.load offset=0 (i32.const 0)))
                     (f64x2.mul (v128.load offset=16 (i32.const 0)) (v128.load offset=0 (i32.const 0)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next))))
  (func (export "half") (param $p i32)
    (v128.store (local.get $p) (f64x2.mul (v128.load (local.get $p)) (v128.load offset=16 (i32.const 0))))))`;

/** KERNEL's "affine" on x, written at byte 64 of the instance's memory: the entries it leaves there. */
function runAffine(exports: Record<string, unknown>, x: number[]): number[] {
  const data = new Float64Array((exports.memory as { buffer: ArrayBuffer }).buffer, 64, x.length);
  data.set(x);
  (exports.affine as (p: number, n: number) => void)(64, x.length);
  return Array.from(data);
}

describe("build-wasm: hoistConstants", () => {
  it("reads each constant once, before the loop, with the same results", async () => {
    const { hoistConstants } = (await import(/* @vite-ignore */ BUILD_SCRIPT)) as BuildScript;
    const hoisted = hoistConstants(KERNEL, ["affine"]);
    const loopOf = (t: string) => t.slice(t.indexOf("(loop $next"), t.indexOf('(func (export "half")'));
    expect(loopOf(KERNEL)).toMatch(/\(v128\.load offset=0 \(i32\.const 0\)\)/);
    expect(loopOf(hoisted)).not.toMatch(/\(i32\.const 0\)\)/); // no constant read in the loop
    expect(hoisted.match(/\(local\.set \$const(0|16) /g)).toHaveLength(2); // once each, the twice-used one too
    expect(hoisted.slice(hoisted.indexOf('(func (export "half")'))).toBe(KERNEL.slice(KERNEL.indexOf('(func (export "half")'))); // untouched
    const before = await instantiate(KERNEL);
    const after = await instantiate(hoisted);
    const x = [1.25, -7, 1e-300, 3e307, 0.1, -0];
    expect(runAffine(after, x)).toEqual(runAffine(before, x));
    expect(runAffine(after, x)[0]).toBe(1.25 * 3 + 0.5 * 3);
  }, 60_000);

  it("refuses a function that is not there or reads no constants", async () => {
    const { hoistConstants } = (await import(/* @vite-ignore */ BUILD_SCRIPT)) as BuildScript;
    expect(() => hoistConstants(KERNEL, ["absent"])).toThrow(/no exported function absent/);
    expect(() => hoistConstants(KERNEL.replace(/\(v128\.load offset=\d+ \(i32\.const 0\)\)/g, "(v128.const f64x2 1 1)"), ["affine"])).toThrow(/reads no constants/);
  });
});

describe("build-wasm: {{DEEPEN}}", () => {
  it("wraps a loop in five loops that never branch back, with the same results", async () => {
    const { expandTemplate } = (await import(/* @vite-ignore */ BUILD_SCRIPT)) as BuildScript;
    const template = KERNEL.replace("      (loop $next", "      {{DEEPEN}}(loop $next").replace("(br $next))))", "(br $next)){{/DEEPEN}}))");
    const deep = expandTemplate(template, false);
    expect(deep).toContain("(loop (loop (loop (loop (loop(loop $next");
    expect(deep.match(/\(loop/g)).toHaveLength(6);
    const before = await instantiate(KERNEL);
    const after = await instantiate(deep);
    const x = [2, -3.5, 0.75];
    expect(runAffine(after, x)).toEqual(runAffine(before, x));
  }, 60_000);
});
