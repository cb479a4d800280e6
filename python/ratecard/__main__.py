"""`python -m ratecard reprice events.parquet --old a.json --new b.json --start … --until … [--out diff.parquet]`:
what every customer paid under the old price book and would pay under the new, summed up."""
from __future__ import annotations

import argparse
import json
import sys

import pyarrow.parquet as pq

from . import RateEngine, ReplayError, reprice


def _engine(path: str) -> RateEngine:
    if path.startswith("preset:"):
        return RateEngine.preset(path[len("preset:"):])
    with open(path, encoding="utf-8") as f:
        return RateEngine.from_json(f.read())


def _bar(done: int, total: int) -> None:
    """A progress bar on standard error (a terminal only): both replays, row by row read."""
    width = 30
    filled = width * done // max(total, 1)
    print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} rows", end="", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ratecard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("reprice", help="replay the events under two price books and compare")
    r.add_argument("events", help="a Parquet file of events (see the README's schema)")
    r.add_argument("--old", required=True, help="the old card or book (JSON file, or preset:ID)")
    r.add_argument("--new", required=True, help="the new card or book (JSON file, or preset:ID)")
    r.add_argument("--start", required=True, help="first day, YYYY-MM-DD")
    r.add_argument("--until", required=True, help="last day, YYYY-MM-DD")
    r.add_argument("--out", help="write the per-customer diff as Parquet")
    args = parser.parse_args(argv)
    try:
        pf = pq.ParquetFile(args.events)
        bar = _bar if sys.stderr.isatty() else None
        result = reprice(pf.iter_batches(), _engine(args.old), _engine(args.new), args.start, args.until, progress=bar)
        if bar:
            print(file=sys.stderr)
    except (ReplayError, OSError) as e:
        print(f"ratecard: {e}", file=sys.stderr)
        return 2
    if args.out:
        pq.write_table(result.table, args.out)
    print(json.dumps(result.summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
