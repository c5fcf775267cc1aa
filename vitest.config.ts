import { defineConfig } from "vitest/config";
import { GEMM_WASM_RELAXED_BASE64 } from "./src/kernels/wasm/gemm-wasm.generated";

/**
 * Node 20 compiles relaxed SIMD (fused multiply–add) only behind a V8 flag. There the GEMM kernel
 * tests run a second time with the flag, so that every test over the loaded variants covers both.
 * Runtimes that accept it as is load both variants in the first run already (and may no longer
 * know the flag).
 */
const wasm = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;
const relaxedNeedsFlag = !wasm.validate(Buffer.from(GEMM_WASM_RELAXED_BASE64, "base64"));

export default defineConfig({
  test: {
    setupFiles: ["test/setup.ts"],
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"] } },
      ...(relaxedNeedsFlag
        ? [
            {
              extends: true as const,
              test: {
                name: "wasm relaxed",
                include: ["test/kernels-wasm.test.ts"],
                execArgv: ["--experimental-wasm-relaxed-simd"],
              },
            },
          ]
        : []),
    ],
  },
});
