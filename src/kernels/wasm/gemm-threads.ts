/**
 * Two-thread GEMM: the main thread and one worker_threads worker run the same Wasm module on a
 * shared WebAssembly.Memory. The call stays synchronous: the main thread posts the job through a
 * control block in the shared memory (Atomics.store + notify) before copying the operands in, so
 * the worker wakes while it copies. Then, in two phases, each thread claims pieces from shared
 * counters (Atomics.add, compareExchange), so a descheduled or late thread does not hold up the
 * other (the main thread alone finishes the job if the worker does not wake in time):
 *   1. pack op(B) once, whole, into a buffer both read (column ranges);
 *   2. compute row blocks of C from it, each packing only its own rows of op(A) (blocks shrink
 *      towards the end, so that both threads finish at about the same time); between its own
 *      blocks, the main thread copies the finished ones out to the caller's C.
 * Phase 2 starts when every piece of phase 1 is done. Each piece of op(A) and op(B) is packed
 * exactly once (splitting C by columns instead re-packed all of op(A) per chunk, ~15% of the time
 * at 512³). Same blocking and summation order as the one-thread kernel: identical results.
 *
 * Node only, 20.16 and later (worker_threads via process.getBuiltinModule). The worker is unref'd,
 * so it never keeps the process alive. The first call that wants two threads starts the worker
 * and returns false (one thread this time); later calls use it once it is up (~40 ms). Anything
 * unexpected (no worker_threads, no shared memory, the worker fails to start within
 * READY_TIMEOUT_MS, a trap in either thread) disables this path for the rest of the process and
 * callers fall back to the one-thread kernel.
 */
import {
  GEMM_WASM_LAYOUT,
  GEMM_WASM_RELAXED_SHARED_BASE64,
  GEMM_WASM_SIMD_SHARED_BASE64,
} from "./gemm-wasm.generated";
import { IdleRelease } from "../../core/idle-release";
import { KEEP_BYTES, growMemory, type WasmVariant } from "./gemm-wasm";

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
interface SharedExports {
  packBCols(pb: number, tb: number, b: number, ldb: number, k: number, np: number, j0: number, nc: number): void;
  gemmRows(
    ws: number, ta: number, alpha: number, a: number, lda: number, pb: number, np: number,
    i0: number, mc: number, n: number, k: number, c: number, ldc: number, acc: number,
  ): void;
}

const PAGE = 65536;
const MAX_PAGES = 32768; // matches MAX_SHARED_PAGES in scripts/build-wasm.mjs
const READY_TIMEOUT_MS = 5000;
/** Control block (Int32 words at byte 0). Flags hold the number of the job they were set for. */
const SEQ = 0; // job number posted by the main thread (1 … 2^29 − 1)
const DONE = 1; // job number the worker finished
const READY = 2; // 1 once the worker is instantiated, -1 if it failed
const ERR = 3; // nonzero if the worker's last job threw
const B_IN = 4; // op(B)'s storage is copied in
const A_IN = 5; // op(A)'s storage (and C's, when accumulating) is copied in
const ABORT = 6; // the main thread gave up on this job (it threw)
const PACK_NEXT = 7; // next unclaimed piece of op(B) to pack
const PACK_DONE = 8; // pieces packed
const ROW_NEXT = 9; // first unclaimed row of C
/**
 * seq: job open; seq + JOINED: the worker took part (the main thread waits for DONE); -seq: the
 * main thread finished alone and closed it (a worker that wakes late skips it). Both threads move
 * it from seq with compareExchange, so exactly one of the two happens.
 */
const JOIN = 10;
const JOINED = 1 << 29;
const PARAMS = 11; // 17 words: ta tb m n k a lda b ldb c acc np pb packCols packPieces minRows marks
/** Pieces of op(B) to pack per thread, about: small enough to balance a late or slow thread. */
const PIECES = 8;
/** Rows of C claimed at a time: at least ROWS_MIN (the kernel is as fast on 8-row blocks as on
 * 128 at 512³), at most MC (the packed A block's height). */
const ROWS_MIN = 8;
const MC = GEMM_WASM_LAYOUT.MC;
/**
 * A thread waiting for the other (or the worker for the next job) spins this long before sleeping
 * in 1 ms slices: the other normally gets there within a fraction of a millisecond, while a notify
 * takes 0.1–1 ms to wake a sleeping thread on a VM (or is lost: see the DONE wait). Kept short:
 * when the machine is busy, a spinning thread takes the CPU from the one it waits for (2 ms of
 * spinning cost 11% at 512³ then and gained nothing measurable otherwise).
 */
