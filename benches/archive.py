#!/usr/bin/env python3
"""Archive throughput of `factlint check`, against grep, in one run.

    cargo build --release && python3 benches/archive.py [--files 10000] [--small 2000]

Builds an archive of `--files` articles under a temporary folder: the files of
../shared/corpus/dev when present (else the articles of fixtures/), cycled with distinct
names, 1,000 to a sub-folder. Then, on the same archive, with the page cache warm:

  * grep -rc '[0-9]' ARCHIVE                                   (the cost of reading the text)
  * factlint check --format jsonl --quiet --exit-zero --jobs 1 ARCHIVE
  * factlint check --format jsonl --quiet --exit-zero --jobs 2 ARCHIVE

and prints, for each, the best wall time of `--repeat` interleaved rounds, articles per
second, MB per second, peak resident memory and the ratio of its wall time to grep's. Last,
the peak memory of `--jobs 2` on the first `--small` articles against all of them, to show
that it does not grow with the number of files (the output is streamed; `--format json` would keep every
file's findings until the end).

Peak memory comes from `/usr/bin/time -v` when present, else from the rusage of each child
(`os.wait4`, what `resource.getrusage(RUSAGE_CHILDREN)` counts); the latter may include the
size of this Python process as a floor, since a spawned child starts from its pages. The
standard rules are used (no --rules). Output goes to /dev/null.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIME = Path("/usr/bin/time")


def sources():
    corpus = ROOT / ".." / "shared" / "corpus" / "dev"
    if corpus.is_dir():
        files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
        if files:
            return "../shared/corpus/dev", files
    exts = {".txt", ".md", ".html"}
    files = sorted(p for p in (ROOT / "fixtures").rglob("*") if p.suffix in exts)
    return "fixtures/", files


def build_archive(dest, files, count):
    """`count` copies of `files`, cycled, with distinct names; returns the total bytes."""
    total = 0
    for i in range(count):
        src = files[i % len(files)]
        folder = dest / f"d{i // 1000:03}"
        if i % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        data = src.read_bytes()
        (folder / f"{i:06}-{src.name}").write_bytes(data)
        total += len(data)
    return total


def measure(command):
    """(wall seconds, peak RSS in KiB) of one run of `command`."""
    if TIME.exists():
        started = time.perf_counter()
        done = subprocess.run(
            [str(TIME), "-v", *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        wall = time.perf_counter() - started
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        return wall, int(found.group(1)) if found else None
    # The child's own resource usage, as getrusage(RUSAGE_CHILDREN) counts it for one child.
    null = os.open(os.devnull, os.O_WRONLY)
    actions = [(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]
    started = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ, file_actions=actions)
    _, _, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    os.close(null)
    return wall, usage.ru_maxrss


def best(commands, repeat):
    """The best wall time and the peak memory of each command over `repeat` rounds. Rounds
    interleave the commands, so that a busy spell on a shared machine hurts none of them alone."""
    runs = {name: [] for name, _ in commands}
    for _ in range(repeat):
        for name, command in commands:
            runs[name].append(measure(command))
    return {
        name: (min(r[0] for r in got), max((r[1] or 0) for r in got))
        for name, got in runs.items()
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--binary", default=str(ROOT / "target" / "release" / "factlint"))
    parser.add_argument("--keep", action="store_true", help="keep the archive and print its path")
    args = parser.parse_args()

    binary = Path(args.binary)
    if not binary.exists():
        sys.exit(f"{binary} is missing: run `cargo build --release` first")
    origin, files = sources()
    if not files:
        sys.exit("no articles found")

    tmp = Path(tempfile.mkdtemp(prefix="factlint-archive-"))
    try:
        archive = tmp / "archive"
        total = build_archive(archive, files, args.files)
        small = tmp / "small"
        small_total = build_archive(small, files, args.small)
        mb = total / 1e6
        print(f"archive: {args.files} articles, {mb:.1f} MB, from {origin} ({len(files)} files)")
        print(f"cpus: {os.cpu_count()}, repeat: best of {args.repeat}")

        # Warm the page cache so that every command reads from memory.
        subprocess.run(["grep", "-rc", "[0-9]", str(archive), str(small)], stdout=subprocess.DEVNULL)

        def factlint(jobs, target):
            return [str(binary), "check", "--format", "jsonl", "--quiet", "--exit-zero",
                    "--jobs", str(jobs), str(target)]

        commands = [
            ("grep -rc '[0-9]'", ["grep", "-rc", "[0-9]", str(archive)]),
            ("factlint --jobs 1", factlint(1, archive)),
            ("factlint --jobs 2", factlint(2, archive)),
            ("small", factlint(2, small)),
        ]
        results = best(commands, args.repeat)
        print(f"{'command':<20} {'wall s':>8} {'articles/s':>11} {'MB/s':>8} {'peak MB':>8} {'x grep':>7}")
        for name, _ in commands[:3]:
            wall, peak = results[name]
            ratio = wall / results["grep -rc '[0-9]'"][0]
            print(f"{name:<20} {wall:>8.3f} {args.files / wall:>11.0f} {mb / wall:>8.1f} "
                  f"{peak / 1024:>8.1f} {ratio:>7.1f}")

        peak_small = results["small"][1]
        peak_large = results["factlint --jobs 2"][1]
        print(f"peak memory, --jobs 2: {args.small} articles ({small_total / 1e6:.1f} MB) "
              f"{peak_small / 1024:.1f} MB; {args.files} articles {peak_large / 1024:.1f} MB "
              f"(ratio {peak_large / max(peak_small, 1):.2f})")
        if args.keep:
            print(f"kept: {tmp}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
