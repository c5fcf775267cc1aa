/**
 * WebAssembly SIMD back end of element-wise kernels (see elementwise.wat for the algorithms) on
 * Float64Array: tanh, within 2 ulp of Math.tanh (and within 1.4 ulp of the exact value); exp,
 * within 0.75 ulp of the exact value; the logistic sigmoid on the same exp; log, below 1 ulp of
 * the exact value; softplus and log σ on the same exp and log's log1p; sin and cos, Math.sin's
 * and Math.cos's bits (V8's fdlibm algorithm, computed two entries at a time).
 *
 * As for the GEMM (gemm-wasm.ts): the module bytes live in elementwise-wasm.generated.ts as
 * base64 (built by scripts/build-wasm.mjs); instantiation is synchronous and lazy, on the first
 * call; where WebAssembly or SIMD is unavailable `wasmInto` returns false and the caller uses
 * the JS kernel (elementwise-js.ts, or Math.sin and Math.cos), which gives the same bits. The
 * memory is one fixed page: arrays go through it in chunks of CHUNK entries, so it never grows.
 */
import { ELEMENTWISE_WASM_SIMD_BASE64 } from "./elementwise-wasm.generated";
import { expJs, logJs, logSigmoidJs, sigmoidJs, softplusJs, tanhJs } from "./elementwise-js";

/* Minimal structural types for the WebAssembly JS API (lib ES2022 has no WebAssembly namespace). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
type WasmModule = object;
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: unknown };
  validate(bytes: Uint8Array): boolean;
}
/** The module's element-wise kernels, by export name. */
const KERNELS = ["tanh", "exp", "sigmoid", "log", "softplus", "logSigmoid", "sin", "cos"] as const;
export type ElementwiseKernel = (typeof KERNELS)[number];
/** Replaces the n doubles at byte address p by f of them; sin and cos return 1 when `FAR` has work. */
type KernelFn = (p: number, n: number) => number | undefined;
interface Exports extends Record<ElementwiseKernel, KernelFn> {
  memory: WasmMemory;
  dataBase: { value: unknown };
}
/** A whole-array kernel: out[i] = f(x[i]) for i < x.length (out may be x). */
type ArrayKernel = (x: Float64Array, out: Float64Array) => void;

/**
 * sin and cos compute |x| below 2^20·π/2 (1,647,100: the high word 0x413921fc, where fdlibm's
 * medium-range reduction ends) with V8's own algorithm; at or above it, and for ±∞ and NaN,
 * Math.sin and Math.cos recompute the entry (beyond, fdlibm reduces with 2/π to over a thousand
 * bits, which the kernel leaves to them).
 */
export const SINCOS_WASM_BOUND = 1647100;
const FAR: Partial<Record<ElementwiseKernel, (x: number) => number>> = { sin: Math.sin, cos: Math.cos };

/** Entries per call: 32 KB of the 64 KB page (the constants and the exp table sit below dataBase). */
const CHUNK = 4096;
/**
 * Below this many entries the JS kernels are used (Wasm call and copies cost more than they save).
 * exp and sigmoid, JS against Wasm (2026-12-07, ns per call): 8 entries 274 vs 335, 12: 412 vs 357,
 * 16: 539 vs 372, 32: 947 vs 469. log, JS against Wasm (ns per entry): 8 entries 38 vs 46, 16: 34
 * vs 29, 32: 39 vs 19. Below the threshold jit also fuses them (src/ops/elementwise.ts). tanh and
 * sin, measured once results were read back through a reused view (same day, ns per call, two
 * runs): tanh JS against Wasm at 12 entries 278–307 vs 224–266, 16: 380–425 vs 243–291, 32: 842–903
 * vs 398–425; sin, Math.sin against Wasm at 16: 355–371 vs 306–369, 24: 506–595 vs 459–553, 32: 778
 * vs 569–641.
 */
export const TANH_WASM_MIN = 16;
export const SINCOS_WASM_MIN = 32;
export const EXP_WASM_MIN = 16;
export const LOG_WASM_MIN = 16;

interface Kernel {
  readonly run: Readonly<Record<ElementwiseKernel, KernelFn>>;
  readonly mem: Float64Array;
  /** dataBase in bytes and as a Float64Array index. */
  readonly base: number;
  readonly idx: number;
}

