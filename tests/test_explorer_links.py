"""Links and views on the pure core (no page run): what a URL's bad values fall back to and the notice each
gives, and that every view draws for every choice a page offers. One AppTest per page shows the notices
(tests/test_app_*.py: `test_bad_links_fall_back_with_a_notice_each`); the pages draw what `figure` returns."""
import json

import pytest

from atlas.params import parse_all
from atlas.themes import themes

EXPLORERS = {t.page: t.explorer for t in themes()}

BAD_LINKS = [  # page, URL parameters, words of the notice, the parameter that falls back to its default
    ("internet", {"year": "1800"}, "Year: '1800' is not available", "year"),
    ("internet", {"year": "<script>"}, "Year: '?script?' is not available", "year"),
    ("internet", {"places": "XXX"}, "Places: XXX not recognised", "places"),
    ("internet", {"region": "mars"}, "Region: 'mars' is not one of the choices", "region"),
    ("mobile-money", {"year": "1800"}, "Year: '1800' is not available", "year"),
    ("mobile-money", {"measure": "<script>"}, "Indicator: '?script?' is not one of the choices", "measure"),
    ("mobile-money", {"slice": "martians"}, "Group: 'martians' is not one of the choices", "slice"),
    ("mobile-money", {"places": "XXX"}, "Places: XXX not recognised", "places"),
    ("mobile-money", {"metric": "gold"}, "GSMA measure: 'gold' is not one of the choices", "metric"),
    ("kaios", {"month": "2024-06"}, "Month: '2024-06' is not available", "month"),
    ("kaios", {"month": "<b>x</b>"}, "Month: '?b?x??b?' is not available", "month"),
    ("kaios", {"places": "XXX"}, "Places: XXX not recognised", "places"),
    ("kaios", {"scale": "rainbow"}, "Colour scale: 'rainbow' is not one of the choices", "colours"),
    ("kaios", {"view": "pie"}, "View: 'pie' is not one of the choices", "view"),
    ("kaios", {"context": "ZZZ"}, "Browsers for: 'ZZZ' is not one of the choices", "context"),
]


@pytest.mark.parametrize("page, query, words, param", BAD_LINKS,
                         ids=[f"{p}-{'-'.join(q)}-{i}" for i, (p, q, _, _) in enumerate(BAD_LINKS)])
def test_a_bad_link_value_falls_back_with_a_notice(snapshot, page, query, words, param):
    ex = EXPLORERS[page]
    values, notices = ex.values(snapshot, query)
    assert any(words in n for n in notices), notices
    default = {p.name: p.default for p in ex.params(snapshot)}[param]
    assert values[param] == default
    ex.figure(snapshot, values)  # and the page draws the default view


@pytest.mark.parametrize("page, query, words, kept", [
    ("internet", {"places": "KEN,XXX"}, "Places: XXX not recognised and left out", ["KEN"]),
    ("mobile-money", {"view": "regions", "gsma": "GSMA_SSA,NOPE"}, "GSMA regions: NOPE not recognised and left out",
     ["GSMA_SSA"]),
])
def test_partly_good_codes_keep_the_good_ones(snapshot, page, query, words, kept):
    values, notices = EXPLORERS[page].values(snapshot, query)
    name = "gsma" if "gsma" in query else "places"
    assert any(words in n for n in notices), notices
    assert values[name] == kept


# --- every view draws (the pages lay out what `figure` returns) -----------------------------------------
def drawn(snapshot, page, query):
    """The values, the link notices (what the page shows as a warning; not the notice of a period moved to the
    nearest one the indicator has, which the page shows as information) and the figure."""
    ex = EXPLORERS[page]
    values, _moved = ex.values(snapshot, query)
    return values, parse_all(ex.params(snapshot), query)[1], ex.figure(snapshot, values)


@pytest.mark.parametrize("region", ["world", "africa", "lac"])
def test_every_internet_view_draws_for_every_region(snapshot, region):
    for view in ("map", "trend", "table"):
        _values, notices, fig = drawn(snapshot, "internet", {"view": view, "region": region})
        assert not notices and not fig.notice and len(fig.table), (view, region)
        assert (fig.spec is not None) == (view != "table") and (fig.columns is not None) == (view == "table")


def options(snapshot, page: str, param: str) -> list[str]:
    return EXPLORERS[page].controls[param].options(snapshot)


def test_every_mobile_money_indicator_draws_in_a_view(snapshot):
    """Each indicator once, the views taken in turn (each view meets Findex, the gap and FAS), and each GSMA
    measure on the regional view."""
    for i, measure in enumerate(options(snapshot, "mobile-money", "measure")):
        view = ("map", "trend", "table")[i % 3]
        _values, notices, fig = drawn(snapshot, "mobile-money", {"view": view, "measure": measure})
        assert not notices and not fig.notice, (view, measure, fig.notice)
        if view == "table":
            assert len(fig.table) > 10, measure
        else:
            assert fig.spec is not None, (view, measure)
    metrics = options(snapshot, "mobile-money", "metric")
    assert set(metrics) >= {"value", "volume", "registered", "active", "agents", "active_agents"}
    for metric in metrics:
        _values, notices, fig = drawn(snapshot, "mobile-money", {"view": "regions", "metric": metric})
        assert not notices and not fig.notice and fig.spec is not None, metric


@pytest.mark.parametrize("query", [
    {"slice": "rural", "year": "2014"},                      # rural/urban splits start in 2024
    {"measure": "account", "slice": "urban", "year": "2011"},
])
def test_a_mobile_money_choice_without_data_says_so_instead_of_an_empty_map(snapshot, query):
    for view in ("map", "table"):
        _values, _notices, fig = drawn(snapshot, "mobile-money", {**query, "view": view})
        assert fig.spec is None and fig.columns is None
        assert fig.notice.startswith("No data for this choice") and "2024" in fig.notice


def test_every_kaios_view_draws_for_each_measure(snapshot):
    for view, measure in [("map", "mobile"), ("trend", "mobile"), ("browsers", "all"), ("table", "all")]:
        _values, notices, fig = drawn(snapshot, "kaios", {"view": view, "measure": measure, "month": "2021-01"})
        assert not notices and not fig.notice and len(fig.table), (view, measure)


@pytest.mark.parametrize("scale", ["log", "quantile", "linear"])
def test_each_kaios_colour_scale_draws_with_an_honest_legend(snapshot, scale):
    _values, notices, fig = drawn(snapshot, "kaios", {"month": "2023-06", "scale": scale})
    assert not notices and not fig.notice
    spec, frames = fig.spec, fig.spec["datasets"]
    colour = spec["layer"][0]["encoding"]["color"]
    caption = "\n".join(fig.captions)
    if scale == "quantile":
        classes = next(p for p in spec["params"] if p["name"] == "classes")["value"]
        assert len(classes) == 5 and set(frames["map_values"]["k"].dropna()) == set(classes)
        assert "fifths" in colour["legend"]["title"] and "a fifth of the" in caption
    else:
        assert colour["scale"]["type"] == scale and colour["scale"]["domain"][0] == (0.001 if scale == "log" else 0)
        assert ("Log colour scale from ≤0.001 %" in caption) == (scale == "log")
    # the zero colour is named in the chart itself (two rows, inline in the spec: no Arrow table per move)
    keys = [layer["data"]["values"] for layer in spec["layer"] if "values" in layer.get("data", {})]
    assert keys and "0 or none recorded" in [k["label"] for k in keys[0]]
    json.dumps({k: v for k, v in spec.items() if k != "datasets"})  # the spec travels as JSON

