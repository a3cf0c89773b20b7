"""The Spark job (spark/claimgraph_spark.py) in local mode: its findings and events are
those of `claimgraph check --by-story` on the same feed, byte for byte once sorted, the same
whatever the partitioning, and the line that is not an article is a counted notice."""

import glob
import json
import os
import subprocess

from claimgraph_spark import parse_args, run
from conftest import BAD_LINE


def read_sorted(folder):
    out = []
    for p in sorted(glob.glob(os.path.join(folder, "part-*"))):
        with open(p, encoding="utf-8") as f:
            out.extend(l.rstrip("\n") for l in f if l.strip())
    assert out == sorted(out), "the job writes its lines sorted"
    return out


def job(spark, binary, feed, out, partitions):
    args = parse_args(["--input", feed, "--output", str(out), "--partitions", str(partitions),
                       "--binary", binary])
    summary = run(spark, args)
    return summary, {k: read_sorted(os.path.join(out, k)) for k in ("findings", "events", "notices")}


def single_machine(binary, feed):
    def check(fmt):
        r = subprocess.run([binary, "check", "--by-story", "--no-config", "--exit-zero", "--format", fmt, feed],
                           capture_output=True, text=True, check=True)
        return r.stdout
    findings = sorted(l for l in check("jsonl").splitlines() if l.strip())
    report = json.loads(check("json"))
    events = sorted(json.dumps(e, sort_keys=True) for e in report["events"])
    return findings, events, report


def test_findings_equal_check_by_story_and_do_not_depend_on_partitions(spark, binary, feed, tmp_path):
    findings, events, report = single_machine(binary, feed)
    docs = report["summary"]["documents"]
    assert len(findings) > docs // 20, "the feed should give many findings"
    assert report["summary"]["stories"] > docs // 30, "the feed should be many stories"

    s2, two = job(spark, binary, feed, tmp_path / "p2", 2)
    s5, five = job(spark, binary, feed, tmp_path / "p5", 5)

    # Byte for byte: the job's findings lines are `check --by-story --format jsonl`'s.
    assert two["findings"] == findings
    assert sorted(json.dumps(json.loads(e), sort_keys=True) for e in two["events"]) == events
    # Deterministic whatever the partitioning.
    assert five == two
    for s in (s2, s5):
        assert s["documents"] == report["summary"]["documents"]
        assert s["stories"] == report["summary"]["stories"]
        assert s["findings"] == len(findings)
        assert s["events"] == len(events)


def test_a_line_that_is_not_an_article_is_a_counted_notice(spark, binary, feed, tmp_path):
    with open(feed, encoding="utf-8") as f:
        bad = [i + 1 for i, l in enumerate(f) if l == BAD_LINE]
    assert len(bad) == 1
    summary, out = job(spark, binary, feed, tmp_path / "p3", 3)
    assert summary["map_notices"] == 1
    assert summary["notices"] == len(out["notices"]) >= 1
    hits = [n for n in out["notices"] if ("line %d " % bad[0]) in json.loads(n)["message"]]
    assert len(hits) == 1, out["notices"][:5]
