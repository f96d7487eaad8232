"""jdscan inside Spark (issue 19): a local[2] session's mapInArrow gives exactly the
single-process verdicts, row for row, with the typed schema as a StructType."""

from __future__ import annotations

import json
import os
import shutil
import sys

import pytest

from jdscan.engines import COLUMNS, classify_records

from .files import mixed_ads

pytest.importorskip("pyspark", reason="PySpark is not installed (pip install 'jdscan[spark]')")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java 17 or newer, and there is no java here", allow_module_level=True)

from jdscan.engines.spark import classify_spark, spark_schema  # after the skips

ADS = mixed_ads(200, seed=7)
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers run this interpreter, jdscan installed
    session = (SparkSession.builder.master("local[2]").appName("jdscan-tests")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _ads_frame(spark, ads, text="text"):
    rows = [(ad["id"], ad["title"], ad["text"]) for ad in ads]
    return spark.createDataFrame(rows, f"id string, title string, {text} string")


def test_a_spark_dataframe_gets_the_single_process_verdicts_row_for_row(spark, scanner):
    ads = _ads_frame(spark, ADS)
    assert ads.rdd.getNumPartitions() == 2
    verdicts = classify_spark(ads)
    assert verdicts.schema == spark_schema() and tuple(verdicts.columns) == COLUMNS
    rows = [row.asDict() for row in verdicts.collect()]
    expected = classify_records(ADS, scanner=scanner)
    assert [(r["id"], r["role"], r["confidence"]) for r in rows] == \
        [(r["id"], r["role"], r["confidence"]) for r in expected]
    assert [r["error"] is not None for r in rows] == [r["error"] is not None for r in expected]
    assert sum(r["error"] is not None for r in rows) == 2
    first = next(r for r in rows if r["error"] is None)
    assert json.loads(first["confidences"])[first["role"]] == first["confidence"]


def test_the_scale_pages_example_runs_as_shown(spark, scanner):
    """docs/scale.md's call: the text and id columns named, the title found by its name."""
    ads = spark.createDataFrame([("a1", "Store Assistant", "Serve customers at the till.")],
                                "ad_id string, title string, body string")
    [row] = classify_spark(ads, text="body", id="ad_id").select("id", "role", "confidence").collect()
    [expected] = classify_records([{"id": "a1", "title": "Store Assistant", "text": "Serve customers at the till."}],
                                  scanner=scanner)
    assert (row["id"], row["role"], row["confidence"]) == ("a1", expected["role"], expected["confidence"])
    assert row["role"] == "retail"


def test_columns_are_found_whatever_their_case_and_others_ignored(spark, scanner):
    ads = _ads_frame(spark, ADS[:20], text="Text").withColumn("unused", ads_literal())
    rows = classify_spark(ads, text="text").collect()
    expected = classify_records(ADS[:20], scanner=scanner)
    assert [r["role"] for r in rows] == [r["role"] for r in expected]


def test_no_text_column_is_said_before_any_work(spark):
    from jdscan.errors import UsageError

    with pytest.raises(UsageError, match="no column 'text'"):
        classify_spark(_ads_frame(spark, ADS[:2], text="body"))


def ads_literal():
    from pyspark.sql.functions import lit

    return lit("a column the classifier never needs")
