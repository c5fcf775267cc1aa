/**
 * The ceiling for the GEMM kernels on this machine at this moment: a WebAssembly loop of nothing
 * but independent f64x2 multiply–adds on registers (10 accumulators, enough to cover the
 * instruction's latency), assembled here with wabt. `relaxed` uses f64x2.relaxed_madd (needs
 * relaxed SIMD: on Node 20 the V8 flag that `setWasmRelaxedMode("flag")` sets), `simd` f64x2.mul
 * then f64x2.add. A kernel that also loads its operands cannot exceed it; bench/gemm.bench.ts
 * prints it next to the kernels, bench/index.ts next to the large products.
 *
 * `integerAdds` pads each round with that many independent i32 additions (no loads, nothing the
 * multiply–adds wait for): the same arithmetic in more instructions. bench/host.bench.ts times it
 * with 12, about the GEMM kernel's instructions per multiply–add, to tell a host that slows the
 * processor's instruction throughput from one that slows its loads.
 */
import initWabt from "wabt";
import { median } from "./timing";

const ACCUMULATORS = 10;
/** The padded ceiling's integer additions a round: ~2.5 instructions per multiply–add, as in the GEMM kernel. */
export const PADDED_INTEGER_ADDS = 12;

/** The part of the engine's WebAssembly object used here (the project's lib settings have no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: unknown };
}

/** The loop, assembled (with `integerAdds` independent i32 additions a round). */
async function peakModuleBytes(variant: "simd" | "relaxed", integerAdds = 0): Promise<Uint8Array> {
  const wabt = await initWabt();
  const acc = Array.from({ length: ACCUMULATORS }, (_, i) => `$c${i}`);
  // each its own counter, added to the result so that none is dead code
  const ints = Array.from({ length: integerAdds }, (_, i) => `$i${i}`);
  const intAdd = (v: string, i: number) => `(local.set ${v} (i32.add (local.get ${v}) (i32.const ${i + 1})))`;
  const intSum = ints.map((v) => `(local.get ${v})`).reduce((s, x) => `(i32.add ${s} ${x})`, "(i32.const 0)");
  const madd = (c: string) =>
    variant === "relaxed"
      ? `(local.set ${c} (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get ${c})))`
      : `(local.set ${c} (f64x2.add (local.get ${c}) (f64x2.mul (local.get $x) (local.get $y))))`;
  const wat = `(module (func (export "run") (param $n i32) (result f64)
    (local $x v128) (local $y v128) ${acc.map((c) => `(local ${c} v128)`).join(" ")} ${ints.map((v) => `(local ${v} i32)`).join(" ")}
    (local.set $x (f64x2.splat (f64.const 0.999999))) (local.set $y (f64x2.splat (f64.const 1e-9)))
    ${acc.map((c, i) => `(local.set ${c} (f64x2.splat (f64.const ${i})))`).join(" ")}
    (loop $l ${acc.map(madd).join(" ")} ${ints.map(intAdd).join(" ")}
      (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br_if $l (local.get $n)))
    (f64.add (f64.convert_i32_s ${intSum})
      (f64x2.extract_lane 0 ${acc.map((c) => `(local.get ${c})`).reduce((s, x) => `(f64x2.add ${s} ${x})`)}))))`;
  const mod = wabt.parseWat("peak.wat", wat, { simd: true, relaxed_simd: variant === "relaxed" });
  try {
    mod.resolveNames();
    mod.validate();
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}

const ITERATIONS = 2_000_000;
const FLOPS_PER_ITERATION = ACCUMULATORS * 4; // 2 lanes × multiply and add
/** A sample takes a few milliseconds; a worker that has not finished one after this never will. */
const WORKER_TIMEOUT_MS = 10_000;

function instantiate(bytes: Uint8Array): ((n: number) => number) | null {
  try {
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    return (new wasm.Instance(new wasm.Module(bytes)).exports as { run: (n: number) => number }).run;
  } catch {
    return null;
  }
}

/**
 * One-sample timer of the loop on this thread, warmed up: each call runs `iterations` rounds (a
 * few ms at the default) and returns their GFLOP/s. Null if the runtime rejects the module.
 */
export async function wasmPeakSampler(variant: "simd" | "relaxed", integerAdds = 0): Promise<((iterations?: number) => number) | null> {
  const run = instantiate(await peakModuleBytes(variant, integerAdds));
  if (run === null) return null;
  for (let i = 0; i < 20; i++) run(100_000); // tier up
  return (iterations = ITERATIONS) => {
    const t0 = performance.now();
    run(iterations);
    return (iterations * FLOPS_PER_ITERATION) / (performance.now() - t0) / 1e6;
  };
}

/**
 * Median GFLOP/s of the loop (padded with `integerAdds` integer additions a round) on one thread
 * over `samples` runs, or null if the runtime rejects the module.
 */
export async function wasmPeakGflops(variant: "simd" | "relaxed", samples = 15, integerAdds = 0): Promise<number | null> {
  const sample = await wasmPeakSampler(variant, integerAdds);
  if (sample === null) return null;
  const rates: number[] = [];
  for (let s = 0; s < samples; s++) rates.push(sample());
  return median(rates);
}

/**
 * The same loop on the main thread and a worker at once: the ceiling for the two-thread kernel,
 * which is below twice the one-thread figure when the two cores share a clock budget or the host
 * is busy. Each sample releases both threads through a shared counter (both spin, so neither waits
 * for a wake-up) and counts both threads' operations over the time until both are done. Median
 * GFLOP/s, or null without workers or the module, or if the worker does not answer.
 */
export async function wasmPeakGflopsTwoThreads(variant: "simd" | "relaxed", samples = 15): Promise<number | null> {
  const bytes = await peakModuleBytes(variant);
  const run = instantiate(bytes);
  if (run === null) return null;
  const { Worker } = await import("node:worker_threads");
  // [0]: the sample the worker may start (-1: stop); [1]: the samples it has finished
  const sync = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(
    `const { workerData: { bytes, sync, iterations } } = require("node:worker_threads");
    const run = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.run;
    for (let s = 1; ; s++) {
      let go;
      while ((go = Atomics.load(sync, 0)) < s && go >= 0);
      if (go < 0) break;
      run(iterations);
      Atomics.store(sync, 1, s);
    }`,
    { eval: true, workerData: { bytes, sync, iterations: ITERATIONS } },
  );
  worker.on("error", () => {}); // then it never reports a sample, and the wait below times out
  try {
    const rates: number[] = [];
    for (let s = 1; s <= samples + 5; s++) { // the first 5: warm-up (tier-up in both threads)
      const t0 = performance.now();
      Atomics.store(sync, 0, s);
      run(ITERATIONS);
      while (Atomics.load(sync, 1) < s) if (performance.now() - t0 > WORKER_TIMEOUT_MS) return null; // the worker failed
      const rate = (2 * ITERATIONS * FLOPS_PER_ITERATION) / (performance.now() - t0) / 1e6;
      if (s > 5) rates.push(rate);
    }
    return median(rates);
  } finally {
    Atomics.store(sync, 0, -1);
    await worker.terminate();
  }
}
