"""The Python replay against the npm package's simulate, across inputs and engines."""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
from decimal import Decimal

import pyarrow as pa
import pytest

import ratecard
from events import ROOT, as_json_rows, customers, table

START, UNTIL = "2026-01-01", "2026-06-30"
PRESETS = ["heygen-credits", "heygen-gencredits", "heygen-api", "heygen-liveavatar", "heygen-payg", "aistudios"]
FIELDS = ["plan", "currency", "spent", "credits_granted", "credits_used", "expired", "overage", "balance", "refused", "version", "card_hash"]


def book_json() -> str:
    """heygen-credits with a change mid-window: from 2026-04-01 Avatar IV 20 → 25 credits a
    minute, Creator $29 → $35 and Business $149 → $159 a month."""
    now = json.loads((ROOT / "presets/heygen-credits.json").read_text(encoding="utf-8"))
    nxt = json.loads(json.dumps(now))
    nxt.update(version="2026-04", effectiveFrom="2026-04-01")
    nxt["features"]["avatar_iv"]["rate"] = "25"
    nxt["plans"]["creator"]["price"] = "35.00"
    nxt["plans"]["business"]["price"] = "159.00"
    return json.dumps([now, nxt])


def engines() -> list[tuple[str, str, ratecard.RateEngine]]:
    """(name, card JSON, engine): every preset, and the two-version book."""
    out = [(p, ratecard.RateEngine.preset(p).book_json(), ratecard.RateEngine.preset(p)) for p in PRESETS]
    out.append(("book", book_json(), ratecard.RateEngine.from_json(book_json())))
    return out


@pytest.fixture(scope="module")
def generated():
    """200 customers over every preset and the book, and the oracle's summary of each."""
    jobs, data = [], []
    for k, (name, card, engine) in enumerate(engines()):
        preset = "heygen-credits" if name == "book" else name
        rows = customers(preset, 200 if name in ("heygen-credits", "book") else 40, seed=k, start=dt.date(2026, 1, 1), days=170)
        data.append((name, card, engine, rows))
        jobs.append({"card": card, "start": START, "until": UNTIL, "customers": as_json_rows(rows)})
    done = subprocess.run(["node", str(ROOT / "python/tests/oracle.mjs")], input=json.dumps(jobs), capture_output=True, text=True, check=True)
    return [(name, card, engine, rows, expected) for (name, card, engine, rows), expected in zip(data, json.loads(done.stdout))]


def as_dict(t: pa.Table) -> dict:
    return {r["customer"]: r for r in t.to_pylist()}


def same(expected: dict, got: dict, who: str) -> list[str]:
    bad = []
    for f in FIELDS:
        e, g = expected[f], got[f]
        if isinstance(g, Decimal):
            ok = Decimal(e) == g
        else:
            ok = e == g
        if not ok:
            bad.append(f"{who}.{f}: simulate {e!r}, replay {g!r}")
    return bad


def test_replay_equals_the_npm_packages_simulate_for_every_customer(generated):
    problems, seen = [], 0
    for name, _, engine, rows, expected in generated:
        got = as_dict(engine.replay(table(rows), START, UNTIL))
        assert set(got) == set(expected), name
        for who, e in expected.items():
            assert "error" not in e, f"{name} {who}: {e}"
            problems += same(e, got[who], who)
            seen += 1
    assert problems == [], "\n".join(problems[:20])
    assert seen >= 200 * 2 + 40 * 5
    # The generated data exercises what it should: refusals, overage-free spending, expiry, a mid-window version.
    book = next(g for g in generated if g[0] == "book")
    versions = {r["version"] for r in book[4].values()}
    assert versions == {"2026-04"}
    assert any(r["refused"] for g in generated for r in g[4].values())
    assert any(Decimal(r["expired"]) > 0 for g in generated for r in g[4].values())


def shuffled(t: pa.Table, seed: int) -> pa.Table:
    idx = list(range(t.num_rows))
    random.Random(seed).shuffle(idx)
    return t.take(pa.array(idx))


def test_the_same_result_from_pyarrow_polars_duckdb_and_a_reader_on_shuffled_rows(generated):
    import duckdb
    import polars as pl

    name, _, engine, rows, _ = generated[0]
    base = engine.replay(table(rows), START, UNTIL).sort_by("customer")
    t = shuffled(table(rows), 7)
    inputs = {
        "pyarrow": t,
        "reader": pa.RecordBatchReader.from_batches(t.schema, t.to_batches(max_chunksize=97)),
        "polars": pl.from_arrow(t),
        "duckdb": duckdb.sql("select * from t"),
    }
    for kind, events in inputs.items():
        got = engine.replay(events, START, UNTIL).sort_by("customer")
        assert got.equals(base), kind
    # Grouped by customer (the streaming path): the same, one customer in memory at a time.
    grouped = t.sort_by([("customer", "ascending")])
    assert engine.replay(grouped, START, UNTIL, grouped=True).sort_by("customer").equals(base)


