/** Run-time options of the numeric kernels. */
import { getGemmBackend, getGemmThreads, setGemmBackend, setGemmThreads, type GemmBackend } from "./kernels/gemm";
import { getWasmGemm, setWasmRelaxedMode, type WasmRelaxedMode } from "./kernels/wasm/gemm-wasm";
import { threadedGemmState } from "./kernels/wasm/gemm-threads";
import { ValueError, fmtValue } from "./errors";

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
 * Sets options of the numeric kernels for the whole process. An unknown option or value throws a
 * `ValueError` and changes nothing.
 * @example
 * configure({ relaxedSimd: "flag" }); // opt in to fused multiply–add on Node 20
 * configure({ backend: "auto", relaxedSimd: "auto", threads: 2 }); // the defaults
 */
export function configure(options: KernelOptions): void {
  // every option is checked before any is applied: a typo changes nothing, and says so
  for (const key of Object.keys(options)) {
    const allowed: readonly unknown[] | undefined = Object.prototype.hasOwnProperty.call(ALLOWED, key) ? ALLOWED[key as keyof KernelOptions] : undefined;
    if (allowed === undefined) throw new ValueError("configure", `unknown option ${JSON.stringify(key)} (the options are ${Object.keys(ALLOWED).join(", ")})`);
    const value: unknown = options[key as keyof KernelOptions];
    if (value !== undefined && !allowed.includes(value)) {
      throw new ValueError("configure", `${key} must be ${allowed.map((v) => JSON.stringify(v)).join(", ").replace(/, ([^,]*)$/, " or $1")}, got ${fmtValue(value)}`);
    }
  }
  const { backend, relaxedSimd, threads } = options;
  if (backend !== undefined) setGemmBackend(backend);
  if (relaxedSimd !== undefined) setWasmRelaxedMode(relaxedSimd);
  if (threads !== undefined) setGemmThreads(threads);
}

/** Each option's values (the keys are the options). */
const ALLOWED: { readonly [K in keyof KernelOptions]-?: readonly NonNullable<KernelOptions[K]>[] } = {
  backend: ["auto", "js", "wasm"],
  relaxedSimd: ["auto", "flag", "off"],
  threads: [1, 2],
};

/**
 * What the numeric kernels run on now, to check a set-up (`configure` changes it).
 * @example
 * const info = kernelInfo(); // e.g. { backend: "auto", wasm: "simd", threads: 2, secondThread: "not started" }
 * const fused = info.wasm === "relaxed"; // fused multiply–add in the products
 */
export interface KernelInfo {
  /** The configured matrix-product backend. */
  readonly backend: GemmBackend;
  /**
   * The WebAssembly GEMM in use: with fused multiply–add (`"relaxed"`), plain f64x2 (`"simd"`), or
   * `null` where the engine has no WebAssembly SIMD (the JavaScript kernels run everything).
   */
  readonly wasm: "relaxed" | "simd" | null;
  /** The configured number of threads for large products. */
  readonly threads: 1 | 2;
  /**
   * The second thread: `"ready"`, `"starting"` (its worker is booting), `"not started"` (the next
   * large product starts it) or `"unavailable"` (no worker_threads or shared memory, one CPU, or it
   * failed: products then run on one thread).
   */
  readonly secondThread: "ready" | "starting" | "not started" | "unavailable";
}

/**
 * The kernels' current set-up (see `KernelInfo`).
 * @example
 * configure({ relaxedSimd: "flag" });
 * const { wasm, secondThread } = kernelInfo(); // wasm: "relaxed" on Node 20 with the flag
 */
export function kernelInfo(): KernelInfo {
  return { backend: getGemmBackend(), wasm: getWasmGemm()?.variant ?? null, threads: getGemmThreads(), secondThread: threadedGemmState() };
}
