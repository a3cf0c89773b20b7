#!/usr/bin/env python3
"""A day's wire checked on Apache Spark, with the same findings as one machine.

The claimgraph binary is the unit of work (docs/scale.md):

  1. stories: `claimgraph cluster --format json FEED` on the driver (or --stories FILE, or a
     `story` field on every feed line);
  2. map: each input split is piped through `claimgraph map --numbered --keyed
     --stories stories.json -`, which writes one claimgraph/claims/v1 record per article;
  3. shuffle: the records are keyed by story (articles never cross it: a record is the
     extracted text and metadata, see docs/scale.md for what it holds);
  4. reduce: each partition is piped through `claimgraph reduce -`, which checks every
     story in it as `check` checks a bundle;
  5. output: findings, events and notices, each sorted, as JSON Lines (or findings as
     Parquet), plus summary.json with the counts.

Notices (an input line that is not an article, a story with no claims) are counted and
written, never dropped.

    spark-submit spark/claimgraph_spark.py --input feed.jsonl --output out/ \\
        --partitions 8 --binary target/release/claimgraph

The binary and the stories file must be readable at the same path on every worker: in
local mode any path is; on a cluster ship them with `--files` and pass `./claimgraph`
(docs/scale.md).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zlib

FINDING = '{"finding":'
EVENT = '{"event":'
NOTICE = '{"notice":'


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", required=True, help="a JSON Lines feed (one article a line)")
    ap.add_argument("--output", required=True, help="output folder (must not exist)")
    ap.add_argument("--partitions", type=int, default=4, help="map splits and reduce partitions")
    ap.add_argument("--binary", default="claimgraph", help="the claimgraph binary, as the workers see it")
    ap.add_argument(
        "--stories",
        help="stories.json (`claimgraph cluster --format json`); default: cluster the input on the driver",
    )
    ap.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl", help="format of findings")
    return ap.parse_args(argv)


def unwrap(line, prefix):
    """The object inside a reduce output line `{"kind":{...}}`, its bytes unchanged."""
    return line[len(prefix) : -1]


def key_of(line):
    """(story, record) of a `map --keyed` line; a line without a key goes to the reducers
    as it is, so that `reduce` reports it with its line instead of it being lost."""
    key, sep, rec = line.partition("\t")
    if not sep:
        return ("", line)
    return (key, rec)


def stories_file(args, workdir):
    if args.stories:
        return os.path.abspath(args.stories)
    path = os.path.join(workdir, "stories.json")
    with open(path, "wb") as out:
        subprocess.run([args.binary, "cluster", "--format", "json", args.input], stdout=out, check=True)
    return path


def run(spark, args):
    """Run the job; returns the summary (also written to OUTPUT/summary.json)."""
    from pyspark import StorageLevel

    sc = spark.sparkContext
    if __name__ != "__main__":
        # Imported (by a test or another job): the workers need this module for the
        # functions below; run as a script, they are shipped with the closures.
        sc.addPyFile(os.path.abspath(__file__))
    t0 = time.time()
    workdir = tempfile.mkdtemp(prefix="claimgraph-spark-")
    stories = stories_file(args, workdir)
    t_cluster = time.time() - t0
    feed = os.path.abspath(args.input)

    # Byte offsets from Hadoop's line reader, line numbers from the splits' order: `map`
    # names documents and locates evidence with them as `check` does reading the file.
    size = os.path.getsize(feed)
    conf = {"mapreduce.input.fileinputformat.split.maxsize": str(max(1, -(-size // args.partitions)))}
    lines = sc.newAPIHadoopFile(
        "file://" + feed,
        "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
        "org.apache.hadoop.io.LongWritable",
        "org.apache.hadoop.io.Text",
        conf=conf,
    )
    numbered = lines.zipWithIndex().map(lambda p: "%d\t%d\t%s" % (p[1] + 1, p[0][0], p[0][1]))
    map_cmd = [args.binary, "map", "--numbered", "--keyed", "--stdin-path", feed, "--stories", stories, "-"]
    mapped = numbered.pipe(" ".join(_quote(a) for a in map_cmd), checkCode=True).map(key_of).persist(StorageLevel.MEMORY_AND_DISK)

    map_notices = mapped.filter(lambda kv: kv[0] == "null").map(lambda kv: kv[1])
    records = mapped.filter(lambda kv: kv[0] != "null")
    shuffle_bytes = records.map(lambda kv: len(kv[0].encode()) + len(kv[1].encode()) + 2).sum()
    documents = records.count()

    # crc32, not Python's hash: the same story goes to the same reducer on every run.
    by_story = records.partitionBy(args.partitions, lambda k: zlib.crc32(k.encode())).values()
    reduce_cmd = [args.binary, "reduce", "--no-config", "-"]
    reduced = by_story.pipe(" ".join(_quote(a) for a in reduce_cmd), checkCode=True).persist(
        StorageLevel.MEMORY_AND_DISK
    )

    findings = reduced.filter(lambda l: l.startswith(FINDING)).map(lambda l: unwrap(l, FINDING))
    events = reduced.filter(lambda l: l.startswith(EVENT)).map(lambda l: unwrap(l, EVENT))
    notices = map_notices.map(lambda l: json.dumps(json.loads(l)["notice"], ensure_ascii=False)).union(
        reduced.filter(lambda l: l.startswith(NOTICE)).map(lambda l: unwrap(l, NOTICE))
    )

    out = args.output
    # Sorted, in one file each: the same feed gives the same bytes whatever the partitions.
    if args.format == "parquet":
        spark.read.json(findings.sortBy(lambda l: l, numPartitions=1)).write.parquet(os.path.join(out, "findings.parquet"))
    else:
        findings.sortBy(lambda l: l, numPartitions=1).saveAsTextFile(os.path.join(out, "findings"))
    events.sortBy(lambda l: l, numPartitions=1).saveAsTextFile(os.path.join(out, "events"))
    notices.sortBy(lambda l: l, numPartitions=1).saveAsTextFile(os.path.join(out, "notices"))

    summary = {
        "input_bytes": size,
        "documents": documents,
        "stories": records.keys().distinct().count(),
        "findings": findings.count(),
        "events": events.count(),
        "notices": notices.count(),
        "map_notices": map_notices.count(),
        "shuffle_bytes": shuffle_bytes,
        "partitions": args.partitions,
        "cluster_seconds": round(t_cluster, 3),
        "seconds": round(time.time() - t0, 3),
    }
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")
    mapped.unpersist()
    reduced.unpersist()
    return summary


def _quote(a):
    # RDD.pipe splits its command with shlex.
    import shlex

    return shlex.quote(a)


def session(master=None):
    from pyspark.sql import SparkSession

    b = SparkSession.builder.appName("claimgraph")
    if master:
        b = (
            b.master(master)
            .config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
        )
    return b.getOrCreate()


def main(argv=None):
    args = parse_args(argv)
    spark = session(os.environ.get("CLAIMGRAPH_SPARK_MASTER"))
    try:
        summary = run(spark, args)
    finally:
        spark.stop()
    json.dump(summary, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
