"""Replay at scale (`npm run bench`, not a timed test): 1,000,000 usage events over 10,000
customers from Parquet, replayed on one machine (the wheel over Arrow) and on Spark local[2].
Prints events per second and the one-machine peak memory (a fresh process each, so the data's
generation does not count). Run: .venv/bin/python bench/replay.py"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time

CUSTOMERS, PER = 10_000, 100
TARGETS = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "targets.json"), encoding="utf-8"))["replay"]
START, UNTIL = "2026-01-01", "2026-12-31"


def generate(path: str) -> int:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(1)
    n = CUSTOMERS * PER
    ids = np.char.add("c", np.char.zfill(np.arange(CUSTOMERS).astype(str), 5))
    day0 = np.datetime64("2026-01-01")
    usage = pa.table({
        "customer": pa.array(np.repeat(ids, PER)),
        "at": pa.array((day0 + rng.integers(1, 365, n).astype("timedelta64[D]")).astype("datetime64[D]"), pa.date32()),
        "kind": pa.array(np.full(n, "usage")),
        "plan": pa.nulls(n, pa.string()),
        "feature": pa.array(np.where(rng.random(n) < 0.8, "avatar_iv", "avatar_iii")),
        "seconds": pa.array(rng.integers(5, 120, n).astype(str)).cast(pa.string()),
    })
    subs = pa.table({
        "customer": pa.array(ids),
        "at": pa.array(np.full(CUSTOMERS, day0), pa.date32()),
        "kind": pa.array(np.full(CUSTOMERS, "subscribe")),
        "plan": pa.array(np.where(np.arange(CUSTOMERS) % 3 == 0, "business", "creator")),
        "feature": pa.nulls(CUSTOMERS, pa.string()),
        "seconds": pa.nulls(CUSTOMERS, pa.string()),
    })
    # Shuffled: the one-machine path must not rely on the file's order.
    t = pa.concat_tables([subs, usage])
    t = t.take(pa.array(rng.permutation(t.num_rows)))
    pq.write_table(t, path, row_group_size=100_000)
    return t.num_rows


def one_machine(path: str) -> dict:
    import pyarrow.parquet as pq

    import ratecard

    engine = ratecard.RateEngine.preset("heygen-credits")
    t0 = time.perf_counter()
    out = engine.replay(pq.ParquetFile(path).iter_batches(batch_size=65_536), START, UNTIL)
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"customers": out.num_rows, "seconds": round(secs, 2), "peak_mb": round(peak)}


def spark(path: str) -> dict:
    from pyspark.sql import SparkSession

    import ratecard
    from ratecard.spark import replay

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    s = (SparkSession.builder.master("local[2]").config("spark.sql.shuffle.partitions", "2")
         .config("spark.ui.enabled", "false").config("spark.driver.memory", "2g").getOrCreate())
    s.sparkContext.setLogLevel("ERROR")
    t0 = time.perf_counter()
    rows = replay(s.read.parquet(path), ratecard.RateEngine.preset("heygen-credits").book_json(), START, UNTIL).count()
    secs = time.perf_counter() - t0
    s.stop()
    return {"customers": rows, "seconds": round(secs, 2)}


def main() -> None:
    if len(sys.argv) == 3:
        print(json.dumps({"one": one_machine, "spark": spark}[sys.argv[1]](sys.argv[2])))
        return
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "events.parquet")
        rows = generate(path)
        size = os.path.getsize(path)
        print(f"replay: {rows:,} events ({CUSTOMERS * PER:,} usage) over {CUSTOMERS:,} customers, {size / 1e6:.1f} MB of Parquet, shuffled")
        for mode in ("one", "spark"):
            r = json.loads(subprocess.run([sys.executable, __file__, mode, path], capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
            rate = rows / r["seconds"]
            extra = f", peak memory {r['peak_mb']} MB" if "peak_mb" in r else ""
            met = rate >= TARGETS["eventsPerSecond"] and r.get("peak_mb", 0) < TARGETS["peakMemoryMb"]
            target = f" (target ≥ {TARGETS['eventsPerSecond']:,} events/s, peak < {TARGETS['peakMemoryMb']} MB: {'met' if met else 'NOT met'})" if mode == "one" else ""
            print(f"  {'one machine' if mode == 'one' else 'Spark local[2]'}: {r['customers']:,} customers in {r['seconds']} s = {rate:,.0f} events/s{extra}{target}", flush=True)


if __name__ == "__main__":
    main()