def test_creator_for_a_quarter_spends_87_dollars():
    t = table([
        dict(customer="c1", at=dt.date(2026, 1, 1), kind="subscribe", plan="creator"),
        dict(customer="c1", at=dt.date(2026, 1, 10), kind="usage", feature="avatar_iv", seconds=Decimal(300)),
    ])
    r = ratecard.RateEngine.preset("heygen-credits").replay(t, "2026-01-01", "2026-03-31").to_pylist()[0]
    # “Creator $29/month” for January, February and March; 300 s of Avatar IV at 20 credits a minute.
    assert (r["plan"], r["spent"], r["currency"], r["credits_used"]) == ("creator", Decimal("87.00"), "USD", Decimal("100"))
    assert pa.types.is_decimal(ratecard.RateEngine.preset("heygen-credits").replay(t, "2026-01-01", "2026-03-31").schema.field("spent").type)


@pytest.mark.parametrize("rows, column, needle", [
    ([dict(customer="c9", at=dt.date(2026, 1, 1), kind="subscribe", plan="creator"),
      dict(customer="c9", at=dt.date(2026, 1, 3), kind="usage", seconds=Decimal(9))], "feature", "customer c9, 2026-01-03, column feature"),
    ([dict(customer="c9", at=dt.date(2026, 1, 1), kind="subscribe", plan="creator"),
      dict(customer="c9", at=dt.date(2026, 1, 4), kind="refund")], "kind", "customer c9, 2026-01-04, column kind: unknown kind \"refund\""),
    ([dict(customer="c9", at=dt.date(2026, 1, 1), kind="subscribe", plan="creator"),
      dict(customer="c9", at=dt.date(2026, 1, 5), kind="usage", feature="hologram", seconds=Decimal(9))], "feature", "customer c9, 2026-01-05, column feature: no feature \"hologram\""),
    ([dict(customer="c9", at=dt.date(2026, 1, 6), kind="usage", feature="avatar_iv", seconds=Decimal(9))], "at", "customer c9, 2026-01-06, column at: an event before the customer's first subscribe"),
])
def test_refusals_name_the_customer_the_day_and_the_column(rows, column, needle):
    with pytest.raises(ratecard.ReplayError) as e:
        ratecard.RateEngine.preset("heygen-credits").replay(table(rows), "2026-01-01", "2026-03-31")
    assert needle in str(e.value)


def test_a_float_money_column_is_refused_before_any_row():
    t = pa.table({"customer": ["c1"], "at": pa.array([dt.date(2026, 1, 1)], pa.date32()), "kind": ["usage"], "seconds": pa.array([1.5], pa.float64())})
    with pytest.raises(ratecard.ReplayError, match=r"customer c1, 2026-01-01, column seconds: is Float64: amounts and durations cross as decimal or string, never float"):
        ratecard.RateEngine.preset("heygen-credits").replay(t, "2026-01-01", "2026-03-31")


def test_reprice_over_a_two_version_book():
    old = ratecard.RateEngine.preset("heygen-credits")
    new = ratecard.RateEngine.from_json(book_json())
    t = table([
        dict(customer="a", at=dt.date(2026, 1, 1), kind="subscribe", plan="creator"),
        dict(customer="b", at=dt.date(2026, 1, 15), kind="subscribe", plan="business"),
        dict(customer="c", at=dt.date(2026, 5, 1), kind="subscribe", plan="free"),
    ])
    d = ratecard.reprice(t, old=old, new=new, start="2026-01-01", until="2026-06-30")
    rows = {r["customer"]: r for r in d.table.to_pylist()}
    # Creator renews Apr 1, May 1, Jun 1 at $35 (was $29): +$18. Business renews Apr 15, May 15, Jun 15 at $159: +$30.
    assert (rows["a"]["spent_old"], rows["a"]["spent_new"], rows["a"]["change"]) == (Decimal("174"), Decimal("192"), Decimal("18"))
    assert rows["a"]["change_pct"] == Decimal("10.34")
    assert rows["b"]["change"] == Decimal("30")
    assert rows["c"]["change_pct"] is None  # nothing paid before: no percentage
    s = d.summary
    assert (s["customers"], s["up"], s["down"], s["same"]) == (3, 2, 0, 1)
    assert (s["total_old"], s["total_new"], s["max_change"], s["p50_change"]) == ("1068", "1116", "30", "18")


def test_the_command_line_prints_the_summary(tmp_path):
    import pyarrow.parquet as pq

    events = tmp_path / "events.parquet"
    pq.write_table(table([dict(customer="a", at=dt.date(2026, 1, 1), kind="subscribe", plan="creator")]), events)
    (tmp_path / "new.json").write_text(book_json(), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "ratecard", "reprice", str(events), "--old", "preset:heygen-credits", "--new", str(tmp_path / "new.json"),
                          "--start", "2026-01-01", "--until", "2026-06-30", "--out", str(tmp_path / "diff.parquet")], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["total_change"] == "18"
    assert pq.read_table(tmp_path / "diff.parquet").num_rows == 1
    bad = subprocess.run([sys.executable, "-m", "ratecard", "reprice", str(tmp_path / "none.parquet"), "--old", "preset:heygen-credits", "--new", "preset:heygen-credits",
                          "--start", "2026-01-01", "--until", "2026-06-30"], capture_output=True, text=True)
    assert bad.returncode == 2 and "ratecard:" in bad.stderr
