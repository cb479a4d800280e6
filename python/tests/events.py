"""Generated customers for the replay tests: each subscribes to a plan of a preset and then
generates, buys and cancels on random days, drawing every item from a quote that the shared case
table (tests/cases.json) prices on that plan, so every row is one the engine can run."""
from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

ROOT = Path(__file__).resolve().parents[2]

#: The events table's columns and types (the README's schema).
SCHEMA = pa.schema([
    ("customer", pa.string()), ("at", pa.date32()), ("kind", pa.string()), ("plan", pa.string()),
    ("billing", pa.string()), ("feature", pa.string()), ("options", pa.string()),
    ("seconds", pa.decimal128(12, 3)), ("quantity", pa.int64()),
    ("auto_renew", pa.bool_()), ("allow_overage", pa.bool_()),
])


def templates() -> dict:
    """(preset, plan) → items the case table prices on that plan, and whether the plan buys packs."""
    cases = json.loads((ROOT / "tests/cases.json").read_text(encoding="utf-8"))
    items = defaultdict(list)
    buys = set()
    for c in cases:
        r, expect = c["request"], c["expect"]
        if "error" in expect or "patch" in c:
            continue
        if c["call"] == "quote" and not any(k in r for k in ("grants", "holds", "at", "periodUsage")):
            for it in r["items"]:
                if "maxSeconds" not in it and ("seconds" in it) != ("quantity" in it):
                    items[(c["preset"], r.get("plan"))].append(it)
        if c["call"] == "buyPacks" and not any(k in r for k in ("seats", "billing", "at")):
            buys.add((c["preset"], r.get("plan")))
    return items, buys


def card(preset: str) -> dict:
    return json.loads((ROOT / f"presets/{preset}.json").read_text(encoding="utf-8"))


def customers(preset: str, n: int, seed: int, start: dt.date, days: int) -> list[dict]:
    """`n` customers of `preset` as event rows (dicts of the schema's columns)."""
    items, buys = templates()
    rng = random.Random(seed)
    # A card whose article gives no per-feature rates (AI Studios) has plans and purchases only.
    plans = [k for k in items if k[0] == preset] or [(preset, p) for p in card(preset)["plans"]]
    subscription = {p: v.get("subscription", True) for p, v in card(preset)["plans"].items()}
    rows = []
    for c in range(n):
        key = rng.choice(plans)
        plan = key[1]
        cid = f"{preset}-{c:04d}"
        first = start + dt.timedelta(days=rng.randrange(0, 20))
        rows.append(dict(customer=cid, at=first, kind="subscribe", plan=plan, allow_overage=None, auto_renew=None))
        for _ in range(rng.randrange(0, 16) if items.get(key) else 0):
            it = rng.choice(items[key])
            day = first + dt.timedelta(days=rng.randrange(0, days))
            rows.append(dict(customer=cid, at=day, kind="usage", feature=it["feature"],
                             options=json.dumps(it.get("options", {}), sort_keys=True),
                             seconds=Decimal(str(it["seconds"])) if "seconds" in it else None,
                             quantity=int(it["quantity"]) if "quantity" in it else None))
        if key in buys and rng.random() < 0.4:
            rows.append(dict(customer=cid, at=first + dt.timedelta(days=rng.randrange(0, days)), kind="purchase", quantity=1))
        if subscription.get(plan or next(iter(subscription)), True) and rng.random() < 0.2:
            rows.append(dict(customer=cid, at=first + dt.timedelta(days=rng.randrange(30, days + 30)), kind="cancel"))
    return rows


def table(rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist([{k: r.get(k) for k in SCHEMA.names} for r in rows], schema=SCHEMA)


def as_json_rows(rows: list[dict]) -> dict:
    """Rows by customer as the oracle reads them (days as text, seconds as decimal strings)."""
    out = defaultdict(list)
    for r in rows:
        j = {k: r.get(k) for k in SCHEMA.names if r.get(k) is not None}
        j["at"] = r["at"].isoformat()
        if "seconds" in j:
            j["seconds"] = str(j["seconds"])
        out[r["customer"]].append(j)
    return dict(out)
