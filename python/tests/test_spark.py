"""The replay on Apache Spark (local[2]): the same rows per customer as on one machine."""
from __future__ import annotations

import datetime as dt
import os
import sys

import pyarrow as pa
import pytest

import ratecard
from events import customers, table
from test_replay import START, UNTIL, book_json, shuffled


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The workers run this interpreter (the venv's, with pyarrow and the wheel), not python3 from PATH.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    s = (SparkSession.builder.master("local[2]").appName("ratecard-replay")
         .config("spark.sql.shuffle.partitions", "2").config("spark.ui.enabled", "false")
         .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def test_spark_local_2_gives_the_one_machine_result_on_shuffled_rows(spark):
    from ratecard.spark import replay

    rows = customers("heygen-credits", 120, seed=11, start=dt.date(2026, 1, 1), days=170)
    events = shuffled(table(rows), 3)
    card = book_json()
    want = ratecard.RateEngine.from_json(card).replay(events, START, UNTIL).sort_by("customer")
    df = spark.createDataFrame(events)
    got = replay(df, card, START, UNTIL).toArrow().sort_by("customer")
    assert got.num_rows == 120
    assert got.schema.field("spent").type == pa.decimal128(38, 6)
    assert got.cast(want.schema).equals(want)


def test_spark_refusals_name_the_customer(spark):
    from ratecard.spark import replay

    rows = [dict(customer="s1", at=dt.date(2026, 1, 1), kind="subscribe", plan="creator"),
            dict(customer="s1", at=dt.date(2026, 1, 2), kind="usage", feature="hologram", seconds=1)]
    with pytest.raises(Exception, match=r"customer s1, 2026-01-02, column feature"):
        replay(spark.createDataFrame(table(rows)), ratecard.RateEngine.preset("heygen-credits").book_json(), START, UNTIL).collect()
