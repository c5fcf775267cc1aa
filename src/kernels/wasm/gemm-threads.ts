/**
 * Two-thread GEMM: the main thread and one worker_threads worker run the same Wasm kernel on a
 * shared WebAssembly.Memory over chunks of C's columns, which each claims from a shared counter
 * (Atomics.add), so a descheduled thread does not hold up the other; each packs its own op(B)
 * columns and op(A) blocks in its own workspace. The call stays synchronous: the main thread
 * posts the job through a control block in the shared memory (Atomics.store + notify), works
 * through chunks itself, then blocks in Atomics.wait until the worker reports done.
 *
 * Node only (worker_threads via process.getBuiltinModule). The worker is unref'd, so it never
 * keeps the process alive. The first call that wants two threads starts the worker and returns
 * false (one thread this time); later calls use it once it is up (~40 ms). Anything unexpected (no worker_threads, no shared memory, the worker
 * fails to start within READY_TIMEOUT_MS, a trap in the worker) disables this path for the rest
 * of the process and callers fall back to the one-thread kernel.
 */
import {
  GEMM_WASM_LAYOUT,
  GEMM_WASM_RELAXED_SHARED_BASE64,
  GEMM_WASM_SIMD_SHARED_BASE64,
} from "./gemm-wasm.generated";
import { growMemory, type WasmVariant } from "./gemm-wasm";

interface SharedMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}
interface WasmApiShared {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
  Memory: new (desc: { initial: number; maximum: number; shared: boolean }) => SharedMemory;
  validate(bytes: Uint8Array): boolean;
}
interface WorkerLike {
  unref(): void;
  on(event: string, fn: (...args: unknown[]) => void): void;
  terminate(): unknown;
}
type WorkerCtor = new (src: string, opts: { eval: true; workerData: unknown }) => WorkerLike;
type GemmExport = (
  ws: number, ta: number, tb: number, m: number, n: number, k: number, alpha: number,
  a: number, lda: number, b: number, ldb: number, c: number, ldc: number, acc: number,
) => void;

const PAGE = 65536;
const MAX_PAGES = 32768; // matches MAX_SHARED_PAGES in scripts/build-wasm.mjs
const READY_TIMEOUT_MS = 5000;
/** Control block (Int32 words at byte 0): */
const SEQ = 0; // job number posted by the main thread
const DONE = 1; // job number the worker finished
const READY = 2; // 1 once the worker is instantiated, -1 if it failed
const NEXT = 4; // next unclaimed column of C (both threads claim chunks with Atomics.add)
const CHUNK = 5; // columns per chunk
const ERR = 6; // nonzero if the worker's last job threw
const PARAMS = 8; // 12 words: ta tb m n k a lda b ldb c ldc acc
const ALPHA_BYTE = 128; // f64
/**
 * Minimum columns of C per claimed chunk (for wide C). Work is shared dynamically, not split in halves, so a thread
 * that the OS deschedules (the machine may be busy) does not hold up the call: the other one
 * takes the remaining chunks.
 */
const CHUNK_COLS = 64;
/** One workspace: packed A and B blocks plus the edge tile, rounded up to whole pages. */
const WS_BYTES = Math.ceil((GEMM_WASM_LAYOUT.TILE + 128) / PAGE) * PAGE;
const WS_MAIN = PAGE;
const WS_WORKER = WS_MAIN + WS_BYTES;
const DATA = WS_WORKER + WS_BYTES;
/** Larger problems go to the one-thread path (whose instance is dropped after them): shared
 * memory never shrinks, and this one lives as long as the process. */
const MAX_BYTES = 256 << 20;

/** Source of the worker (CommonJS, run with eval). */
const WORKER_SRC = `
const { workerData } = require("node:worker_threads");
const { memory, bytes, ws } = workerData;
const ctrl = new Int32Array(memory.buffer, 0, 32);
const alpha = new Float64Array(memory.buffer, ${ALPHA_BYTE}, 1);
let gemm;
try {
  gemm = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports.gemm;
} catch (e) {
  Atomics.store(ctrl, ${READY}, -1);
  Atomics.notify(ctrl, ${READY});
  throw e;
}
Atomics.store(ctrl, ${READY}, 1);
Atomics.notify(ctrl, ${READY});
// jobs are numbered from 1 and SEQ starts at 0; do not read SEQ here: the main thread may have
// posted job 1 already, right after READY was set.
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, ${SEQ}, seen);
  const seq = Atomics.load(ctrl, ${SEQ});
  if (seq === seen) continue;
  seen = seq;
  const p = ${PARAMS};
  try {
    const tb = ctrl[p + 1], n = ctrl[p + 3], ldb = ctrl[p + 8], ch = ctrl[${CHUNK}];
    for (;;) {
      const j = Atomics.add(ctrl, ${NEXT}, ch);
      if (j >= n) break;
      gemm(ws, ctrl[p], tb, ctrl[p + 2], Math.min(ch, n - j), ctrl[p + 4], alpha[0],
           ctrl[p + 5], ctrl[p + 6], ctrl[p + 7] + (tb ? j * ldb : j) * 8, ldb,
           ctrl[p + 9] + j * 8, ctrl[p + 10], ctrl[p + 11]);
    }
    Atomics.store(ctrl, ${ERR}, 0);
  } catch (e) {
    Atomics.store(ctrl, ${ERR}, 1);
  }
  Atomics.store(ctrl, ${DONE}, seq);
  Atomics.notify(ctrl, ${DONE});
}
`;

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

