#!/usr/bin/env python3
"""Generate benchmark bundles for claimgraph from real articles.

Sources: the example bundle (examples/harbour-talks) and, when present, every
../shared/corpus/*/*.txt beside the repository (or --sources DIR...). Those texts are
read at generation time only; the generated bundles go under target/ or /tmp and are
never committed.

A generated bundle is a day's worth of wire copy: many *stories*, each told by a few
articles (3 to 8). Each story takes one source bundle as its base and gets its own cast:
every person-like name ("Anneliese Korval", and "Korval" alone) is replaced by a name
drawn from a large pool (first names and surnames from the sources, plus made-up
surnames), consistently within the story; small numbers are remapped per story (and
now and then per article, so figures disagree as real reports do); the publication date
moves per story, so weekdays resolve to other days. Each article rotates and samples the
paragraphs of its base bundle, so articles of one story overlap without being verbatim
copies. Everything is seeded: the same arguments give the same bytes.

Usage:
  scripts/gen-corpus.py --size 16M --docs 3200 --out target/corpus/16M
  scripts/gen-corpus.py --docs 1000 --doc-size 5000 --out /tmp/growth-1000
  scripts/gen-corpus.py --standard target/corpus      # 1M, 16M, 256M and the growth series
  scripts/gen-corpus.py --single 10M --out target/corpus/single-10M   # one 10 MB article

--size is the total text size (suffixes K, M, G); --docs the number of documents
(5 to 10,000); alternatively --doc-size sets bytes per document.
"""

import argparse
import glob
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

STOP = set(
    """The A An In On At Of For And But Or If When While As By To From With After Before
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Jan Feb Mar Apr Jun Jul Aug
    Sep Sept Oct Nov Dec Mr Mrs Ms Dr He She It They We I This That These Those His Her
    Their Its Our US UK EU UN""".split()
)
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
NAME = re.compile(r"\b([A-Z][a-z]{2,})(?: [A-Z]\.)? ([A-Z][a-z]{2,})\b")
NUMBER = re.compile(r"(?<![\d.,:/-])\b(\d{1,3})\b(?![\d.,:/-]\d)")
MONTH_BEFORE = re.compile(r"(?:" + MONTHS + r")\.? $")
DATE_LINE = re.compile(r"^date \d{4}-\d{2}-\d{2}\s*\n")

SYLL_A = "Al Bar Cor Dan El Fen Gar Hal Ist Jor Kel Lor Mar Nor Ost Pel Quin Ros Sal Tor Ul Var Wen Yor Zan".split()
SYLL_B = "ba be dri fa gan hol ke len mo nor pa ri sen ta vik wal zo".split()
SYLL_C = "d k l m n r s t v x ck rt ng nd ss".split()
SUFFIX = ["", "son", "er", "ova", "sen", "ini"]


def parse_size(s):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]?)", s.upper())
    if not m:
        sys.exit(f"bad size {s!r}")
    return int(float(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2)])


def source_bundles(extra):
    dirs = [os.path.join(ROOT, "examples", "harbour-talks")]
    shared = os.path.join(os.path.dirname(ROOT), "shared", "corpus")
    if not os.path.isdir(shared):
        shared = "/work/shared/corpus"
    dirs += sorted(d for d in glob.glob(os.path.join(shared, "*")) if os.path.isdir(d))
    dirs += extra
    out = []
    for d in dirs:
        texts = []
        for f in sorted(glob.glob(os.path.join(d, "*.txt"))):
            with open(f, encoding="utf-8") as fh:
                texts.append(DATE_LINE.sub("", fh.read()))
        if texts:
            out.append((os.path.basename(d.rstrip("/")), texts))
    return out


class Template:
    """A paragraph cut into literal text and slots: ('first', name), ('last', name), ('num', n)."""

    def __init__(self, text, surnames):
        parts = []
        pos = 0
        events = []
        for m in NAME.finditer(text):
            if m.group(1) in STOP or m.group(2) in STOP:
                continue
            events.append((m.start(1), m.end(1), ("first", m.group(1))))
            events.append((m.start(2), m.end(2), ("last", m.group(2))))
        taken = [(s, e) for s, e, _ in events]
        for m in re.finditer(r"\b[A-Z][a-z]{2,}\b", text):
            if m.group(0) in surnames and not any(s <= m.start() < e for s, e in taken):
                events.append((m.start(), m.end(), ("last", m.group(0))))
        for m in NUMBER.finditer(text):
            if MONTH_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
                continue
            events.append((m.start(), m.end(), ("num", int(m.group(1)))))
        events.sort()
        for s, e, slot in events:
            if s < pos:
                continue
            parts.append(text[pos:s])
            parts.append(slot)
            pos = e
        parts.append(text[pos:])
        self.parts = parts
        self.size = len(text.encode("utf-8"))


def prepare(bundles):
    firsts, lasts = set(), set()
    for _, texts in bundles:
        for t in texts:
            for m in NAME.finditer(t):
                if m.group(1) not in STOP and m.group(2) not in STOP:
                    firsts.add(m.group(1))
                    lasts.add(m.group(2))
    prepared = []
    for name, texts in bundles:
        headlines, paragraphs = [], []
        for t in texts:
            paras = [p.strip() for p in t.split("\n\n") if p.strip()]
            if not paras:
                continue
            headlines.append(Template(paras[0].splitlines()[0], lasts))
            paragraphs += [Template(p, lasts) for p in paras[1:] if len(p) > 40]
        if paragraphs:
            prepared.append((name, headlines, paragraphs))
    return sorted(firsts), sorted(lasts), prepared


