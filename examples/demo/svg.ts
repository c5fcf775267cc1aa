/**
 * A small hand-written SVG line/scatter plotter (no dependencies): axes with "nice" ticks, a light
 * grid, linear or log-scale y, clipped curves, horizontal reference lines and a legend.
 * Curves are <polyline> elements and points are <circle> elements; everything else (axes, grid,
 * ticks, legend swatches) is <line>/<rect>/<text>, so the curves can be counted in the output.
 */

/** The demo's colors (Okabe–Ito, readable for color-blind viewers), one per model everywhere. */
export const COLORS = {
  data: "#6b7280",
  truth: "#111827",
  polyNormal: "#56B4E9",
  polyGD: "#0072B2",
  net: "#D55E00",
  noise: "#9ca3af",
} as const;

export interface LineSeries {
  kind: "line";
  label: string;
  color: string;
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  width?: number;
  dash?: string;
  opacity?: number;
}

export interface ScatterSeries {
  kind: "scatter";
  label: string;
  color: string;
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  radius?: number;
  opacity?: number;
}

export type Series = LineSeries | ScatterSeries;

/** A horizontal reference line across the plot, labelled at its right end. */
export interface RefLine {
  y: number;
  label: string;
  color: string;
  dash?: string;
}

export interface PlotOptions {
  title: string;
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  xRange?: [number, number];
  yRange?: [number, number];
  yLog?: boolean;
  width?: number;
  height?: number;
  legend?: "top-right" | "bottom-left" | "top-left" | "bottom-right";
  refLines?: RefLine[];
}

const FONT = "DejaVu Sans, Helvetica Neue, Helvetica, Arial, sans-serif";

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const fmt = (v: number): string => (Math.round(v * 100) / 100).toString();

/** Ticks at 1, 2 or 5 × 10ᵏ covering [lo, hi], about `target` of them. */
export function niceTicks(lo: number, hi: number, target = 6): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => span / s <= target + 1) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** A tick label with no floating-point noise (0.30000000000000004 → 0.3). */
function tickLabel(v: number): string {
  const s = Number(v.toPrecision(10)).toString();
  return s.replace("-", "−");
}

const SUPERSCRIPT: Record<string, string> = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };

/** 10ᵏ written with superscript digits: "10⁻³". */
function powerLabel(k: number): string {
  return "10" + String(k).split("").map((c) => SUPERSCRIPT[c]).join("");
}

