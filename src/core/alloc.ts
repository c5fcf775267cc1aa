/**
 * Storage for results: `alloc` (zeroed) and `allocOutput` (for kernels that write every entry).
 * V8 keeps typed arrays of at most 64 bytes on its heap and gives larger ones
 * an ArrayBuffer of their own, which costs about half a microsecond each, more than a whole 4×4
 * product (and ~2 µs on a busy host, whatever the size up to 8 KiB). Small results are therefore
 * carved out of shared 64 KiB slabs (like Node's Buffer pool): a view costs a few tens of
 * nanoseconds. Slab memory is never handed out twice, so every `alloc` result starts zeroed
 * (`allocOutput` has slabs of its own, not zeroed); a slab is freed when the last matrix viewing it
 * is, so a matrix kept alive keeps at most one 64 KiB slab alive. Consequence: the `.buffer` of a
 * small matrix's `data` is the slab, so use `data` itself (with its `byteOffset`), never `.buffer`.
 * Measured for 16 entries on Node 20: `new Float64Array(slab, offset, n)` ≈ 35 ns, `subarray` of a
 * slab-sized Float64Array ≈ 45–50 ns (so not that), and slabs of 16 KiB to 1 MiB are no faster
 * (1 MiB slabs slowed a 4×4 training step by ~15%: each is fresh memory). Taking arrays up to 1,024
 * entries from slabs (up to 256 before) made the eager 24×24 and 32×32 training steps 9–17% faster
 * (same process, alternating), and changes nothing below; up to 4,096 entries (1,024 before), the
 * eager steps with A 24×24, X 24×48 and A 32×32, X 32×64 ×1.15–1.24 and ×1.06–1.13 (their
 * 1,152- and 2,048-entry arrays each cost a malloc, a free and V8's sweeping of the buffer), the
 * others within the noise (2026-12-07). A slab holds two such arrays or more.
 */

const SLAB_BYTES = 1 << 16;
/** Arrays up to this many entries (32 KiB, a 64×64 matrix: two to a slab) come from a slab. */
export const MAX_SLAB_ENTRIES = 4096;
/** Arrays of up to 8 entries fit V8's on-heap typed arrays, which are fast already. */
const MAX_ON_HEAP_ENTRIES = 8;

/** Hands out arrays carved from slabs that `make` provides, a new slab when the current one is full. */
class Slabs {
  private slab: ArrayBufferLike | null = null;
  private offset = SLAB_BYTES;

  constructor(private readonly make: (bytes: number) => ArrayBufferLike) {}

  take(n: number): Float64Array {
    const bytes = n * 8;
    if (this.offset + bytes > SLAB_BYTES) {
      this.slab = this.make(SLAB_BYTES);
      this.offset = 0;
    }
    const out = new Float64Array(this.slab!, this.offset, n);
    this.offset += bytes;
    return out;
  }
}

const zeroedSlabs = new Slabs((bytes) => new ArrayBuffer(bytes));

/** A zeroed Float64Array of length n. */
export function alloc(n: number): Float64Array {
  if (n <= MAX_ON_HEAP_ENTRIES || n > MAX_SLAB_ENTRIES) return new Float64Array(n);
  return zeroedSlabs.take(n);
}

/**
 * Large results whose every entry their kernel writes are not zeroed first where the runtime can
 * skip that (Node's `Buffer.allocUnsafeSlow`: an ArrayBuffer of exactly that size, its bytes left
 * as they are). Zeroing is a pass over memory that is not in cache yet, ~7% of an eager 128×128
 * training step. Skipping it made the eager step 5% faster at 64×64 and 128×128 and 8% at 32×32
 * (same process, alternating; 2026-12-07). A kernel that missed an entry would leave stale bytes
 * there instead of a 0: the tests run with `allocSettings.poison` (test/setup.ts), so that such an
 * entry is NaN and fails them.
 */
const uninitialized = (() => {
  const B = (globalThis as { Buffer?: { allocUnsafeSlow?: (bytes: number) => Uint8Array } }).Buffer;
  const make = B?.allocUnsafeSlow;
  return typeof make === "function" ? (bytes: number): ArrayBufferLike => make.call(B, bytes).buffer : null;
})();

/** For tests: `poison` fills every `allocOutput` array with NaN, so that an entry a kernel leaves unwritten shows. */
export const allocSettings = { poison: false };

/**
 * Slabs for `allocOutput`, not zeroed: a fresh 64 KiB ArrayBuffer costs 9–12 µs zeroed on this VM
 * and 1.5–5 µs not (2026-12-07), and one slab holds 32 results of 16×16. A matrix kept alive keeps
 * at most one slab of each kind alive. Against results from `alloc`'s slabs (old and new builds
 * alternating in one process): `add` and `relu` ×1.07–1.24 at 4×4, 16×16 and 32×32, `matmul`
 * ×1.0–1.26. As in Node's own Buffer pool, the part of a slab not handed out yet holds whatever
 * the process's allocator left there; only a result's `.buffer` reaches it.
 */
const outputSlabs = uninitialized === null ? null : new Slabs(uninitialized);

/**
 * Storage for a kernel's result of n entries that the kernel overwrites entirely before anything
 * reads it: only then may its previous contents be anything. It is not zeroed where the runtime
 * can skip that (see `uninitialized`): arrays above the slab sizes have a buffer of their own,
 * smaller ones come from slabs of their own, the smallest from V8's heap like `alloc`'s.
 */
export function allocOutput(n: number): Float64Array {
  if (allocSettings.poison) return alloc(n).fill(NaN);
  if (uninitialized === null || outputSlabs === null || n <= MAX_ON_HEAP_ENTRIES) return alloc(n);
  if (n > MAX_SLAB_ENTRIES) return new Float64Array(uninitialized(n * 8), 0, n);
  return outputSlabs.take(n);
}

/** A copy of `x` in fresh storage. */
export function copyOf(x: Float64Array): Float64Array {
  const out = allocOutput(x.length);
  out.set(x);
  return out;
}

/** A 1-entry array holding x (about a third cheaper than `Float64Array.of(x)` on Node 20). */
export function scalarData(x: number): Float64Array {
  const out = new Float64Array(1);
  out[0] = x;
  return out;
}
