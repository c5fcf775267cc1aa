/**
 * Frees something once it has gone unused for a while: `touch()` marks a use (and arms the timer if
 * it is not armed); when the timer fires, `release` runs if the last use is at least `idleMs()` old,
 * else the timer is armed again for the time left. One timer at most, unref'd where the runtime has
 * that (Node), so it never keeps the process alive. Used by the two-thread GEMM's grown memory and
 * worker (src/kernels/wasm/gemm-threads.ts) and by the shared scratch arrays (./scratch.ts).
 */
export class IdleRelease {
  private lastUse = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly idleMs: () => number,
    private readonly release: () => void,
  ) {}

  touch(): void {
    this.lastUse = Date.now();
    if (this.timer === undefined) this.arm(this.idleMs());
  }

  /** Disarms the timer (the next `touch` arms it again). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.fire(), ms);
    (this.timer as { unref?: () => void }).unref?.();
  }

  private fire(): void {
    this.timer = undefined;
    const idle = Date.now() - this.lastUse;
    if (idle >= this.idleMs()) this.release();
    else this.arm(this.idleMs() - idle);
  }
}
