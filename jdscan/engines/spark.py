"""Spark: map the partition step over a Spark DataFrame of ads with `mapInArrow`, the
typed schema as a StructType. Only the text, id and title columns travel to the Python
workers; each worker process builds its Scanner on its first batch and keeps it (PySpark
reuses its Python workers), from a ScannerSpec pickled with the function
(`pip install 'jdscan[spark]'`)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ..report.typed import SCHEMA
from .partition import ScannerSpec, classify_partition, require_text

SLICE_ROWS = 1_024  # rows classified at once: an Arrow batch from Spark holds up to 10,000


def classify_spark(ads, text: str = "text", title: str | None = "title", id: str | None = "id",
                   spec: ScannerSpec = ScannerSpec()):
    """Verdicts for a Spark DataFrame of ads: a DataFrame of the typed schema, one row per
    ad, in the order of the ads within each partition. Lazy, as Spark is."""
    require_text(ads.columns, text)
    wanted = {name.casefold() for name in (text, title, id) if name}
    columns = [c for c in ads.columns if c.casefold() in wanted]  # Spark's names match whatever their case
    step = partial(_batches, text=text, title=title, id=id, spec=spec)
    return ads.select(*columns).mapInArrow(step, spark_schema())


def spark_schema():
    """The typed schema as a pyspark StructType (every field nullable, as an error row needs)."""
    from pyspark.sql import types

    kinds = {"string": types.StringType(), "float64": types.DoubleType(), "int64": types.LongType(),
             "bool": types.BooleanType()}
    return types.StructType([types.StructField(name, kinds[kind], True) for name, kind in SCHEMA])


def _batches(batches: Iterator, text: str, title: str | None, id: str | None, spec: ScannerSpec) -> Iterator:
    for batch in batches:
        for start in range(0, batch.num_rows, SLICE_ROWS):
            yield classify_partition(batch.slice(start, SLICE_ROWS), text, title, id, spec)