const SPIN_MS = 0.2;
/** One workspace: packed A and B blocks plus the edge tile, rounded up to whole pages. */
const WS_BYTES = Math.ceil((GEMM_WASM_LAYOUT.TILE + 128) / PAGE) * PAGE;
const WS_MAIN = PAGE;
const WS_WORKER = WS_MAIN + WS_BYTES;
const DATA = WS_WORKER + WS_BYTES;
/** Larger problems go to the one-thread path (whose instance is dropped after them): shared
 * memory never shrinks, and this one is kept until the path has been idle a while (see
 * `threadedMemory`). */
const MAX_BYTES = 256 << 20;

/** Source of the worker (CommonJS, run with eval); its job mirrors ThreadedGemm.gemm's. */
const WORKER_SRC = `
const { workerData } = require("node:worker_threads");
const { memory, bytes, ws } = workerData;
const ctrl = new Int32Array(memory.buffer, 0, 32);
let ex;
try {
  ex = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
} catch (e) {
  Atomics.store(ctrl, ${READY}, -1);
  Atomics.notify(ctrl, ${READY});
  throw e;
}
const { packBCols, gemmRows } = ex;
Atomics.store(ctrl, ${READY}, 1);
Atomics.notify(ctrl, ${READY});
// As ThreadedGemm.until; throws if the main thread gave up on job seq.
function until(i, v, seq) {
  let deadline = 0;
  for (let spin = 1; ; spin++) {
    const x = Atomics.load(ctrl, i);
    if (x === v) return;
    if (Atomics.load(ctrl, ${ABORT}) === seq) throw new Error("aborted");
    if ((spin & 1023) === 0) {
      const t = performance.now();
      if (deadline === 0) deadline = t + ${SPIN_MS};
      else if (t > deadline) Atomics.wait(ctrl, i, x, 1);
    }
  }
}
// jobs are numbered from 1 and SEQ starts at 0; do not read SEQ here: the main thread may have
// posted job 1 already, right after READY was set.
let seen = 0;
for (;;) {
  // back-to-back calls: look for the next job for a while before sleeping (waking takes 0.1–1 ms)
  for (let spin = 1, deadline = 0; Atomics.load(ctrl, ${SEQ}) === seen; spin++) {
    if ((spin & 1023) !== 0) continue;
    const t = performance.now();
    if (deadline === 0) deadline = t + ${SPIN_MS};
    else if (t > deadline) break;
  }
  Atomics.wait(ctrl, ${SEQ}, seen);
  const seq = Atomics.load(ctrl, ${SEQ});
  if (seq === seen) continue;
  seen = seq;
  if (Atomics.compareExchange(ctrl, ${JOIN}, seq, seq + ${JOINED}) !== seq) continue; // closed (or a newer job)
  const p = ${PARAMS};
  try {
    const ta = ctrl[p], tb = ctrl[p + 1], m = ctrl[p + 2], n = ctrl[p + 3], k = ctrl[p + 4];
    const a = ctrl[p + 5], lda = ctrl[p + 6], b = ctrl[p + 7], ldb = ctrl[p + 8], c = ctrl[p + 9];
    const acc = ctrl[p + 10], np = ctrl[p + 11], pb = ctrl[p + 12], cols = ctrl[p + 13], pieces = ctrl[p + 14], rows = ctrl[p + 15];
    const marks = new Int32Array(memory.buffer, ctrl[p + 16], (m + 3) >> 2);
    until(${B_IN}, seq, seq);
    for (let q; (q = Atomics.add(ctrl, ${PACK_NEXT}, 1)) < pieces; ) {
      packBCols(pb, tb, b, ldb, k, np, q * cols, Math.min(cols, n - q * cols));
      if (Atomics.add(ctrl, ${PACK_DONE}, 1) === pieces - 1) Atomics.notify(ctrl, ${PACK_DONE});
    }
    until(${PACK_DONE}, pieces, seq);
    until(${A_IN}, seq, seq);
    for (let i = Atomics.load(ctrl, ${ROW_NEXT}); i < m; ) {
      const mc = Math.min(m - i, ${MC}, Math.max(rows, (Math.ceil((m - i) / 4) + 3) & ~3));
      const got = Atomics.compareExchange(ctrl, ${ROW_NEXT}, i, i + mc);
      if (got !== i) {
        i = got;
        continue;
      }
      gemmRows(ws, ta, 1, a, lda, pb, np, i, mc, n, k, c, n, acc);
      Atomics.store(marks, i >> 2, i + mc);
      i = Atomics.load(ctrl, ${ROW_NEXT});
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
  private readonly ex: SharedExports;
  private readonly ctrl: Int32Array;
  private readonly worker: WorkerLike;
  private f64: Float64Array;
  private seq = 0;
  private ready = false;
  private readonly created = Date.now();
  broken = false;

  constructor(api: WasmApiShared, Worker: WorkerCtor, bytes: Uint8Array) {
    this.memory = new api.Memory({ initial: DATA / PAGE + 1, maximum: MAX_PAGES, shared: true });
    const inst = new api.Instance(new api.Module(bytes), { env: { memory: this.memory } });
    this.ex = inst.exports as SharedExports;
    this.ctrl = new Int32Array(this.memory.buffer, 0, 32);
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
    const np = (n + 3) & ~3, kp = (k + 3) & ~3;
    // element offsets of A, B, C and packed op(B), each 64-byte aligned
    const up = (x: number) => (x + 7) & ~7;
    const aIdx = DATA >>> 3, bIdx = up(aIdx + m * k), cIdx = up(bIdx + k * n), pIdx = up(cIdx + m * n);
    // then one Int32 per 4 rows of C: the end of the row block that starts there, once computed
    const marksB = (pIdx + kp * np) * 8;
    if (!this.ensure(marksB + m + 4)) return false;
    const marks = new Int32Array(this.memory.buffer, marksB, (m + 3) >> 2);
    marks.fill(0);
    const cols = Math.max(4, (Math.ceil(n / (2 * PIECES)) + 3) & ~3);
    const pieces = Math.ceil(n / cols);
    const rows = ROWS_MIN;
    const lda = ta ? m : k, ldb = tb ? k : n;
    const tai = ta ? 1 : 0, tbi = tb ? 1 : 0, acci = acc ? 1 : 0;
    const aB = aIdx * 8, bB = bIdx * 8, cB = cIdx * 8, pB = pIdx * 8;
    const p = this.ctrl;
    p.set([tai, tbi, m, n, k, aB, lda, bB, ldb, cB, acci, np, pB, cols, pieces, rows, marksB], PARAMS);
    p[PACK_NEXT] = 0;
    p[PACK_DONE] = 0;
    p[ROW_NEXT] = 0;
    const seq = (this.seq = (this.seq + 1) % JOINED || 1);
    Atomics.store(p, JOIN, seq);
    // wake the worker first, so that it wakes while the operands are copied in
    Atomics.store(p, SEQ, seq);
    Atomics.notify(p, SEQ);
    const mem = this.f64;
    const ex = this.ex;
    let out = 0; // rows of C copied out
    try {
      mem.set(b.subarray(0, k * n), bIdx);
      Atomics.store(p, B_IN, seq);
      Atomics.notify(p, B_IN);
      mem.set(a.subarray(0, m * k), aIdx);
      if (acc) mem.set(c.subarray(0, m * n), cIdx);
      Atomics.store(p, A_IN, seq);
      Atomics.notify(p, A_IN);
      for (let q; (q = Atomics.add(p, PACK_NEXT, 1)) < pieces; ) {
        ex.packBCols(pB, tbi, bB, ldb, k, np, q * cols, Math.min(cols, n - q * cols));
        if (Atomics.add(p, PACK_DONE, 1) === pieces - 1) Atomics.notify(p, PACK_DONE);
      }
      this.until(PACK_DONE, pieces, seq);
      // guided: a quarter of the rows left (so about an eighth for each thread), at least `rows`
      // and at most MC; the last blocks are small, so the two threads finish close together
      for (let i = Atomics.load(p, ROW_NEXT); i < m; ) {
        const mc = Math.min(m - i, MC, Math.max(rows, (Math.ceil((m - i) / 4) + 3) & ~3));
        const got = Atomics.compareExchange(p, ROW_NEXT, i, i + mc);
        if (got !== i) {
          i = got;
          continue;
        }
        ex.gemmRows(WS_MAIN, tai, 1, aB, lda, pB, np, i, mc, n, k, cB, n, acci);
        Atomics.store(marks, i >> 2, i + mc);
        // copy out the rows finished so far, so that less copying is left once both are done
        // (the worker takes more rows meanwhile). Not when accumulating: if the job then failed,
        // the one-thread fallback would add to rows that already hold the result.
        if (!acc) out = this.copyOut(marks, out, m, n, cIdx, c);
        i = Atomics.load(p, ROW_NEXT);
      }
    } catch {
      // the worker stops at its next wait; do not return while it may still write
      Atomics.store(p, ABORT, seq);
      this.broken = true;
    }
    // If the worker has not joined yet, close the job (it skips it) and do not wait for it.
    if (Atomics.compareExchange(p, JOIN, seq, -seq) !== seq) {
      // Wait for the worker in 1 ms slices, nudging it again after each: a wake-up can be lost
      // (seen on Node 20 once the shared memory has grown: a wait outlived the worker's notify by
      // seconds), and an unbounded wait would then hang the process.
      while (Atomics.load(p, DONE) !== seq) {
        if (Atomics.wait(p, DONE, Atomics.load(p, DONE), 1) === "timed-out") Atomics.notify(p, SEQ);
      }
      if (Atomics.load(p, ERR) !== 0) this.broken = true;
    }
    if (this.broken) return false;
    c.set(mem.subarray(cIdx + out * n, cIdx + m * n), out * n);
    return true;
  }

  /** Copy to c the finished row blocks of C from row `from` on, up to the first unfinished one;
   * returns the row reached. */
  private copyOut(marks: Int32Array, from: number, m: number, n: number, cIdx: number, c: Float64Array): number {
    let to = from;
    for (let end; to < m && (end = Atomics.load(marks, to >> 2)) !== 0; ) to = end;
    if (to > from) c.set(this.f64.subarray(cIdx + from * n, cIdx + to * n), from * n);
    return to;
  }

  /** Wait until control word i is v: spin for SPIN_MS, then sleep in 1 ms slices. Throws if the
   * worker finished job seq with an error (its pieces will then never be done). */
  private until(i: number, v: number, seq: number): void {
    const p = this.ctrl;
    let deadline = 0;
    for (let spin = 1; ; spin++) {
      const x = Atomics.load(p, i);
      if (x === v) return;
      if (Atomics.load(p, DONE) === seq && Atomics.load(p, ERR) !== 0) throw new Error("worker failed");
      if ((spin & 1023) === 0) {
        const t = performance.now();
        if (deadline === 0) deadline = t + SPIN_MS;
        else if (t > deadline) Atomics.wait(p, i, x, 1);
      }
    }
  }

  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
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
 * kernel variant. Returns false when the two-thread path is unavailable; c is then unchanged,
 * except that when not accumulating, a job that failed part-way may have written some rows of
 * the product (the caller's one-thread fallback overwrites them).
 */
export function threadedGemm(
  variant: WasmVariant, ta: boolean, tb: boolean, m: number, n: number, k: number,
  a: Float64Array, b: Float64Array, c: Float64Array, acc: boolean,
): boolean {
  const path = threadedFor(variant);
  if (path === null || path.broken) return false;
  const done = path.gemm(ta, tb, m, n, k, a, b, c, acc);
  if (path.memoryBytes > threadedMemory.keepBytes) releaser.touch();
  return done;
}

/**
 * The shared memory grows to fit the largest product so far and cannot shrink. Above `keepBytes`
 * (the one-thread path's KEEP_BYTES; a 1,400² product needs about that much), the two-thread path — worker and memory — is released
 * once no product has used it for `idleMs`; the next large product starts it again (that one runs
 * on one thread while the new worker starts, ~40 ms). So a one-off 2,000² product does not keep
 * 128 MB for the life of the process, and a loop of them does not restart the worker.
 */
export const threadedMemory = { keepBytes: KEEP_BYTES, idleMs: 2000 };
const releaser = new IdleRelease(
  () => threadedMemory.idleMs,
  () => {
    if (threaded && threaded.memoryBytes > threadedMemory.keepBytes) closeThreadedGemm();
  },
);

/** The two-thread path's state, without starting it. */
export function threadedGemmState(): "ready" | "starting" | "not started" | "unavailable" {
  if (threaded === undefined) return "not started";
  if (threaded === null || threaded.broken) return "unavailable";
  return threaded.waitReady(0) ? "ready" : "starting";
}

/** Bytes of shared memory the two-thread path holds now (0 when it is not started). */
export function threadedGemmMemoryBytes(): number {
  return threaded ? threaded.memoryBytes : 0;
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
  const path = threadedFor(variant);
  return path !== null && !path.broken && path.waitReady(timeoutMs);
}

/** The two-thread path for `variant`, created (the worker started) if not yet, or if another variant ran; null if unavailable. */
function threadedFor(variant: WasmVariant): ThreadedGemm | null {
  if (threaded === undefined || (threaded !== null && threadedVariant !== variant)) {
    threaded?.close();
    threaded = create(variant);
    threadedVariant = variant;
  }
  return threaded;
}

/** Stop the worker (tests; the worker never keeps the process alive anyway). */
export function closeThreadedGemm(): void {
  threaded?.close();
  threaded = undefined;
}