/** undefined: not tried yet; null: tried, unavailable. */
let kernel: Kernel | null | undefined;

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function load(): Kernel | null {
  try {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (typeof api !== "object" || api === null || typeof api.Module !== "function") return null;
    const bytes = decodeBase64(ELEMENTWISE_WASM_SIMD_BASE64);
    if (!api.validate(bytes)) return null;
    const ex = new api.Instance(new api.Module(bytes), {}).exports as Exports;
    const base = ex.dataBase.value as number;
    const mem = new Float64Array(ex.memory.buffer);
    // one chunk plus the 24 bytes of slack a count that is not a multiple of 4 reads and writes
    if (base % 16 !== 0 || base + CHUNK * 8 + 24 > mem.byteLength) return null;
    const run = Object.fromEntries(KERNELS.map((name) => [name, ex[name]])) as Record<ElementwiseKernel, KernelFn>;
    return { run, mem, base, idx: base >>> 3 };
  } catch {
    return null;
  }
}

/** True if the Wasm kernels load on this engine (loads them on first call). */
export function elementwiseWasmAvailable(): boolean {
  if (kernel === undefined) kernel = load();
  return kernel !== null;
}

/**
 * The first m entries of the chunk area as a view: the previous call's view when m is the same,
 * as it is for every call on arrays of one size (a loop over a model's layers), since a fresh view
 * costs about as much as copying 30 entries. The memory never grows, so a view stays valid.
 */
let lastView: Float64Array | null = null;
function resultView(k: Kernel, m: number): Float64Array {
  const v = lastView;
  if (v !== null && v.length === m) return v;
  return (lastView = k.mem.subarray(k.idx, k.idx + m));
}

/**
 * out[i] = f(x[i]) for i < x.length in Wasm SIMD, f the kernel `name` (out may be x; out.length ≥
 * x.length). Returns false, having written nothing, if Wasm SIMD is unavailable.
 */
export function wasmInto(name: ElementwiseKernel, x: Float64Array, out: Float64Array): boolean {
  if (kernel === undefined) kernel = load();
  const k = kernel;
  if (k === null) return false;
  const { mem, base, idx } = k;
  const run = k.run[name];
  const far = FAR[name];
  const n = x.length;
  for (let i = 0; i < n; i += CHUNK) {
    const m = n - i < CHUNK ? n - i : CHUNK;
    mem.set(m === n ? x : x.subarray(i, i + m), idx);
    if (far === undefined) run(base, m);
    else {
      mem[idx + m] = 0; // the lane after an odd count: no stale far value to report
      if (run(base, m) !== 0) {
        for (let j = 0; j < m; j++) {
          const v = x[i + j]; // out is written below, so x is intact even in place
          if (!(Math.abs(v) < SINCOS_WASM_BOUND)) mem[idx + j] = far(v);
        }
      }
    }
    out.set(resultView(k, m), i);
  }
  return true;
}

/**
 * The entry point of kernel `name` for whole arrays: Wasm from `min` entries on when available,
 * else `js`, its JS twin (the same bits).
 */
function arrayKernel(name: ElementwiseKernel, min: number, js: ArrayKernel): ArrayKernel {
  return (x, out) => {
    if (x.length < min || !wasmInto(name, x, out)) js(x, out);
  };
}

/** out[i] = tanh(x[i]) (Wasm from TANH_WASM_MIN entries). */
export const tanhArray = arrayKernel("tanh", TANH_WASM_MIN, tanhJs);
/** out[i] = e^{x[i]} (Wasm from EXP_WASM_MIN entries). */
export const expArray = arrayKernel("exp", EXP_WASM_MIN, expJs);
/** out[i] = σ(x[i]) (Wasm from EXP_WASM_MIN entries). */
export const sigmoidArray = arrayKernel("sigmoid", EXP_WASM_MIN, sigmoidJs);
/** out[i] = log x[i] (Wasm from LOG_WASM_MIN entries). */
export const logArray = arrayKernel("log", LOG_WASM_MIN, logJs);
/** out[i] = softplus(x[i]) (Wasm from EXP_WASM_MIN entries). */
export const softplusArray = arrayKernel("softplus", EXP_WASM_MIN, softplusJs);
/** out[i] = log σ(x[i]) (Wasm from EXP_WASM_MIN entries). */
export const logSigmoidArray = arrayKernel("logSigmoid", EXP_WASM_MIN, logSigmoidJs);
/** out[i] = sin x[i], Math.sin's bits (Wasm from SINCOS_WASM_MIN entries). */
export const sinArray = arrayKernel("sin", SINCOS_WASM_MIN, (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.sin(x[i]);
});
/** out[i] = cos x[i], Math.cos's bits (Wasm from SINCOS_WASM_MIN entries). */
export const cosArray = arrayKernel("cos", SINCOS_WASM_MIN, (x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.cos(x[i]);
});