class ThreadedGemm {
  private readonly memory: SharedMemory;
  private readonly run: GemmExport;
  private readonly ctrl: Int32Array;
  private readonly alpha: Float64Array;
  private readonly worker: WorkerLike;
  private f64: Float64Array;
  private seq = 0;
  private ready = false;
  private readonly created = Date.now();
  broken = false;

  constructor(api: WasmApiShared, Worker: WorkerCtor, bytes: Uint8Array) {
    this.memory = new api.Memory({ initial: DATA / PAGE + 1, maximum: MAX_PAGES, shared: true });
    const inst = new api.Instance(new api.Module(bytes), { env: { memory: this.memory } });
    this.run = (inst.exports as { gemm: GemmExport }).gemm;
    this.ctrl = new Int32Array(this.memory.buffer, 0, 32);
    this.alpha = new Float64Array(this.memory.buffer, ALPHA_BYTE, 1);
    this.f64 = new Float64Array(this.memory.buffer);
    this.worker = new Worker(WORKER_SRC, { eval: true, workerData: { memory: this.memory, bytes, ws: WS_WORKER } });
    this.worker.unref();
    this.worker.on("error", () => {
      this.broken = true;
    });
    this.worker.on("exit", () => {
      this.broken = true;
    });
  }

  /** Is the worker up? Waits at most timeoutMs (0: just look). Marks the path broken if the
   * worker failed to start. */
  waitReady(timeoutMs: number): boolean {
    if (this.ready) return true;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = Atomics.load(this.ctrl, READY);
      if (r === 1) return (this.ready = true);
      if (r === -1) {
        this.broken = true;
        return false;
      }
      const left = deadline - Date.now();
      if (left <= 0) return false;
      Atomics.wait(this.ctrl, READY, 0, left);
    }
  }

  private ensure(bytes: number): boolean {
    if (!growMemory(this.memory, bytes, MAX_BYTES)) return false;
    if (this.f64.length * 8 !== this.memory.buffer.byteLength) this.f64 = new Float64Array(this.memory.buffer);
    return true;
  }

  /** Contiguous gemm (lda = op-independent storage widths as in `gemm`); false = not done. */
  gemm(ta: boolean, tb: boolean, m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array, acc: boolean): boolean {
    // Never wait for the worker to boot: until it is up, callers use one thread.
    if (this.broken || !this.waitReady(0)) {
      if (!this.ready && Date.now() - this.created > READY_TIMEOUT_MS) this.broken = true;
      return false;
    }
    const aLen = m * k, bLen = k * n, cLen = m * n;
    const aIdx = DATA >>> 3, bIdx = aIdx + aLen, cIdx = bIdx + bLen;
    if (!this.ensure((cIdx + cLen) * 8)) return false;
    const mem = this.f64;
    mem.set(a.subarray(0, aLen), aIdx);
    mem.set(b.subarray(0, bLen), bIdx);
    if (acc) mem.set(c.subarray(0, cLen), cIdx);
    const lda = ta ? m : k, ldb = tb ? k : n;
    const aB = aIdx * 8, bB = bIdx * 8, cB = cIdx * 8;
    const p = this.ctrl;
    p[PARAMS] = ta ? 1 : 0;
    p[PARAMS + 1] = tb ? 1 : 0;
    p[PARAMS + 2] = m;
    p[PARAMS + 3] = n;
    p[PARAMS + 4] = k;
    p[PARAMS + 5] = aB;
    p[PARAMS + 6] = lda;
    p[PARAMS + 7] = bB;
    p[PARAMS + 8] = ldb;
    p[PARAMS + 9] = cB;
    p[PARAMS + 10] = n;
    p[PARAMS + 11] = acc ? 1 : 0;
    this.alpha[0] = 1;
    // about n/6 columns per chunk (a multiple of 4), at least CHUNK_COLS when C is wide enough
    // (each chunk re-packs op(A): ~6%/ch of the work) and at most 4·CHUNK_COLS
    const ch = Math.min(4 * CHUNK_COLS, Math.max(n >= 4 * CHUNK_COLS ? CHUNK_COLS : 4, ((Math.ceil(n / 6) + 3) & ~3)));
    p[CHUNK] = ch;
    Atomics.store(p, NEXT, 0);
    const seq = (this.seq = (this.seq + 1) | 0 || 1);
    Atomics.store(p, SEQ, seq);
    Atomics.notify(p, SEQ);
    const tai = ta ? 1 : 0, tbi = tb ? 1 : 0, acci = acc ? 1 : 0;
    for (;;) {
      const j = Atomics.add(p, NEXT, ch);
      if (j >= n) break;
      this.run(WS_MAIN, tai, tbi, m, Math.min(ch, n - j), k, 1, aB, lda, bB + (tb ? j * ldb : j) * 8, ldb, cB + j * 8, n, acci);
    }
    // Wait for the worker in 1 ms slices, nudging it again after each: a wake-up can be lost (seen
    // on Node 20 once the shared memory has grown: a wait outlived the worker's notify by seconds),
    // and an unbounded wait would then hang the process. When wake-ups arrive this costs nothing.
    while (Atomics.load(p, DONE) !== seq) {
      if (Atomics.wait(p, DONE, Atomics.load(p, DONE), 1) === "timed-out") Atomics.notify(p, SEQ);
    }
    if (Atomics.load(p, ERR) !== 0) {
      this.broken = true;
      return false;
    }
    c.set(mem.subarray(cIdx, cIdx + cLen));
    return true;
  }

  close(): void {
    this.broken = true;
    void this.worker.terminate();
  }
}

