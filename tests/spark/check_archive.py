"""Check an archive of articles with factlint on Apache Spark, and collect the findings.

factlint is the map step: each partition of the archive, records of JSON Lines
(`{"id": ..., "text": ..., "date": ..., "format": ...}`, one per line), is piped through

    factlint check --input-format jsonl --format jsonl --exit-zero --quiet -

with `RDD.pipe`, which gives back one result line per record carrying the record's `id`.
`--exit-zero` keeps findings and unreadable records from failing the task (they are in the
result lines); invalid rules or usage still exit 2, and `checkCode=True` fails the job then.

The findings are collected on the driver and written as JSON Lines, one finding (or one record
that could not be read) per line, sorted by record id:

    {"id": "a-17", "rule": "part-exceeds-whole", "severity": "error", "message": "...",
     "labels": [{"start": 13, "end": 18, "text": "1,027", "label": "whole: ..."}]}
    {"id": null, "error": "not JSON: expected ident at line 1 column 2"}

Usage:
    python3 check_archive.py RECORDS OUTPUT [--factlint PATH] [--master URL]
                             [--partitions N] [--config FILE]

RECORDS is a JSON Lines file or folder that Spark can read (a local path, hdfs://, s3a://).
The factlint binary must be at PATH on every worker: on a cluster, install it in the image,
or ship it with `spark-submit --files factlint` and pass `--factlint ./factlint`.
"""

import argparse
import json
import os
import shlex
import sys


def findings_of(line):
    """The findings of one result line of `--format jsonl`, or its error, as flat rows.

    A record's number and path (`-#N`) are left out: they count lines of the partition's
    stream, not of the archive. The record's `id` is what joins a result to its row.
    """
    result = json.loads(line)
    rows = []
    if result.get("error") is not None:
        # The message starts with the path, `-#N: ...`; what follows is the same wherever the
        # record was read.
        error = result["error"]
        prefix = result["path"] + ": "
        if error.startswith(prefix):
            error = error[len(prefix):]
        rows.append({"id": result.get("id"), "error": error})
    for finding in result["findings"]:
        rows.append(
            {
                "id": result.get("id"),
                "rule": finding["rule"],
                "severity": finding["severity"],
                "message": finding["message"],
                "labels": [
                    {key: label[key] for key in ("start", "end", "text", "label")}
                    for label in finding["labels"]
                ],
            }
        )
    return rows


def sort_key(row):
    """Rows by record id (ids of any JSON type, null last), then as written."""
    return (row["id"] is None, json.dumps(row["id"]), json.dumps(row, sort_keys=True))


def check_archive(spark, records, factlint, partitions, config=None):
    """The findings of every record under `records`, collected on the driver, sorted."""
    command = [factlint, "check", "--input-format", "jsonl", "--format", "jsonl"]
    command += ["--exit-zero", "--quiet", "--jobs", "1"]
    if config:
        command += ["--config", config]
    command.append("-")
    lines = spark.sparkContext.textFile(records, minPartitions=partitions)
    results = lines.pipe(shlex.join(command), checkCode=True)
    return sorted(results.flatMap(findings_of).collect(), key=sort_key)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", help="JSON Lines records: a file or a folder")
    parser.add_argument("output", help="where to write the findings, as JSON Lines")
    parser.add_argument("--factlint", default="factlint", help="the factlint binary on the workers")
    parser.add_argument("--master", default=None, help="the Spark master, e.g. local[2]")
    parser.add_argument("--partitions", type=int, default=4, help="at least this many partitions")
    parser.add_argument("--config", default=None, help="a factlint.toml on the workers")
    args = parser.parse_args(argv)

    # The workers run the same Python as the driver.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("factlint-check-archive")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        rows = check_archive(spark, args.records, args.factlint, args.partitions, args.config)
    finally:
        spark.stop()

    with open(args.output, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    findings = sum(1 for row in rows if "rule" in row)
    errors = len(rows) - findings
    print(f"{findings} findings, {errors} records not read, written to {args.output}")


if __name__ == "__main__":
    main()
