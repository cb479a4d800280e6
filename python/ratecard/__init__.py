"""ratecard: replay and reprice credit usage, exact to the cent, with the same Rust crate that
prices the checkout (the npm package's engine), over Arrow.

    import ratecard
    engine = ratecard.RateEngine.preset("heygen-credits")     # or RateEngine.from_json(text): a card or a book
    table = engine.replay(events, start="2026-01-01", until="2026-12-31")   # pyarrow.Table, one row per customer
    diff = ratecard.reprice(events, old=engine, new=other, start="2026-01-01", until="2026-12-31")
    diff.table, diff.summary

`events` is a pyarrow.Table, a pyarrow.RecordBatchReader, or anything with `__arrow_c_stream__`
(Polars, DuckDB): one row per event (see the README's "Replay and reprice" for the columns). Rows
cross to Rust a record batch at a time, never row by row through Python. Amounts come back as
decimal128(38, 6), never float.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Optional

import pyarrow as pa

from ._ratecard import Engine as _Engine
from ._ratecard import Replayer as _Replayer
from ._ratecard import ReplayError, output_schema as _output_schema, preset_ids, reprice_batches as _reprice_batches

__all__ = ["RateEngine", "ReplayError", "Reprice", "reprice", "preset_ids", "batches", "replayed"]


def batches(events: Any) -> Iterator[pa.RecordBatch]:
    """The record batches of `events`: a pyarrow Table or RecordBatch, a RecordBatchReader, or
    any object with `__arrow_c_stream__` (a Polars DataFrame, a DuckDB relation)."""
    if isinstance(events, pa.Table):
        yield from events.to_batches()
    elif isinstance(events, pa.RecordBatch):
        yield events
    elif isinstance(events, pa.RecordBatchReader):
        yield from events
    elif hasattr(events, "__arrow_c_stream__"):
        yield from pa.RecordBatchReader.from_stream(events)
    elif hasattr(events, "__iter__"):
        for batch in events:  # an iterable of record batches (ParquetFile.iter_batches())
            if not isinstance(batch, pa.RecordBatch):
                raise TypeError(f"events: an iterable of pyarrow RecordBatch, got {type(batch).__name__}")
            yield batch
    else:
        raise TypeError(f"events: expected a pyarrow Table or RecordBatchReader, or an object with __arrow_c_stream__, got {type(events).__name__}")


class RateEngine:
    """A rate card, or a price book of its versions: the engine of the npm package and the crate."""

    def __init__(self, inner: _Engine):
        self._inner = inner

    @staticmethod
    def preset(id: str) -> "RateEngine":
        """The built-in preset `id` (`ratecard.preset_ids()`)."""
        return RateEngine(_Engine.preset(id))

    @staticmethod
    def from_json(text: str) -> "RateEngine":
        """A rate card, or a price book (a JSON array of a card's versions), validated on load."""
        return RateEngine(_Engine.from_json(text))

    @property
    def card_hash(self) -> str:
        """SHA-256 of the newest version's canonical JSON."""
        return self._inner.card_hash

    def book_json(self) -> str:
        """Every version as one JSON array (what `from_json` and `ratecard.spark.replay` take)."""
        return self._inner.book_json()

    def replay(self, events: Any, start: str, until: str, grouped: bool = False, progress: Optional[Any] = None) -> pa.Table:
        """Each customer's `simulate` over `[start, until]` (days, `YYYY-MM-DD`), one output row per
        customer (columns: customer, plan, currency, spent, credits_granted, credits_used, expired,
        overage, balance, refused, version, card_hash).

        `grouped=False` (default): rows may arrive in any order; every row is held until the end
        (about 200 bytes a row). `grouped=True`: rows arrive grouped by customer (each customer's
        rows together, any order within), and each customer is replayed as soon as the next
        starts: memory holds one customer. `progress`, if given, is called with the rows read
        after each batch.

        Raises `ReplayError` naming the customer, the day and the column of a row it refuses."""
        replayer = _Replayer(self._inner, start, until, grouped)
        out = list(replayed(replayer, batches(events), progress))
        return pa.Table.from_batches(out, schema=_output_schema())


def replayed(replayer: Any, events: Iterable[pa.RecordBatch], progress: Optional[Any] = None) -> Iterator[pa.RecordBatch]:
    """The output batches of `replayer` (a `_ratecard.Replayer`) fed `events` batch by batch: each
    batch's completed customers (grouped), then what `finish` replays. `progress`, if given, is
    called with the rows read after each batch. Used by `RateEngine.replay` and `ratecard.spark`."""
    for batch in events:
        done = replayer.push(batch)
        if done.num_rows:
            yield done
        if progress is not None:
            progress(replayer.rows)
    last = replayer.finish()
    if last.num_rows:
        yield last


@dataclass
class Reprice:
    """`reprice`'s result: per customer (`table`: customer, spent_old, spent_new, change,
    change_pct) and in all (`summary`: customers, total_old, total_new, total_change, up, down,
    same, p50_change, p95_change, max_change, as decimal strings in the card's currency)."""

    table: pa.Table
    summary: dict


def reprice(events: Any, old: RateEngine, new: RateEngine, start: str, until: str, progress: Optional[Any] = None) -> Reprice:
    """What every customer paid under `old` and would pay under `new`, over the same events.
    The events are read once (held as Arrow batches) and replayed under each engine;
    `progress`, if given, is called with (rows replayed, rows to replay) after each batch."""
    held = list(batches(events))
    total = sum(b.num_rows for b in held)
    a = old.replay(held_table(held), start, until, progress=progress and (lambda n: progress(n, 2 * total)))
    b = new.replay(held_table(held), start, until, progress=progress and (lambda n: progress(total + n, 2 * total)))
    diff, summary = _reprice_batches(one_batch(a), one_batch(b))
    return Reprice(pa.Table.from_batches([diff]), json.loads(summary))


def held_table(held: Iterable[pa.RecordBatch]) -> pa.Table:
    held = list(held)
    return pa.Table.from_batches(held) if held else pa.table({"customer": pa.array([], pa.string())})


def one_batch(table: pa.Table) -> pa.RecordBatch:
    table = table.combine_chunks()
    got = table.to_batches()
    return got[0] if got else pa.RecordBatch.from_pylist([], schema=table.schema)
