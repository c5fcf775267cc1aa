/**
 * WebAssembly SIMD back end of the GEMM kernel (see gemm.wat for the algorithm).
 *
 * The module bytes live in gemm-wasm.generated.ts as base64 (built by scripts/build-wasm.mjs),
 * so nothing is fetched or read from disk. Instantiation is synchronous and lazy: the first
 * call that wants Wasm compiles the module; if WebAssembly, SIMD or memory growth is not
 * available, `gemmWasmStrided` returns false and the caller uses the JS kernel.
 *
 * Two variants: "relaxed" (f64x2.relaxed_madd, fused on x86 with FMA) and "simd"
 * (f64x2.mul + f64x2.add, bit-for-bit the same as unfused scalar code per lane). The relaxed one
 * is preferred when the engine validates it. Node 20 (V8 11.3) only accepts relaxed SIMD behind
 * `--experimental-wasm-relaxed-simd`. By default ("auto") the library never touches V8 flags: it
 * uses relaxed SIMD only where the engine already accepts it (a newer Node, or the flag given on the
 * command line). `setWasmRelaxedMode("flag")` (public: `configure({ relaxedSimd: "flag" })`) opts in
 * to setting the flag at run time on Node; "off" always uses plain SIMD.
 */
import { GEMM_WASM_LAYOUT, GEMM_WASM_RELAXED_BASE64, GEMM_WASM_SIMD_BASE64 } from "./gemm-wasm.generated";
import { copyRows } from "../copy";

export type WasmVariant = "relaxed" | "simd";
/** "flag": relaxed if the engine accepts it, trying the V8 flag on Node; "auto": relaxed only
 * if the engine accepts it as is; "off": plain SIMD only. */
export type WasmRelaxedMode = "flag" | "auto" | "off";

type GemvExport = (t: number, m: number, k: number, a: number, lda: number, x: number, y: number, acc: number) => void;

type GemmExport = (
  ws: number, ta: number, tb: number, m: number, n: number, k: number, alpha: number,
  a: number, lda: number, b: number, ldb: number, c: number, ldc: number, acc: number,
) => void;

type GemmDirectExport = (
  ws: number, ta: number, tb: number, m: number, n: number, k: number,
  a: number, lda: number, b: number, ldb: number, c: number, ldc: number, acc: number,
) => void;

/**
 * Products of at most this many multiply-adds (m·n·k), with op(B) = B and alpha = 1, skip packing
 * (gemm.wat's "gemmDirect": same sums in the same order, so the same bits). Packing costs as much
 * as the arithmetic there. Against the packed kernel (raw calls alternating in one process,
 * relaxed SIMD, 2026-12-07, both kernels running the full tiles of a column in one call):
 * 16·64·16 ×1.13, 24³ ×1.2, 32³ ×1.12–1.15, 64·4·64 ×1.9, 4·1024·4 ×1.24, 128·16·16 ×1.29,
 * 16·16·128 ×1.40, 64·64·4 ×1.05; 8·512·8 ×0.99, the one shape at the bound that does not gain.
 * Above it wide products lose (16·256·16 ×0.9, 8·1024·8 ×0.8) and 64³ draws. Through the public
 * `matmul` (builds before and after alternating): 16×16 1.90 → 1.57 µs when the bound came in
 * (16,384 then), and 1.16–1.25× faster again with the column calls.
 */
const DIRECT_MAX_WORK = 32768;
let directMaxWork = DIRECT_MAX_WORK;
/**
 * Products of at most this many rows, or of at most DIRECT_MAX_COLS columns, skip packing too,
 * whatever their size (with alpha = 1 and k ≤ KC as above; with op(B) transposed, see
 * DIRECT_MAX_COLS_TB): each entry of B (few rows) or of A (few columns) then serves only a few
 * multiply-adds, too few to pay for packing it.
 * Against the packed kernel (raw calls alternating in one process, 2026-12-07, op(A) transposed or
 * not, the other dimensions 32–1024, k = 16–512): 2–4 rows ×1.2–1.6; 6 or 8 rows ×0.86–1.33, so
 * not those. 2–4 columns ×1.2–1.8; 5–8 columns ×1.03–1.35 (×0.97–1.43 with op(A) transposed).
 */
const DIRECT_MAX_ROWS = 4;
const DIRECT_MAX_COLS = 8;

