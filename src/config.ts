/** Run-time options of the numeric kernels. */
import { setGemmBackend, setGemmThreads, type GemmBackend } from "./kernels/gemm";
import { setWasmRelaxedMode, type WasmRelaxedMode } from "./kernels/wasm/gemm-wasm";

/**
 * Options accepted by `configure`; omitted ones keep their current value.
 * @example
 * const fast: KernelOptions = { relaxedSimd: "flag", threads: 2 };
 * configure(fast);
 */
export interface KernelOptions {
  /**
   * Which matrix-multiply kernel runs: `"auto"` (default: WebAssembly SIMD above a small size,
   * plain JS below), `"js"` or `"wasm"` (falls back to JS where WebAssembly SIMD is unavailable).
   */
  readonly backend?: GemmBackend;
  /**
   * Fused multiply–add (relaxed SIMD): `"auto"` (default) uses it only where the engine accepts it
   * as is; `"flag"` also sets V8's `--experimental-wasm-relaxed-simd` at run time on Node 20
   * (about 25% faster products there; a process-wide flag, hence opt-in); `"off"` never uses it.
   */
  readonly relaxedSimd?: WasmRelaxedMode;
  /** Threads for large products (m·n·k ≥ 256³): 2 (default, on machines with 2+ cores) or 1. */
  readonly threads?: 1 | 2;
}

/**
 * Sets options of the numeric kernels for the whole process.
 * @example
 * configure({ relaxedSimd: "flag" }); // opt in to fused multiply–add on Node 20
 * configure({ backend: "auto", relaxedSimd: "auto", threads: 2 }); // the defaults
 */
export function configure(options: KernelOptions): void {
  if (options.backend !== undefined) setGemmBackend(options.backend);
  if (options.relaxedSimd !== undefined) setWasmRelaxedMode(options.relaxedSimd);
  if (options.threads !== undefined) setGemmThreads(options.threads);
}