function extent(values: Iterable<number>, log: boolean): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Renders a complete standalone SVG document. */
export function plot(series: Series[], opts: PlotOptions): string {
  const W = opts.width ?? 880, H = opts.height ?? 560;
  const m = { left: 84, right: 28, top: opts.subtitle ? 78 : 56, bottom: 66 };
  const pw = W - m.left - m.right, ph = H - m.top - m.bottom;
  const log = opts.yLog ?? false;

  // ranges
  const allX = series.flatMap((s) => Array.from(s.xs));
  const allY = [...series.flatMap((s) => Array.from(s.ys)), ...(opts.refLines ?? []).map((r) => r.y)];
  const [x0, x1] = opts.xRange ?? extent(allX, false);
  let [y0, y1] = opts.yRange ?? extent(allY, log);
  if (!opts.yRange) {
    if (log) {
      // widen to the nearest 1, 2 or 5 × 10ᵏ on either side
      const down = (v: number) => { const k = Math.floor(Math.log10(v) + 1e-9); return [5, 2, 1].map((d) => d * 10 ** k).find((b) => b <= v * (1 + 1e-9)) ?? 10 ** k; };
      const up = (v: number) => { const k = Math.floor(Math.log10(v) - 1e-9); return [1, 2, 5, 10].map((d) => d * 10 ** k).find((b) => b >= v * (1 - 1e-9)) ?? 10 ** (k + 1); };
      y0 = down(y0 * 0.9);
      y1 = up(y1 * 1.1);
    } else {
      const pad = 0.06 * (y1 - y0 || 1);
      y0 -= pad;
      y1 += pad;
    }
  }
  const ty = (v: number) => (log ? Math.log10(v) : v);
  const sx = (v: number) => m.left + ((v - x0) / (x1 - x0)) * pw;
  const sy = (v: number) => m.top + ph - ((ty(v) - ty(y0)) / (ty(y1) - ty(y0))) * ph;

  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}">`);
  out.push(`<title>${escapeXml(opts.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<defs><clipPath id="plot-area"><rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}"/></clipPath></defs>`);

  // title
  out.push(`<text x="${m.left}" y="30" font-size="20" font-weight="bold" fill="#111827">${escapeXml(opts.title)}</text>`);
  if (opts.subtitle) out.push(`<text x="${m.left}" y="54" font-size="14" fill="#4b5563">${escapeXml(opts.subtitle)}</text>`);

  // grid and ticks
  const grid: string[] = [], labels: string[] = [];
  for (const v of niceTicks(x0, x1, 8)) {
    const X = fmt(sx(v));
    grid.push(`<line x1="${X}" y1="${m.top}" x2="${X}" y2="${m.top + ph}" stroke="#e5e7eb" stroke-width="1"/>`);
    grid.push(`<line x1="${X}" y1="${m.top + ph}" x2="${X}" y2="${m.top + ph + 5}" stroke="#6b7280" stroke-width="1"/>`);
    labels.push(`<text x="${X}" y="${m.top + ph + 22}" font-size="14" fill="#374151" text-anchor="middle">${tickLabel(v)}</text>`);
  }
  const yTicks: { v: number; label: string | null }[] = [];
  if (log) {
    const k0 = Math.floor(Math.log10(y0) + 1e-9), k1 = Math.ceil(Math.log10(y1) - 1e-9);
    const fewDecades = Math.log10(y1 / y0) <= 2.2;
    for (let k = k0; k <= k1; k++) {
      for (let d = 1; d <= 9; d++) {
        const v = d * 10 ** k;
        if (v < y0 * (1 - 1e-9) || v > y1 * (1 + 1e-9)) continue;
        const label = d === 1 ? powerLabel(k) : fewDecades && (d === 2 || d === 5) ? `${d}·${powerLabel(k)}` : null;
        yTicks.push({ v, label });
      }
    }
  } else {
    for (const v of niceTicks(y0, y1, 7)) yTicks.push({ v, label: tickLabel(v) });
  }
  for (const { v, label } of yTicks) {
    const Y = fmt(sy(v));
    const major = label !== null;
    grid.push(`<line x1="${m.left}" y1="${Y}" x2="${m.left + pw}" y2="${Y}" stroke="${major ? "#e5e7eb" : "#f3f4f6"}" stroke-width="1"/>`);
    grid.push(`<line x1="${m.left - (major ? 5 : 3)}" y1="${Y}" x2="${m.left}" y2="${Y}" stroke="#6b7280" stroke-width="1"/>`);
    if (major) labels.push(`<text x="${m.left - 9}" y="${Y}" dy="0.35em" font-size="14" fill="#374151" text-anchor="end">${label}</text>`);
  }
  out.push(`<g>${grid.join("")}</g>`);
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#9ca3af" stroke-width="1"/>`);
  out.push(`<g>${labels.join("")}</g>`);

  // axis labels
  out.push(`<text x="${fmt(m.left + pw / 2)}" y="${H - 16}" font-size="15" fill="#111827" text-anchor="middle">${escapeXml(opts.xLabel)}</text>`);
  out.push(`<text transform="translate(22 ${fmt(m.top + ph / 2)}) rotate(-90)" font-size="15" fill="#111827" text-anchor="middle">${escapeXml(opts.yLabel)}</text>`);

  // reference lines
  for (const r of opts.refLines ?? []) {
    const Y = fmt(sy(r.y));
    out.push(`<line x1="${m.left}" y1="${Y}" x2="${m.left + pw}" y2="${Y}" stroke="${r.color}" stroke-width="1.5" stroke-dasharray="${r.dash ?? "6 4"}"/>`);
    out.push(`<text x="${m.left + pw - 8}" y="${Y}" dy="-0.45em" font-size="13" fill="${r.color}" text-anchor="end" stroke="#ffffff" stroke-width="4" paint-order="stroke">${escapeXml(r.label)}</text>`);
  }

  // data
  out.push(`<g clip-path="url(#plot-area)">`);
  for (const s of series) {
    const n = Math.min(s.xs.length, s.ys.length);
    if (s.kind === "scatter") {
      const r = s.radius ?? 3.5;
      const dots: string[] = [];
      for (let i = 0; i < n; i++) dots.push(`<circle cx="${fmt(sx(s.xs[i]))}" cy="${fmt(sy(s.ys[i]))}" r="${r}"/>`);
      out.push(`<g fill="${s.color}" fill-opacity="${s.opacity ?? 0.7}" stroke="#ffffff" stroke-width="0.8">${dots.join("")}</g>`);
    } else {
      const pts: string[] = [];
      for (let i = 0; i < n; i++) if (!log || s.ys[i] > 0) pts.push(`${fmt(sx(s.xs[i]))},${fmt(sy(s.ys[i]))}`);
      const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : "";
      out.push(`<polyline points="${pts.join(" ")}" fill="none" stroke="${s.color}" stroke-width="${s.width ?? 2.5}" stroke-opacity="${s.opacity ?? 1}" stroke-linejoin="round" stroke-linecap="round"${dash}/>`);
    }
  }
  out.push(`</g>`);

  // legend
  const rowH = 24, padX = 12, swatch = 30;
  const textW = Math.max(...series.map((s) => s.label.length)) * 8.1;
  const lw = padX * 2 + swatch + 10 + textW, lh = rowH * series.length + 12;
  const pos = opts.legend ?? "top-right";
  const lx = pos.endsWith("right") ? m.left + pw - lw - 12 : m.left + 12;
  const ly = pos.startsWith("top") ? m.top + 12 : m.top + ph - lh - 12;
  out.push(`<g>`);
  out.push(`<rect x="${fmt(lx)}" y="${fmt(ly)}" width="${fmt(lw)}" height="${lh}" rx="6" fill="#ffffff" fill-opacity="0.92" stroke="#d1d5db"/>`);
  series.forEach((s, i) => {
    const cy = ly + 6 + rowH * i + rowH / 2, x = lx + padX;
    if (s.kind === "scatter") {
      out.push(`<circle cx="${fmt(x + swatch / 2)}" cy="${fmt(cy)}" r="${s.radius ?? 3.5}" fill="${s.color}" fill-opacity="${s.opacity ?? 0.7}"/>`);
    } else {
      const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : "";
      out.push(`<line x1="${fmt(x)}" y1="${fmt(cy)}" x2="${fmt(x + swatch)}" y2="${fmt(cy)}" stroke="${s.color}" stroke-width="${s.width ?? 2.5}" stroke-opacity="${s.opacity ?? 1}" stroke-linecap="round"${dash}/>`);
    }
    out.push(`<text x="${fmt(x + swatch + 10)}" y="${fmt(cy)}" dy="0.35em" font-size="14" fill="#111827">${escapeXml(s.label)}</text>`);
  });
  out.push(`</g>`);
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}