/**
 * With op(B) transposed, the unpacked kernel loads each depth of four columns of op(B) as four
 * lanes (they are four rows of B) instead of two vectors, so it pays only where packing serves
 * few multiply-adds per entry: at most DIRECT_MAX_ROWS rows or this many columns. Raw calls, packed
 * against direct alternating (2026-12-07, op(A) transposed or not): 1–4 rows ×1.09–1.27, 1–4
 * columns ×1.06–1.29; 6 or 8 columns ×0.88–0.97, and small products of m·n·k ≤ DIRECT_MAX_WORK
 * (8³ to 32³) ×0.82–1.11, so not those.
 */
const DIRECT_MAX_COLS_TB = 4;

/** Does this product go to the unpacked kernel? (Its bits are the packed kernel's either way.) */
function skipsPacking(tb: boolean, m: number, n: number, k: number, alpha: number): boolean {
  if (alpha !== 1 || k > GEMM_WASM_LAYOUT.KC || directMaxWork <= 0) return false;
  if (tb) return m <= DIRECT_MAX_ROWS || n <= DIRECT_MAX_COLS_TB;
  return m * n * k <= directMaxWork || m <= DIRECT_MAX_ROWS || n <= DIRECT_MAX_COLS;
}

/** For tests: products up to this many multiply-adds skip packing (0: none do, not even those of DIRECT_MAX_ROWS rows or DIRECT_MAX_COLS columns). Returns the previous bound. */
export function setWasmDirectMaxWork(work: number): number {
  const previous = directMaxWork;
  directMaxWork = work;
  return previous;
}

/**
 * A matrix–vector product reads each entry of A once, so copying all of a large A into Wasm memory
 * and then reading it back there is two trips through memory. In chunks of this many entries
 * (128 KiB, in L2) the kernel reads each chunk while it is still in cache, and Wasm memory holds
 * one chunk instead of all of A. Raw calls, old and new alternating (2026-12-07): 1024×1024
 * ×1.40–1.65, 2000×100 ×1.15–1.20; 256² to 512² and 4096×32 ×0.99–1.08; one chunk (100×100) the
 * same. Chunks of 2,048–8,192 entries were no steadier and split small matrices into several calls.
 */
const GEMV_CHUNK_ENTRIES = 16384;

/** gemmDirect reads up to 3 entries past B's last row (lanes it never stores): room for them. */
const DIRECT_SLACK_BYTES = 32;

/*
 * Minimal structural types for the WebAssembly JS API: the project compiles with lib ES2022
 * (no DOM), where the WebAssembly namespace is not fully declared.
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
type WasmModule = object;
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: unknown };
  validate(bytes: Uint8Array): boolean;
}
/** The engine's WebAssembly object, or undefined where there is none. */
function wasmApi(): WasmApi | undefined {
  const wa = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  return typeof wa === "object" && wa !== null && typeof wa.Module === "function" ? wa : undefined;
}

const PAGE = 65536;
/** Stay well inside the signed 32-bit address range used by the module's arithmetic. */
const MAX_BYTES = 0x7fff0000;

/**
 * Grows a Wasm memory (whole 64 KiB pages) to at least `bytes`; false when that is above `maxBytes`
 * or the engine refuses. Callers must renew their views afterwards: growing replaces `buffer`.
 */
export function growMemory(memory: { readonly buffer: ArrayBufferLike; grow(pages: number): number }, bytes: number, maxBytes: number): boolean {
  if (bytes > maxBytes) return false;
  const have = memory.buffer.byteLength;
  if (bytes <= have) return true;
  try {
    memory.grow(Math.ceil((bytes - have) / PAGE));
    return true;
  } catch {
    return false;
  }
}

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** One instantiated module with its memory and a Float64Array view of it. */
export class WasmGemm {
  readonly variant: WasmVariant;
  private readonly memory: WasmMemory;
  private readonly run: GemmExport;
  private readonly runDirect: GemmDirectExport;
  private readonly runGemv: GemvExport;
  private readonly base: number;
  private f64: Float64Array;
  /** The last result window read back (see `resultView`); detached (length 0) once memory grows. */
  private lastResult: Float64Array;