def made_up_surnames(rng, n):
    # 25 x 17 x 15 x 6 = 38,250 possible made-up surnames ("Korbad", "Halriksen").
    out = set()
    n = min(n, 30000)
    while len(out) < n:
        out.add(rng.choice(SYLL_A) + rng.choice(SYLL_B) + rng.choice(SYLL_C) + rng.choice(SUFFIX))
    return sorted(out)


def render(template, cast, numbers, rng, vary):
    out = []
    for p in template.parts:
        if isinstance(p, str):
            out.append(p)
            continue
        kind, v = p
        if kind == "num":
            n = numbers.setdefault(v, max(1, v + rng.randint(-v // 2, v // 2 + 3)))
            if vary and rng.random() < 0.05:
                n += rng.randint(1, 3)
            out.append(str(n))
        else:
            key = (kind, v)
            if key not in cast:
                cast[key] = cast["__pick__"](kind)
            out.append(cast[key])
    return "".join(out)


def articles(total, docs, doc_size, seed, extra, one_story=False):
    """Yield (file name, text) for each article of a generated bundle; with `one_story`,
    every article tells the first story (one cast, one date)."""
    bundles = source_bundles(extra)
    if not bundles:
        sys.exit("no source articles found")
    firsts, lasts, prepared = prepare(bundles)
    rng = random.Random(seed)
    pool_last = sorted(set(lasts) | set(made_up_surnames(rng, 20000)))
    pool_first = firsts + [s[:-1] + "a" for s in pool_last[:2000]]
    if doc_size is None:
        doc_size = max(200, total // docs)
    d = 0
    story = 0
    while d < docs:
        story += 1
        base_name, headlines, paragraphs = prepared[rng.randrange(len(prepared))]
        srng = random.Random(rng.random())
        year = srng.randint(2005, 2035)
        month = srng.randint(1, 12)
        day = srng.randint(1, 28)
        cast = {"__pick__": lambda kind: srng.choice(pool_first if kind == "first" else pool_last)}
        numbers = {}
        n_articles = docs - d if one_story else min(docs - d, srng.randint(3, 8))
        for a in range(n_articles):
            arng = random.Random(srng.random())
            parts = [f"date {year:04d}-{month:02d}-{min(28, day + arng.randint(0, 1)):02d}"]
            parts.append(render(headlines[arng.randrange(len(headlines))], cast, numbers, arng, False))
            size = sum(len(p) for p in parts)
            start = arng.randrange(len(paragraphs))
            step = arng.choice([1, 1, 2, 3])
            i = start
            while size < doc_size:
                p = render(paragraphs[i % len(paragraphs)], cast, dict(numbers), arng, True)
                parts.append(p)
                size += len(p) + 2
                i += step if arng.random() < 0.8 else arng.randint(1, max(1, len(paragraphs) - 1))
            text = "\n\n".join(parts) + "\n"
            yield f"{d:05d}_{base_name[:24]}-s{story:04d}-a{a}.txt", text
            d += 1


def clear(out):
    os.makedirs(out, exist_ok=True)
    for f in glob.glob(os.path.join(out, "*.txt")):
        os.remove(f)


def generate(out, total, docs, doc_size, seed, extra):
    clear(out)
    written = 0
    for name, text in articles(total, docs, doc_size, seed, extra):
        with open(os.path.join(out, name), "w", encoding="utf-8") as fh:
            fh.write(text)
        written += len(text.encode("utf-8"))
    print(f"{out}: {docs} documents, {written / 1e6:.1f} MB", file=sys.stderr)


def generate_single(out, total, seed, extra):
    """One article of `total` bytes: one story's articles of about 100 KB each (one cast,
    so the same speakers, figures and offices recur throughout), run together under the
    first one's date line, as a live blog or a story's wire copy pasted into one file."""
    clear(out)
    docs = max(5, min(10000, total // 100_000))
    parts = []
    for i, (_, text) in enumerate(articles(total, docs, None, seed, extra, one_story=True)):
        parts.append(text if i == 0 else DATE_LINE.sub("", text))
    text = "\n".join(parts)
    with open(os.path.join(out, "article.txt"), "w", encoding="utf-8") as fh:
        fh.write(text)
    print(f"{out}: one article, {len(text.encode('utf-8')) / 1e6:.1f} MB", file=sys.stderr)


GROWTH = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", help="total text size, e.g. 1M, 16M, 256M")
    ap.add_argument("--docs", type=int, help="number of documents (5..10000)")
    ap.add_argument("--doc-size", type=int, help="bytes per document instead of --size")
    ap.add_argument("--out", help="output directory (use target/ or /tmp)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sources", nargs="*", default=[], help="extra source bundle directories")
    ap.add_argument("--standard", metavar="DIR", help="write 1M, 16M, 256M and growth-N under DIR")
    ap.add_argument("--single", metavar="SIZE", help="write one article of SIZE (e.g. 10M) to --out")
    a = ap.parse_args()
    if a.single:
        if not a.out:
            ap.error("--single needs --out")
        generate_single(a.out, parse_size(a.single), a.seed, a.sources)
        return
    if a.standard:
        for label, size, docs in [("1M", 1 << 20, 200), ("16M", 16 << 20, 3200), ("256M", 256 << 20, 10000)]:
            generate(os.path.join(a.standard, label), size, docs, None, a.seed, a.sources)
        for n in GROWTH:
            generate(os.path.join(a.standard, f"growth-{n}"), None, n, 5000, a.seed, a.sources)
        return
    if not a.out or not a.docs or not (a.size or a.doc_size):
        ap.error("--out, --docs and --size or --doc-size are required (or --standard DIR)")
    if not 5 <= a.docs <= 10000:
        ap.error("--docs must be between 5 and 10,000")
    generate(a.out, parse_size(a.size) if a.size else None, a.docs, a.doc_size, a.seed, a.sources)


if __name__ == "__main__":
    main()
