/** Text rendering of matrices: aligned columns, the shape in the header, large matrices elided. */

const MAX_ROWS = 10;
const MAX_COLS = 10;

function fmtNumber(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e6)) return x.toExponential(4);
  return String(Number(x.toPrecision(6)));
}

/** Indices to show along a dimension of size n: all, or the first and last few with a gap (-1). */
function shown(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const h = Math.floor(max / 2);
  return [...Array.from({ length: h }, (_, i) => i), -1, ...Array.from({ length: h }, (_, i) => n - h + i)];
}

export function formatMatrix(rows: number, cols: number, data: Float64Array): string {
  const header = `Matrix ${rows}×${cols}`;
  if (rows === 0 || cols === 0) return `${header} []`;
  const ri = shown(rows, MAX_ROWS), ci = shown(cols, MAX_COLS);
  const cells = ri.map((i) => ci.map((j) => (i < 0 || j < 0 ? "…" : fmtNumber(data[i * cols + j]))));
  const width = ci.map((_, k) => Math.max(...cells.map((r) => r[k].length)));
  const lines = cells.map((r) => "[" + r.map((s, k) => s.padStart(width[k])).join(", ") + "]");
  if (lines.length === 1) return `${header} [${lines[0]}]`;
  return `${header}\n[${lines.join(",\n ")}]`;
}