  constructor(variant: WasmVariant, api: WasmApi, module: WasmModule) {
    this.variant = variant;
    const inst = new api.Instance(module, {});
    const ex = inst.exports as { memory: WasmMemory; gemm: GemmExport; gemmDirect: GemmDirectExport; gemv: GemvExport; dataBase: { value: unknown } };
    this.memory = ex.memory;
    this.run = ex.gemm;
    this.runDirect = ex.gemmDirect;
    this.runGemv = ex.gemv;
    this.base = ex.dataBase.value as number;
    this.f64 = new Float64Array(this.memory.buffer);
    this.lastResult = this.f64.subarray(0, 0);
  }

  /**
   * A view of `length` doubles of this memory from element `start`: the previous call's view when
   * it is the same window, as it is for every product of one shape (a loop over a model's layers),
   * since a fresh view costs 0.1–0.2 µs, a tenth of a whole 16×16 product.
   */
  private resultView(start: number, length: number): Float64Array {
    const v = this.lastResult;
    // a view of a replaced buffer is detached: its length is 0, so it never matches (length ≥ 1)
    if (v.length === length && v.byteOffset === start * 8) return v;
    return (this.lastResult = this.f64.subarray(start, start + length));
  }

  /** Copy a packed rows×cols block from element `src` of this memory into the window of dst (row stride ld). */
  private copyOut(src: number, dst: Float64Array, off: number, rows: number, cols: number, ld: number): void {
    if (ld === cols || rows === 1) dst.set(this.resultView(src, rows * cols), off);
    else copyRows(this.f64, src, cols, dst, off, ld, rows, cols);
  }

  /**
   * Current size of this instance's memory in bytes: that of the view, which spans the whole memory
   * and is renewed whenever `ensure` grows it (asking the memory for its buffer is a call into the
   * engine, 3–4% of a 16×16 product, and every product asks, in trimSharedWasmGemm).
   */
  get memoryBytes(): number {
    return this.f64.byteLength;
  }

  /** Make the memory at least `bytes` long; false if it cannot grow that far. */
  private ensure(bytes: number): boolean {
    // the view spans the whole memory (a detached one has length 0): no need to ask the memory
    if (bytes <= this.f64.byteLength) return true;
    if (!growMemory(this.memory, bytes, MAX_BYTES)) return false;
    if (this.f64.buffer !== this.memory.buffer) this.f64 = new Float64Array(this.memory.buffer);
    return true;
  }

  /**
   * A view of `length` doubles at the start of the data area, for a matrix that stays in Wasm
   * memory across several `gemmResident` products on its own windows (LU's trailing updates), so
   * that no product copies it in and out. Null if the memory cannot grow that far. Valid until
   * the next `gemm` or `residentView` call (either may grow the memory, which replaces its buffer,
   * and `gemm` copies its operands over this same area).
   */
  residentView(length: number): Float64Array | null {
    if (!this.ensure(this.base + length * 8)) return null;
    return new Float64Array(this.memory.buffer, this.base, length);
  }

  /**
   * gemmStrided's contract (m, n, k ≥ 1) on windows of the resident view: offsets count doubles
   * from the view's start. Runs in place: nothing is copied, nothing grows.
   */
  gemmResident(
    ta: boolean, tb: boolean, m: number, n: number, k: number, alpha: number,
    aOff: number, lda: number, bOff: number, ldb: number, cOff: number, ldc: number, acc: boolean,
  ): void {
    const at = (off: number) => this.base + off * 8;
    this.run(0, ta ? 1 : 0, tb ? 1 : 0, m, n, k, alpha, at(aOff), lda, at(bOff), ldb, at(cOff), ldc, acc ? 1 : 0);
  }

