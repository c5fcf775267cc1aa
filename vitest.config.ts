import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    setupFiles: ["test/setup.ts"],
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"] } },
      {
        // The GEMM kernel tests again with relaxed SIMD (fused multiply–add), which Node 20 compiles
        // only behind this flag: every test over the loaded variants then covers both.
        extends: true,
        test: {
          name: "wasm relaxed",
          include: ["test/kernels-wasm.test.ts"],
          execArgv: ["--experimental-wasm-relaxed-simd"],
        },
      },
    ],
  },
});
