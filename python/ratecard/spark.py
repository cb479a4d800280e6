"""Replay on Apache Spark: the events DataFrame is repartitioned by customer and sorted within
each partition, and each partition's Arrow batches go to the same Rust kernel through
`mapInArrow` (grouped: one customer in memory at a time). Spark does the distribution; ratecard
adds none of its own.

    from ratecard.spark import replay
    out = replay(df, card_json, start="2026-01-01", until="2026-12-31")   # a Spark DataFrame

`card_json` is a rate card or a price book as JSON text (`RateEngine.preset(id).book_json()`).
The output has `RateEngine.replay`'s columns and types (decimal(38,6) amounts).
"""
from __future__ import annotations

from typing import Any, Iterator

#: The output schema, as Spark DDL: the same columns and types as `RateEngine.replay`'s table.
SCHEMA = (
    "customer string, plan string, currency string, spent decimal(38,6), credits_granted decimal(38,6), "
    "credits_used decimal(38,6), expired decimal(38,6), overage decimal(38,6), balance decimal(38,6), "
    "refused bigint, version string, card_hash string"
)


def _partition(card_json: str, start: str, until: str):
    def run(batches: Iterator[Any]) -> Iterator[Any]:
        # Imported on the worker: the wheel is installed there (see the README for a cluster).
        from ratecard import replayed
        from ratecard._ratecard import Engine, Replayer

        yield from replayed(Replayer(Engine.from_json(card_json), start, until, True), batches)

    return run


def replay(df: Any, card_json: str, start: str, until: str) -> Any:
    """Each customer's replay over `[start, until]`, as a Spark DataFrame (one row per customer).
    The rows of one customer meet in one partition (`repartition("customer")`) in day order
    (`sortWithinPartitions("customer", "at")`), so each worker holds one customer at a time."""
    grouped = df.repartition("customer").sortWithinPartitions("customer", "at")
    return grouped.mapInArrow(_partition(card_json, start, until), SCHEMA)
