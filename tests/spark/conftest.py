"""Fixtures of the Spark job's test: one local Spark session (local[2], UI off, bound to
127.0.0.1), the claimgraph binary, and a generated mixed feed of a few thousand articles."""

import json
import os
import re
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "spark"))


@pytest.fixture(scope="session")
def binary():
    """CLAIMGRAPH_BIN, else the newest of the release, quick and debug builds."""
    if os.environ.get("CLAIMGRAPH_BIN"):
        return os.path.abspath(os.environ["CLAIMGRAPH_BIN"])
    built = [
        os.path.join(ROOT, "target", p, "claimgraph")
        for p in ("release", "quick", "debug")
        if os.path.exists(os.path.join(ROOT, "target", p, "claimgraph"))
    ]
    if not built:
        pytest.fail("no claimgraph binary: run `cargo build --release` first (or set CLAIMGRAPH_BIN)")
    return max(built, key=os.path.getmtime)


@pytest.fixture(scope="session")
def spark():
    from claimgraph_spark import session

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")

    s = session("local[2]")
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


BAD_LINE = "this line is not an article\n"


@pytest.fixture(scope="session")
def feed(tmp_path_factory):
    """A mixed feed: the articles scripts/gen-corpus.py writes (many stories, a few
    articles each; from the shared corpus when it is there, else from the example), one
    JSON Lines record each, with one line that is not JSON among them."""
    docs = int(os.environ.get("CLAIMGRAPH_SPARK_DOCS", "3000"))
    d = tmp_path_factory.mktemp("feed")
    gen = d / "gen"
    subprocess.run(
        [sys.executable, os.path.join(ROOT, "scripts", "gen-corpus.py"), "--docs", str(docs),
         "--doc-size", "2000", "--out", str(gen)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    lines = []
    for i, name in enumerate(sorted(os.listdir(gen))):
        text = (gen / name).read_text()
        m = re.match(r"date (\d{4}-\d{2}-\d{2})\s*\n", text)
        body = (text[m.end():] if m else text).lstrip("\n")
        rec = {"id": "a%05d" % i, "published": m.group(1) if m else None,
               "headline": body.split("\n", 1)[0], "body": body}
        lines.append(json.dumps(rec, ensure_ascii=False) + "\n")
    lines.insert(len(lines) // 2, BAD_LINE)
    path = d / "feed.jsonl"
    path.write_text("".join(lines))
    return str(path)