let threaded: ThreadedGemm | null | undefined;
let threadedVariant: WasmVariant | undefined;

/**
 * Run a contiguous gemm (as `gemm` in ../gemm.ts, m, n, k ≥ 1) on two threads with the given
 * kernel variant. Returns false, having written nothing, when the two-thread path is unavailable.
 */
export function threadedGemm(
  variant: WasmVariant, ta: boolean, tb: boolean, m: number, n: number, k: number,
  a: Float64Array, b: Float64Array, c: Float64Array, acc: boolean,
): boolean {
  if (threaded === undefined || (threaded !== null && threadedVariant !== variant)) {
    threaded?.close();
    threaded = create(variant);
    threadedVariant = variant;
  }
  if (threaded === null || threaded.broken) return false;
  return threaded.gemm(ta, tb, m, n, k, a, b, c, acc);
}

function create(variant: WasmVariant): ThreadedGemm | null {
  try {
    const api = (globalThis as { WebAssembly?: WasmApiShared }).WebAssembly;
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const wt = proc?.getBuiltinModule?.("node:worker_threads") as { Worker?: WorkerCtor; isMainThread?: boolean } | undefined;
    if (!api || typeof api.Memory !== "function" || !wt?.Worker || typeof Atomics === "undefined") return null;
    const os = proc?.getBuiltinModule?.("node:os") as { availableParallelism?: () => number } | undefined;
    if ((os?.availableParallelism?.() ?? 2) < 2) return null; // one CPU: a second thread cannot help
    // Atomics.wait is not allowed on every main thread (e.g. browsers); Node allows it.
    const bytes = decodeBase64(variant === "relaxed" ? GEMM_WASM_RELAXED_SHARED_BASE64 : GEMM_WASM_SIMD_SHARED_BASE64);
    if (!api.validate(bytes)) return null;
    return new ThreadedGemm(api, wt.Worker, bytes);
  } catch {
    return null;
  }
}

/**
 * Start the two-thread path for `variant` if not started and wait up to timeoutMs for the worker;
 * true if it is ready. (The first large gemm starts it without waiting; this is for tests and
 * benchmarks.)
 */
export function threadedGemmReady(variant: WasmVariant, timeoutMs = READY_TIMEOUT_MS): boolean {
  if (threaded === undefined || (threaded !== null && threadedVariant !== variant)) {
    threaded?.close();
    threaded = create(variant);
    threadedVariant = variant;
  }
  return threaded !== null && !threaded.broken && threaded.waitReady(timeoutMs);
}

/** Stop the worker (tests; the worker never keeps the process alive anyway). */
export function closeThreadedGemm(): void {
  threaded?.close();
  threaded = undefined;
}
