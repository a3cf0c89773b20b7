#!/usr/bin/env python3
"""Score a clustering of a labelled mixed feed (docs/clustering.md).

Reads the JSON that `claimgraph cluster --format json FEED...` prints (or its
stories.json) and labels every document by where it came from:

  --label folder      the document's folder (a pooled corpus: each bundle is one story)
  --label generated   the `-sNNNN-` story number in a generated file name
                      (scripts/gen-corpus.py)

Prints B-cubed precision, recall and F1 (Bagga & Baldwin 1998), pairwise precision,
recall and F1, and the adjusted Rand index, as one JSON object.

  claimgraph cluster --format json ../shared/corpus/*/ > /tmp/c.json
  scripts/cluster-score.py --label folder /tmp/c.json
"""

import argparse
import json
import os
import re
import sys
from collections import Counter


def label_of(path, how):
    if how == "folder":
        return os.path.basename(os.path.dirname(path.rstrip("/")))
    m = re.search(r"-s(\d+)-a\d+\.", os.path.basename(path))
    if not m:
        sys.exit(f"{path}: no -sNNNN- story number in the name")
    return m.group(1)


def comb2(n):
    return n * (n - 1) // 2


def scores(pred, gold):
    """pred, gold: one label per document, same order."""
    n = len(pred)
    both = Counter(zip(pred, gold))
    p_size = Counter(pred)
    g_size = Counter(gold)
    # B-cubed: per document, the share of its cluster that shares its true story
    # (precision) and the share of its true story that shares its cluster (recall).
    bp = sum(c * c / p_size[p] for (p, _), c in both.items()) / n
    br = sum(c * c / g_size[g] for (_, g), c in both.items()) / n
    same_both = sum(comb2(c) for c in both.values())
    same_pred = sum(comb2(c) for c in p_size.values())
    same_gold = sum(comb2(c) for c in g_size.values())
    pp = same_both / same_pred if same_pred else 1.0
    pr = same_both / same_gold if same_gold else 1.0
    total = comb2(n)
    expected = same_pred * same_gold / total if total else 0.0
    top = (same_pred + same_gold) / 2
    ari = (same_both - expected) / (top - expected) if top != expected else 1.0
    f = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0
    return {
        "documents": n,
        "stories_true": len(g_size),
        "stories_found": len(p_size),
        "bcubed_precision": round(bp, 4),
        "bcubed_recall": round(br, 4),
        "bcubed_f1": round(f(bp, br), 4),
        "pairwise_precision": round(pp, 4),
        "pairwise_recall": round(pr, 4),
        "pairwise_f1": round(f(pp, pr), 4),
        "ari": round(ari, 4),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--label", choices=["folder", "generated"], required=True)
    ap.add_argument("stories", help="cluster --format json output, or stories.json")
    a = ap.parse_args()
    with open(a.stories, encoding="utf-8") as fh:
        data = json.load(fh)
    pred, gold = [], []
    for s in data["stories"]:
        for d in s["documents"]:
            pred.append(s["id"])
            gold.append(label_of(d["path"], a.label))
    print(json.dumps(scores(pred, gold), indent=2))


if __name__ == "__main__":
    main()
