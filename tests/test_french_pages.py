"""Every page in French (?lang=fr), in explore and presenter modes, through the app's own navigation:
no English interface text (the English catalogues' texts whose French differs, in both domains) in what
the page writes, its tables' headers and cells, its charts' titles, axes, legends, tooltips and
descriptions, or the presenter's deck; and no number written the English way."""
import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from atlas import i18n
from atlas.themes import by_page
from tests.apptest_tools import (ENGLISH_NUMBER, NOT_A_NUMBER, date_problems, english_leaks, english_messages,
                                 page_texts, published, readable, switch_page)

CHART_KEYS = {"title", "subtitle", "text", "description", "aria", "label"}


def spec_texts(node, key="") -> list[str]:
    """Words a chart shows: titles, subtitles, descriptions, tooltip and axis titles (not its data)."""
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("datasets", "data", "values"):
                continue
            out += spec_texts(v, k)
    elif isinstance(node, list):
        for v in node:
            out += spec_texts(v, key)
    elif isinstance(node, str) and key in CHART_KEYS:
        out.append(node)
    return out


def table_texts(at) -> list[str]:
    out = []
    for d in at.get("dataframe"):
        out += [c.get("label", "") for c in json.loads(d.proto.columns or "{}").values()]
        frame = d.value
        for col in frame.columns:
            if pd.api.types.is_object_dtype(frame[col]) or pd.api.types.is_string_dtype(frame[col]):  # pandas 3: str
                out += [str(v) for v in frame[col].dropna().unique()[:300]]
    return [t for t in out if t]


def deck_texts(at) -> list[str]:
    """The words of the deck presenter mode shows (the slide engine's data: titles, notes, sources,
    its own interface texts, each slide's chart words)."""
    out = []
    for frame in at.get("iframe"):
        m = re.search(r'<script id="deck-data" type="application/json">(.*?)</script>', frame.proto.srcdoc, re.S)
        if m:
            data = json.loads(m.group(1))

            def walk(node, key=""):
                if isinstance(node, dict):
                    for k, v in node.items():
                        if k == "spec":
                            out.extend(spec_texts(v))
                        elif k not in ("datasets", "data", "values", "places", "world"):  # places: shared map data
                            walk(v, k)
                elif isinstance(node, list):
                    for v in node:
                        walk(v, key)
                elif isinstance(node, str):
                    out.append(node)
            walk(data)
    return out


def shown(text: str, strip: list[str]) -> str:
    text = readable(text)
    for title in strip:
        text = text.replace(title, "")
    return NOT_A_NUMBER.sub("", text)


PAGES = [
    ("overview", {}),
    ("internet", {"view": "map", "year": "2020", "region": "ssa"}),
    ("internet", {"view": "trend", "places": "WLD,SSF,SEN,CIV"}),
    ("internet", {"view": "table", "region": "africa"}),
    ("mobile-money", {}),
    ("kaios", {}),
    ("kaios", {"view": "table"}),   # World Bank regions in a table
    ("kaios", {"view": "change"}),  # the "From" months, as every explorer's Change view writes them
    ("compare", {}),
    ("country", {"country": "SEN"}),
    ("data", {}),
    ("present", {}),
    ("present", {"mode": "show", "slide": "2"}),
]


def french_page(path: str, query: dict) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.query_params.update({"lang": "fr", **query})
    with i18n.using("fr"):  # AppTest formats widget values in the test's thread
        at.run()
        switch_page(at, path if by_page(path) else f"pages/{path}.py").run()
    return at


@pytest.mark.parametrize("path, query", PAGES, ids=[f"{p}-{'-'.join(q.values()) or 'default'}" for p, q in PAGES])
def test_every_page_renders_fully_in_french(path, query):
    at = french_page(path, query)
    assert not at.exception, at.exception
    strip = published()
    texts = [shown(t, strip) for t in page_texts(at) + table_texts(at)]
    charts = [shown(t, strip) for c in at.get("vega_lite_chart") for t in spec_texts(json.loads(c.proto.spec))]
    words = texts + charts + [shown(t, strip) for t in deck_texts(at)]
    english = english_messages()
    leaks = sorted({(m, t[:90]) for t, m in english_leaks(words, english)})
    assert leaks == [], f"{len(leaks)} English texts on /{path}: {leaks[:12]}"
    numbers = [t[:90] for t in texts if ENGLISH_NUMBER.search(t)]
    assert numbers == [], numbers
    # dates written out in French, not ISO; money in French words (the deck's data holds its periods as keys:
    # what a slide shows of it is checked in the browser, tests/browser/test_french_browser.py)
    assert date_problems(texts + charts) == []
    for chart in at.get("vega_lite_chart"):  # every chart writes numbers and dates the French way
        assert json.loads(chart.proto.spec)["config"]["locale"]["number"]["decimal"] == ","
