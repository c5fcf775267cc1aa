/**
 * Shared scratch arrays (src/core/scratch.ts): an array given back is handed out again for the same
 * length, never to two takers at once; idle arrays stay within `maxIdleBytes` and are released once
 * none has been taken or given back for `idleMs`; under the tests' poison a reused array starts as NaN, as a
 * fresh `allocOutput` does.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { giveScratch, releaseScratch, scratchIdleBytes, scratchSettings, takeScratch } from "../src/core/scratch";

const defaults = { ...scratchSettings };
afterEach(() => {
  Object.assign(scratchSettings, defaults);
  releaseScratch();
  vi.useRealTimers();
});

describe("scratch arrays", () => {
  it("hands a given-back array out again for its length only, and never to two takers at once", () => {
    releaseScratch();
    const a = takeScratch(5000);
    expect(a.length).toBe(5000);
    giveScratch(a);
    expect(scratchIdleBytes()).toBe(5000 * 8);
    expect(takeScratch(4999)).not.toBe(a);
    const again = takeScratch(5000);
    expect(again).toBe(a);
    expect(scratchIdleBytes()).toBe(0);
    expect(takeScratch(5000)).not.toBe(a); // a is out: a new array
  });

  it("starts a reused array as NaN under the tests' poison, like a fresh allocOutput", () => {
    releaseScratch();
    const a = takeScratch(3000);
    expect(a.every(Number.isNaN)).toBe(true);
    a.fill(7);
    giveScratch(a);
    const b = takeScratch(3000);
    expect(b).toBe(a);
    expect(b.every(Number.isNaN)).toBe(true);
  });

  it("keeps idle arrays up to maxIdleBytes and drops the rest", () => {
    releaseScratch();
    scratchSettings.maxIdleBytes = 3 * 1000 * 8;
    const arrays = [1, 2, 3, 4].map(() => takeScratch(1000));
    arrays.forEach(giveScratch);
    expect(scratchIdleBytes()).toBe(3 * 1000 * 8);
    const back = [1, 2, 3, 4].map(() => takeScratch(1000));
    expect(back.filter((x) => arrays.includes(x)).length).toBe(3);
  });

  it("releases idle arrays once none has been taken or given back for idleMs", () => {
    vi.useFakeTimers();
    releaseScratch();
    scratchSettings.idleMs = 1000;
    const a = takeScratch(2000);
    giveScratch(a);
    vi.advanceTimersByTime(600);
    giveScratch(takeScratch(2000)); // taken again: the idle time starts over
    vi.advanceTimersByTime(600);
    expect(scratchIdleBytes()).toBe(2000 * 8);
    vi.advanceTimersByTime(500);
    expect(scratchIdleBytes()).toBe(0);
    expect(takeScratch(2000)).not.toBe(a);
  });
});
