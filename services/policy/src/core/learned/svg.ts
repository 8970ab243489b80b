// A dependency-free SVG of cost-quality curves: mean cost per prompt on a log x axis, mean score
// on y; curves as polylines (their own points as small dots), single models as labelled points.
import type { CurvePoint } from "./curve.js";

export interface SvgSeries {
  name: string;
  points: readonly CurvePoint[];
  color: string;
  dashed?: boolean;
  /** Draw the points only, faintly (e.g. every lambda of a sweep). */
  scatter?: boolean;
}

export interface SvgMarker {
  name: string;
  point: CurvePoint;
  color: string;
  shape?: "dot" | "star";
}

const W = 860;
const H = 560;
const PAD = { left: 70, right: 230, top: 40, bottom: 60 };

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function renderCurveSvg(title: string, series: readonly SvgSeries[], markers: readonly SvgMarker[]): string {
  const all = [...series.flatMap((s) => s.points), ...markers.map((m) => m.point)].filter((p) => p.cost > 0 && Number.isFinite(p.cost));
  if (all.length === 0) throw new RangeError("nothing to plot");
  const lx0 = Math.floor(Math.log10(Math.min(...all.map((p) => p.cost))) * 2) / 2;
  const lx1 = Math.ceil(Math.log10(Math.max(...all.map((p) => p.cost))) * 2) / 2;
  const y0 = Math.max(0, Math.floor(Math.min(...all.map((p) => p.score)) * 20) / 20 - 0.05);
  const y1 = Math.min(1, Math.ceil(Math.max(...all.map((p) => p.score)) * 20) / 20 + 0.02);
  const px = (cost: number) => PAD.left + ((Math.log10(cost) - lx0) / (lx1 - lx0 || 1)) * (W - PAD.left - PAD.right);
  const py = (score: number) => H - PAD.bottom - ((score - y0) / (y1 - y0 || 1)) * (H - PAD.top - PAD.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${PAD.left}" y="24" font-size="15">${esc(title)}</text>`,
  ];
  for (let e = Math.ceil(lx0); e <= lx1; e++) {
    const x = px(10 ** e).toFixed(1);
    out.push(`<line x1="${x}" y1="${PAD.top}" x2="${x}" y2="${H - PAD.bottom}" stroke="#ddd"/>`);
    out.push(`<text x="${x}" y="${H - PAD.bottom + 18}" text-anchor="middle">1e${e}</text>`);
  }
  for (let s = Math.ceil(y0 * 20); s <= Math.floor(y1 * 20); s++) {
    const y = py(s / 20).toFixed(1);
    out.push(`<line x1="${PAD.left}" y1="${y}" x2="${W - PAD.right}" y2="${y}" stroke="#eee"/>`);
    out.push(`<text x="${PAD.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${(s / 20).toFixed(2)}</text>`);
  }
  out.push(`<text x="${(PAD.left + W - PAD.right) / 2}" y="${H - 18}" text-anchor="middle">mean cost per prompt (USD, log scale)</text>`);
  out.push(`<text transform="translate(18 ${(PAD.top + H - PAD.bottom) / 2}) rotate(-90)" text-anchor="middle">mean score</text>`);
  let legendY = PAD.top;
  for (const s of series) {
    const pts = s.points.filter((p) => p.cost > 0);
    if (s.scatter) {
      for (const p of pts) out.push(`<circle cx="${px(p.cost).toFixed(1)}" cy="${py(p.score).toFixed(1)}" r="2" fill="${s.color}" opacity="0.35"/>`);
    } else {
      const path = pts.map((p) => `${px(p.cost).toFixed(1)},${py(p.score).toFixed(1)}`).join(" ");
      out.push(`<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ""}/>`);
      for (const p of pts) out.push(`<circle cx="${px(p.cost).toFixed(1)}" cy="${py(p.score).toFixed(1)}" r="2.5" fill="${s.color}"/>`);
    }
    out.push(`<line x1="${W - PAD.right + 15}" y1="${legendY}" x2="${W - PAD.right + 40}" y2="${legendY}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ""}/>`);
    out.push(`<text x="${W - PAD.right + 46}" y="${legendY}" dominant-baseline="middle">${esc(s.name)}</text>`);
    legendY += 18;
  }
  for (const m of markers) {
    const x = px(m.point.cost);
    const y = py(m.point.score);
    out.push(m.shape === "star"
      ? `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" fill="${m.color}" font-size="18" text-anchor="middle" dominant-baseline="middle">★</text>`
      : `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4" fill="${m.color}"/>`);
    out.push(`<text x="${(x + 7).toFixed(1)}" y="${(y - 7).toFixed(1)}" font-size="10" fill="#333">${esc(m.name)}</text>`);
  }
  out.push("</svg>");
  return out.join("\n") + "\n";
}
