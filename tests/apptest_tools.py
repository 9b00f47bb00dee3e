"""Shared AppTest helpers: run a page with a query, read a chart's per-rerun datasets."""
import json

import pyarrow as pa
from streamlit.testing.v1 import AppTest


def chart_data(at, index=0):
    """A chart's per-rerun datasets as DataFrames (as the browser receives them), and its spec."""
    chart = at.get("vega_lite_chart")[index]
    frames = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets}
    return frames, json.loads(chart.proto.spec)


def run_page(page: str, query: dict | None = None, timeout: int = 30) -> AppTest:
    """Run a page file (relative to the tests folder) with these URL parameters."""
    at = AppTest.from_file(page, default_timeout=timeout)
    if query:
        at.query_params.update(query)
    return at.run()
