#!/usr/bin/env python3
"""Plot growth.csv (documents, bytes, total_ms, graph_ms, ...) as an SVG, log-log, by hand.

Usage: scripts/plot-growth.py target/bench/growth.csv docs/growth.svg
Lines: total and graph (cross-document) time; a dashed line of slope 1 (linear) through
the first total point for reference.
"""
import csv
import math
import sys

rows = list(csv.DictReader(open(sys.argv[1])))
rows = [r for r in rows if r.get("total_ms")]
W, H, L, B, T, R = 640, 420, 70, 50, 30, 130
xs = [float(r["documents"]) for r in rows]
series = {
    "total": ([float(r["total_ms"]) for r in rows], "#1f5fbf"),
    "graph": ([max(float(r["graph_ms"]), 0.01) for r in rows], "#d9480f"),
    "events": ([max(float(r["events_ms"]), 0.01) for r in rows], "#2b8a3e"),
}
ymin = min(min(v) for v, _ in series.values())
ymax = max(max(v) for v, _ in series.values())
lx0, lx1 = math.log10(min(xs)), math.log10(max(xs))
ly0, ly1 = math.floor(math.log10(ymin)), math.ceil(math.log10(ymax))


def px(x):
    return L + (math.log10(x) - lx0) / (lx1 - lx0) * (W - L - R)


def py(y):
    return H - B - (math.log10(y) - ly0) / (ly1 - ly0) * (H - B - T)


out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">']
out.append(f'<rect width="{W}" height="{H}" fill="white"/>')
out.append(f'<text x="{W / 2 - 60}" y="18" font-size="14">claimgraph check: time vs documents (log-log)</text>')
for e in range(ly0, ly1 + 1):
    y = py(10**e)
    out.append(f'<line x1="{L}" y1="{y:.1f}" x2="{W - R}" y2="{y:.1f}" stroke="#ddd"/>')
    out.append(f'<text x="{L - 8}" y="{y + 4:.1f}" text-anchor="end">{10**e:g} ms</text>')
for x in xs:
    out.append(f'<line x1="{px(x):.1f}" y1="{H - B}" x2="{px(x):.1f}" y2="{T}" stroke="#eee"/>')
    out.append(f'<text x="{px(x):.1f}" y="{H - B + 16}" text-anchor="middle">{int(x)}</text>')
out.append(f'<text x="{(W - R + L) / 2}" y="{H - 10}" text-anchor="middle">documents (5 KB each)</text>')
# linear reference through the first total point
t0 = series["total"][0][0]
ref = [(x, t0 * x / xs[0]) for x in xs if t0 * x / xs[0] <= 10**ly1]
out.append(
    '<polyline fill="none" stroke="#999" stroke-dasharray="5,4" points="'
    + " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in ref)
    + '"/>'
)
k = 0
for name, (ys, colour) in series.items():
    pts = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, ys))
    out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{pts}"/>')
    for x, y in zip(xs, ys):
        out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>')
    out.append(f'<text x="{W - R + 10}" y="{T + 20 + 18 * k}" fill="{colour}">{name}</text>')
    k += 1
out.append(f'<text x="{W - R + 10}" y="{T + 20 + 18 * k}" fill="#999">linear</text>')
out.append("</svg>")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