  /**
   * y (m) (=|+=) A·x for an m×k row-major A (t = false), or Aᵀ·x for A stored k×m (t = true);
   * m, k ≥ 1, y does not alias A or x. Copies x (and y when accumulating) into Wasm memory, then
   * A's rows in chunks of about GEMV_CHUNK_ENTRIES entries, running the kernel on each chunk as it
   * arrives, and copies y back. Returns false (having written nothing) if the memory cannot hold
   * them.
   */
  gemv(t: boolean, m: number, k: number, a: Float64Array, x: Float64Array, y: Float64Array, acc: boolean): boolean {
    // x and y first, then the chunk of A: each starts 16-byte aligned (even offsets from the data
    // area), and so do the chunk's rows where their length is even
    const rows = t ? k : m, rowLen = t ? m : k;
    const chunkRows = Math.min(rows, Math.max(4, Math.floor(GEMV_CHUNK_ENTRIES / rowLen) & ~3));
    const xIdx = this.base >>> 3;
    const yIdx = xIdx + ((k + 1) & ~1);
    const aIdx = yIdx + ((m + 1) & ~1);
    if (!this.ensure((aIdx + chunkRows * rowLen) * 8)) return false;
    const mem = this.f64;
    copyIn(mem, xIdx, x, 0, 1, k, k);
    if (acc) copyIn(mem, yIdx, y, 0, 1, m, m);
    for (let r0 = 0; r0 < rows; r0 += chunkRows) {
      const nr = Math.min(chunkRows, rows - r0);
      copyIn(mem, aIdx, a, r0 * rowLen, 1, nr * rowLen, nr * rowLen);
      // Aᵀ·x adds the chunk's rows p = r0, r0 + 1, … to y in turn, as one call would; A·x gives
      // the chunk's own entries of y
      if (t) this.runGemv(1, m, nr, aIdx * 8, m, (xIdx + r0) * 8, yIdx * 8, acc || r0 > 0 ? 1 : 0);
      else this.runGemv(0, nr, k, aIdx * 8, k, xIdx * 8, (yIdx + r0) * 8, acc ? 1 : 0);
    }
    this.copyOut(yIdx, y, 0, 1, m, m);
    return true;
  }

  /**
   * Same contract as gemmStrided in ../gemm.ts (m, n, k ≥ 1). Copies the operand windows into
   * Wasm memory, runs (small products unpacked, see DIRECT_MAX_WORK), copies C's window back.
   * Returns false (having written nothing) if the memory cannot hold the operands.
   */
  gemm(
    ta: boolean, tb: boolean, m: number, n: number, k: number, alpha: number,
    a: Float64Array, aOff: number, lda: number,
    b: Float64Array, bOff: number, ldb: number,
    c: Float64Array, cOff: number, ldc: number,
    acc: boolean,
  ): boolean {
    const aRows = ta ? k : m, aCols = ta ? m : k;
    const bRows = tb ? n : k, bCols = tb ? k : n;
    const aIdx = this.base >>> 3;
    const bIdx = aIdx + aRows * aCols;
    const cIdx = bIdx + bRows * bCols;
    if (!this.ensure((cIdx + m * n) * 8 + DIRECT_SLACK_BYTES)) return false;
    const mem = this.f64;
    copyIn(mem, aIdx, a, aOff, aRows, aCols, lda);
    copyIn(mem, bIdx, b, bOff, bRows, bCols, ldb);
    if (acc) copyIn(mem, cIdx, c, cOff, m, n, ldc);
    if (skipsPacking(tb, m, n, k, alpha)) {
      this.runDirect(0, ta ? 1 : 0, tb ? 1 : 0, m, n, k, aIdx * 8, aCols, bIdx * 8, bCols, cIdx * 8, n, acc ? 1 : 0);
    } else {
      this.run(0, ta ? 1 : 0, tb ? 1 : 0, m, n, k, alpha, aIdx * 8, aCols, bIdx * 8, bCols, cIdx * 8, n, acc ? 1 : 0);
    }
    this.copyOut(cIdx, c, cOff, m, n, ldc);
    return true;
  }
}

/** Copy a rows×cols window (row stride ld) of src into mem at dst, packed (stride cols). */
function copyIn(mem: Float64Array, dst: number, src: Float64Array, off: number, rows: number, cols: number, ld: number): void {
  if (off === 0 && rows * cols === src.length && (ld === cols || rows === 1)) {
    mem.set(src, dst); // the whole array (a subarray would cost an object per call)
  } else if (ld === cols || rows === 1) {
    mem.set(src.subarray(off, off + rows * cols), dst);
  } else {
    copyRows(src, off, ld, mem, dst, cols, rows, cols);
  }
}

let relaxedMode: WasmRelaxedMode = "auto";
/** undefined: not tried yet; null: tried, unavailable. */
let shared: WasmGemm | null | undefined;
const modules: Partial<Record<WasmVariant, WasmModule | null>> = {};

