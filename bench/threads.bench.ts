/**
 * Where the two-thread product loses time, measured in one process so that the host's swings hit
 * every variant alike: for n = 256 and 512 it alternates, in 25 ms samples,
 *   kernel     the two-thread kernel call into a given buffer (threadedGemm: copies in and out,
 *              the worker's job, no library code);
 *   matmulInto the public out form (`matmulInto(C, A, B)`);
 *   matmul     the public call, which also makes its n×n result;
 *   1 thread   `matmul` with `configure({ threads: 1 })`;
 *   2 × 1 thread  two independent one-thread products at once, one on the main thread and one on
 *              a worker, each on its own kernel instance with its own copies (what two threads
 *              give with no coordination between them: the practical two-thread limit here);
 * and prints each one's median GFLOP/s and its median ratio to "kernel" over the paired samples.
 * `kernel` against `1 thread` is what the second thread gains, `kernel` against `2 × 1 thread`
 * what sharing one product between the threads costs; `matmul` against `kernel` is what the
 * library adds. Not part of the test suite. Run: npm run bench:threads [-- --seconds S]
 * (default 10 s per size). Fused multiply–add is on, as in `npm run bench`.
 */
import { configure, dim, fromData, matmul, matmulInto, zeros } from "../src/index";
import { threadedGemm, threadedGemmReady } from "../src/kernels/wasm/gemm-threads";
import { createWasmGemm, getWasmGemm, loadWasmModule } from "../src/kernels/wasm/gemm-wasm";
import { Worker } from "node:worker_threads";
import { uniformArray } from "./random";
import { median, secondsArg } from "./timing";

const seconds = secondsArg(10);
configure({ relaxedSimd: "flag" });
const wasm = getWasmGemm();
if (wasm === null || !threadedGemmReady(wasm.variant)) {
  console.log("two-thread path unavailable here (no Wasm SIMD, worker_threads or shared memory)");
  process.exit(0);
}
const variant = wasm.variant;
console.log(`kernel variant: ${variant}; ${seconds} s per size; GFLOP/s, median over samples, and median ratio to "kernel"`);

/**
 * Two one-thread products at once: `run(n)` returns a call that posts one n×n product to a worker,
 * computes another on the main thread, and returns when both are done (the flops of one call are
 * counted twice). Both threads copy their operands in and the result out, as `gemm` does. Between
 * calls the worker spins briefly, then sleeps, so that it does not slow the other variants.
 */
const pair = (() => {
  const module = loadWasmModule(variant)!;
  const main = createWasmGemm(variant)!;
  const sync = new Int32Array(new SharedArrayBuffer(12)); // [0] job posted, [1] job done, [2] n (0: stop)
  const worker = new Worker(
    `const { workerData: { module, sync } } = require("node:worker_threads");
    const ex = new WebAssembly.Instance(module, {}).exports;
    const base = ex.dataBase.value;
    let f = new Float64Array(ex.memory.buffer), size = 0, a, b, c;
    for (let job = 1; ; job++) {
      for (let t = performance.now(); Atomics.load(sync, 0) < job; ) {
        if (performance.now() - t > 1) Atomics.wait(sync, 0, job - 1, 10);
      }
      const n = Atomics.load(sync, 2);
      if (n === 0) break;
      if (n !== size) {
        const need = base + 3 * n * n * 8;
        if (ex.memory.buffer.byteLength < need) ex.memory.grow(Math.ceil((need - ex.memory.buffer.byteLength) / 65536));
        f = new Float64Array(ex.memory.buffer);
        size = n;
        a = Float64Array.from({ length: n * n }, (_, i) => Math.sin(i));
        b = Float64Array.from({ length: n * n }, (_, i) => Math.cos(i));
        c = new Float64Array(n * n);
      }
      const ai = base / 8, bi = ai + n * n, ci = bi + n * n;
      f.set(a, ai);
      f.set(b, bi);
      ex.gemm(0, 0, 0, n, n, n, 1, ai * 8, n, bi * 8, n, ci * 8, n, 0);
      c.set(f.subarray(ci, ci + n * n));
      Atomics.store(sync, 1, job);
    }`,
    { eval: true, workerData: { module, sync } },
  );
  let job = 0;
  return {
    run(n: number): () => void {
      const a = uniformArray(n * n, 3), b = uniformArray(n * n, 4), c = new Float64Array(n * n);
      return () => {
        Atomics.store(sync, 2, n);
        Atomics.store(sync, 0, ++job);
        Atomics.notify(sync, 0);
        const t0 = performance.now();
        main.gemm(false, false, n, n, n, 1, a, 0, n, b, 0, n, c, 0, n, false);
        while (Atomics.load(sync, 1) < job) {
          if (performance.now() - t0 > 10_000) throw new Error(`"2 × 1 thread": the worker did not finish its ${n}×${n} product in 10 s`);
        }
      };
    },
    stop(): void {
      Atomics.store(sync, 2, 0);
      Atomics.store(sync, 0, ++job);
      Atomics.notify(sync, 0);
      void worker.terminate();
    },
  };
})();

for (const n of [256, 512]) {
  const N = dim("n", n);
  const a = uniformArray(n * n, 1), b = uniformArray(n * n, 2), c = new Float64Array(n * n);
  const A = fromData(N, N, a), B = fromData(N, N, b), C = zeros(N, N);
  let kept: unknown; // keeps results alive, as a caller would
  // name, call, products per call
  const variants: [string, () => void, number?][] = [
    ["kernel", () => void threadedGemm(variant, false, false, n, n, n, a, b, c, false)],
    ["matmulInto", () => void matmulInto(C, A, B)],
    ["matmul", () => void (kept = matmul(A, B))],
    ["1 thread", () => {
      configure({ threads: 1 });
      try {
        kept = matmul(A, B);
      } finally {
        configure({ threads: 2 });
      }
    }],
    ["2 × 1 thread", pair.run(n), 2],
  ];
  const samples = variants.map((): number[] => []);
  for (const [, run] of variants) for (let i = 0; i < 5; i++) run(); // warm-up
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    variants.forEach(([, run, products = 1], i) => {
      const t0 = performance.now();
      let calls = 0;
      while (performance.now() - t0 < 25) {
        run();
        calls++;
      }
      samples[i].push((2 * n * n * n * products * calls) / (performance.now() - t0) / 1e6);
    });
  }
  void kept;
  console.log(`\nn = ${n} (${samples[0].length} samples each)`);
  variants.forEach(([name], i) => {
    const ratio = median(samples[i].map((x, j) => x / samples[0][j]));
    console.log(`  ${name.padEnd(12)} ${median(samples[i]).toFixed(1).padStart(6)} GFLOP/s   ×${ratio.toFixed(3)}`);
  });
}
pair.stop();
