/**
 * The ceiling for the GEMM kernels on this machine at this moment: a WebAssembly loop of nothing
 * but independent f64x2 multiply–adds on registers (10 accumulators, enough to cover the
 * instruction's latency), assembled here with wabt. `relaxed` uses f64x2.relaxed_madd (needs
 * relaxed SIMD: on Node 20 the V8 flag that `setWasmRelaxedMode("flag")` sets), `simd` f64x2.mul
 * then f64x2.add. A kernel that also loads its operands cannot exceed it; bench/gemm.bench.ts
 * prints it next to the kernels.
 */
import initWabt from "wabt";

const ACCUMULATORS = 10;

/** The part of the engine's WebAssembly object used here (the project's lib settings have no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: unknown };
}

/** Median GFLOP/s of the loop over `samples` runs, or null if the runtime rejects the module. */
export async function wasmPeakGflops(variant: "simd" | "relaxed", samples = 15): Promise<number | null> {
  const wabt = await initWabt();
  const acc = Array.from({ length: ACCUMULATORS }, (_, i) => `$c${i}`);
  const madd = (c: string) =>
    variant === "relaxed"
      ? `(local.set ${c} (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get ${c})))`
      : `(local.set ${c} (f64x2.add (local.get ${c}) (f64x2.mul (local.get $x) (local.get $y))))`;
  const wat = `(module (func (export "run") (param $n i32) (result f64)
    (local $x v128) (local $y v128) ${acc.map((c) => `(local ${c} v128)`).join(" ")}
    (local.set $x (f64x2.splat (f64.const 0.999999))) (local.set $y (f64x2.splat (f64.const 1e-9)))
    ${acc.map((c, i) => `(local.set ${c} (f64x2.splat (f64.const ${i})))`).join(" ")}
    (loop $l ${acc.map(madd).join(" ")}
      (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br_if $l (local.get $n)))
    (f64x2.extract_lane 0 ${acc.map((c) => `(local.get ${c})`).reduce((s, x) => `(f64x2.add ${s} ${x})`)})))`;
  const features = { simd: true, relaxed_simd: variant === "relaxed" };
  const mod = wabt.parseWat("peak.wat", wat, features);
  let bytes: Uint8Array;
  try {
    mod.resolveNames();
    mod.validate();
    bytes = mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
  let run: (n: number) => number;
  try {
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    run = (new wasm.Instance(new wasm.Module(bytes)).exports as { run: (n: number) => number }).run;
  } catch {
    return null;
  }
  for (let i = 0; i < 20; i++) run(100_000); // tier up
  const iterations = 2_000_000, flopsPerIteration = ACCUMULATORS * 4; // 2 lanes × multiply and add
  const rates: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    run(iterations);
    rates.push((iterations * flopsPerIteration) / (performance.now() - t0) / 1e6);
  }
  rates.sort((a, b) => a - b);
  return rates[rates.length >> 1];
}