/** Try to turn on relaxed SIMD in V8 (Node only); harmless where it is already on. */
function tryEnableRelaxedFlag(): void {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const v8 = proc?.getBuiltinModule?.("node:v8") as { setFlagsFromString?: (f: string) => void } | undefined;
    v8?.setFlagsFromString?.("--experimental-wasm-relaxed-simd");
  } catch {
    /* not Node, or flags locked: stay on plain SIMD */
  }
}

/**
 * The compiled module of one variant, or null if this engine cannot compile it. For "relaxed",
 * `useFlag` allows setting the V8 flag first when the engine rejects the module as is.
 */
export function loadWasmModule(variant: WasmVariant, useFlag = relaxedMode === "flag"): WasmModule | null {
  const cached = modules[variant];
  if (cached) return cached;
  if (cached === null && !(variant === "relaxed" && useFlag)) return null;
  let mod: WasmModule | null = null;
  try {
    const api = wasmApi();
    if (api) {
      const bytes = decodeBase64(variant === "relaxed" ? GEMM_WASM_RELAXED_BASE64 : GEMM_WASM_SIMD_BASE64);
      let ok = api.validate(bytes);
      if (!ok && variant === "relaxed" && useFlag) {
        tryEnableRelaxedFlag();
        ok = api.validate(bytes);
      }
      if (ok) mod = new api.Module(bytes);
    }
  } catch {
    mod = null;
  }
  modules[variant] = mod;
  return mod;
}

/** A fresh instance of one variant (own memory), or null if unavailable. For tests/benchmarks. */
export function createWasmGemm(variant: WasmVariant): WasmGemm | null {
  const mod = loadWasmModule(variant);
  const api = wasmApi();
  if (!mod || !api) return null;
  try {
    return new WasmGemm(variant, api, mod);
  } catch {
    return null;
  }
}

/** The shared instance used by `gemm` (relaxed if allowed and available, else plain SIMD). */
export function getWasmGemm(): WasmGemm | null {
  if (shared !== undefined) return shared;
  shared = (relaxedMode !== "off" ? createWasmGemm("relaxed") : null) ?? createWasmGemm("simd");
  return shared;
}

/**
 * Memory above this is not kept between calls: Wasm memory cannot shrink, so after a problem
 * this large the shared instance is dropped (the compiled module stays cached; a new instance
 * with the initial memory, GEMM_WASM_LAYOUT.PAGES pages, is made on the next call).
 */
export const KEEP_BYTES = 64 << 20;

/**
 * gemmStrided's contract (m, n, k ≥ 1) on the shared instance. Returns false, having written
 * nothing, if Wasm SIMD is unavailable or the operands do not fit in Wasm memory.
 */
export function wasmGemmStrided(
  ta: boolean, tb: boolean, m: number, n: number, k: number, alpha: number,
  a: Float64Array, aOff: number, lda: number,
  b: Float64Array, bOff: number, ldb: number,
  c: Float64Array, cOff: number, ldc: number,
  acc: boolean,
): boolean {
  const w = shared === undefined ? getWasmGemm() : shared;
  if (w === null) return false;
  const ok = w.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, acc);
  trimSharedWasmGemm();
  return ok;
}

/**
 * WasmGemm.gemv on the shared instance. Returns false, having written nothing, if Wasm SIMD is
 * unavailable or the operands do not fit in Wasm memory.
 */
export function wasmGemv(t: boolean, m: number, k: number, a: Float64Array, x: Float64Array, y: Float64Array, acc: boolean): boolean {
  const w = shared === undefined ? getWasmGemm() : shared;
  if (w === null) return false;
  const ok = w.gemv(t, m, k, a, x, y, acc);
  trimSharedWasmGemm();
  return ok;
}

/** Drops the shared instance if its memory grew above KEEP_BYTES (after a large product or a resident matrix). */
export function trimSharedWasmGemm(): void {
  if (shared && shared.memoryBytes > KEEP_BYTES) shared = undefined;
}

/** Choose how the relaxed-SIMD variant is used (takes effect for the next shared instance). */
export function setWasmRelaxedMode(mode: WasmRelaxedMode): void {
  if (mode !== relaxedMode) {
    relaxedMode = mode;
    shared = undefined;
  }
}

/** Layout constants the modules were built with (block sizes MC/KC/NC, memory offsets). */
export const WASM_GEMM_LAYOUT = GEMM_WASM_LAYOUT;
