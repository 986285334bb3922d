"""``python -m bench [--quick] [NAME ...]``: run the benchmarks, print one table of figures,
write it as JSON to bench/results/<date>-<commit>.json.
``python -m bench compare A.json B.json``: what got slower or faster beyond the spread.
``python -m bench table A.json [--short]``: a written run's table again (``--short``: only
the targets and the figures with a comparison, as in the README).

Targets live in bench/targets.toml. Nothing here fails on a missed target: these machines
are noisy, the table says ✓ or ✗ and the JSON keeps the samples.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.compare import render_comparison
from bench.machine import describe_machine
from bench.results import (
    RESULTS_DIR,
    build_rows,
    current_commit,
    document,
    read_document,
    write_document,
)
from bench.runner import gather
from bench.table import render_table
from bench.targets import all_targets


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="fewer repeats, smaller sizes")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="folder of the JSON file")
    parser.add_argument("names", nargs="*", help="only these modules (bench_plan or plan)")
    args = parser.parse_args(argv)
    machine = describe_machine()
    gathered = gather(set(args.names), args.quick)
    targets = all_targets()
    if args.names:
        ran = {f.name for f in gathered.figures} | set(gathered.absent)
        targets = [t for t in targets if t.key in ran]
    rows = build_rows(targets, gathered.figures, gathered.absent)
    commit = current_commit(Path(__file__).parent.parent)
    doc = document(rows, machine, commit, args.quick, partial=bool(args.names))
    print(render_table(doc))
    path = write_document(doc, args.out)
    print(f"\nwritten to {path}")
    return 0


def compare(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m bench compare A.json B.json", file=sys.stderr)
        return 2
    try:
        old, new = (read_document(Path(p)) for p in argv)
    except (OSError, ValueError) as exc:
        print(f"bench compare: {exc}", file=sys.stderr)
        return 1
    print(render_comparison(old, new))
    return 0


def table(argv: list[str]) -> int:
    paths = [a for a in argv if a != "--short"]
    if len(paths) != 1:
        print("usage: python -m bench table A.json [--short]", file=sys.stderr)
        return 2
    try:
        doc = read_document(Path(paths[0]))
    except (OSError, ValueError) as exc:
        print(f"bench table: {exc}", file=sys.stderr)
        return 1
    print(render_table(doc, informational="--short" not in argv))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["compare"]:
        return compare(args[1:])
    if args[:1] == ["table"]:
        return table(args[1:])
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
