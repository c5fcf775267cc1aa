/**
 * Plain records built from keys and values, for the parameter and gradient records of the
 * differentiation API and the results `jit` rebuilds. A loop, since this runs on every call of a
 * training loop; an own "__proto__" key (as `JSON.parse` makes) stays a key instead of setting the
 * record's prototype.
 */
export function recordOf<T>(keys: readonly string[], vals: readonly T[]): Record<string, T> {
  const r: Record<string, T> = {};
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] === "__proto__") Object.defineProperty(r, keys[i], { value: vals[i], enumerable: true, writable: true, configurable: true });
    else r[keys[i]] = vals[i];
  }
  return r;
}
