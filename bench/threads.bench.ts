/**
 * Where the two-thread product loses time, measured in one process so that the host's swings hit
 * every variant alike: for n = 256 and 512 it alternates, in 25 ms samples,
 *   kernel     the two-thread kernel call into a given buffer (threadedGemm: copies in and out,
 *              the worker's job, no library code);
 *   matmulInto the public out form (`matmulInto(C, A, B)`);
 *   matmul     the public call, which also makes its n×n result;
 *   1 thread   `matmul` with `configure({ threads: 1 })`;
 * and prints each one's median GFLOP/s and its median ratio to "kernel" over the paired samples.
 * `kernel` against `1 thread` is what the second thread gains; `matmul` against `kernel` is what
 * the library adds. Not part of the test suite. Run: npm run bench:threads [-- --seconds S]
 * (default 10 s per size). Fused multiply–add is on, as in `npm run bench`.
 */
import { configure, dim, fromData, matmul, matmulInto, zeros } from "../src/index";
import { threadedGemm, threadedGemmReady } from "../src/kernels/wasm/gemm-threads";
import { getWasmGemm } from "../src/kernels/wasm/gemm-wasm";
import { uniformArray } from "./random";

const secondsArg = process.argv.indexOf("--seconds");
const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 10;
configure({ relaxedSimd: "flag" });
const wasm = getWasmGemm();
if (wasm === null || !threadedGemmReady(wasm.variant)) {
  console.log("two-thread path unavailable here (no Wasm SIMD, worker_threads or shared memory)");
  process.exit(0);
}
const variant = wasm.variant;
console.log(`kernel variant: ${variant}; ${seconds} s per size; GFLOP/s, median over samples, and median ratio to "kernel"`);

for (const n of [256, 512]) {
  const N = dim("n", n);
  const a = uniformArray(n * n, 1), b = uniformArray(n * n, 2), c = new Float64Array(n * n);
  const A = fromData(N, N, a), B = fromData(N, N, b), C = zeros(N, N);
  let kept: unknown; // keeps results alive, as a caller would
  const variants: [string, () => void][] = [
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
  ];
  const samples = variants.map((): number[] => []);
  for (const [, run] of variants) for (let i = 0; i < 5; i++) run(); // warm-up
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    variants.forEach(([, run], i) => {
      const t0 = performance.now();
      let calls = 0;
      while (performance.now() - t0 < 25) {
        run();
        calls++;
      }
      samples[i].push((2 * n * n * n * calls) / (performance.now() - t0) / 1e6);
    });
  }
  void kept;
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
  console.log(`\nn = ${n} (${samples[0].length} samples each)`);
  variants.forEach(([name], i) => {
    const ratio = median(samples[i].map((x, j) => x / samples[0][j]));
    console.log(`  ${name.padEnd(11)} ${median(samples[i]).toFixed(1).padStart(6)} GFLOP/s   ×${ratio.toFixed(3)}`);
  });
}
