"""jdscan as a step of a data pipeline: classify a partition of ads into typed verdict rows
(`partition`), and map that step over a Dask DataFrame or bag, or a batch onto a running Dask
cluster (`dask`), or over a Spark DataFrame (`spark`). The engines are optional extras
(`jdscan[dask]`, `jdscan[spark]`), imported only by the module that maps over them.

A worker builds its Scanner once, from a ScannerSpec (the rule folders and options, a few
strings that pickle in microseconds), and keeps it for every partition it is handed.

May import: `jdscan.scanner`, `jdscan.batch`, `jdscan.model`, `jdscan.errors`,
`jdscan.readers`, `jdscan.report`, `jdscan.text.document`; pandas, pyarrow, dask, distributed
and pyspark when a function needs them.
"""

from __future__ import annotations

from ..report.typed import COLUMNS, SCHEMA, arrow_schema, pandas_dtypes
from .partition import ScannerSpec, classify_partition, classify_records, worker_scanner

__all__ = ["COLUMNS", "SCHEMA", "ScannerSpec", "arrow_schema", "classify_partition", "classify_records",
           "pandas_dtypes", "worker_scanner"]
