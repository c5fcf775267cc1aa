import { describe, it, expect } from "vitest";

/**
 * scripts/build-wasm.mjs's `inlineFunction`, which the Wasm kernels' build relies on (gemm.wat's
 * $interleave4, elementwise.wat's $expv): the inlined module must compute what the module with the
 * calls computes.
 */
type BuildScript = { inlineFunction(text: string, name: string): string };
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
