"""The explorer declarations without Streamlit: defaults, every view, descriptions, one parameter name."""
import pytest

from atlas import slides
from atlas.deck import SlideRef
from atlas.themes import themes

EXPLORERS = {t.page: t.explorer for t in themes()}

CASES = [(page, view) for page, ex in EXPLORERS.items() for view in ex.views]


@pytest.mark.parametrize("page", list(EXPLORERS))
def test_defaults_are_valid_values(snapshot, page):
    for p in EXPLORERS[page].params(snapshot):
        if isinstance(p.default, list):
            assert all(p.parse(c) for c in p.default), p.name
        else:
            assert p.parse(p.dump(p.default)) == p.default, p.name


@pytest.mark.parametrize("page, view", CASES)
def test_every_view_draws_a_figure_with_a_source_and_a_description(snapshot, page, view):
    ex = EXPLORERS[page]
    values, notices = ex.values(snapshot, {"view": view})
    fig = ex.figure(snapshot, values)
    assert not notices and not fig.notice and fig.source and fig.table is not None and len(fig.table)
    if fig.spec is not None:
        assert len(fig.spec["description"]) > 40 and "no values" not in fig.spec["description"]


def test_a_map_description_names_the_period_the_place_and_the_extremes(snapshot):
    ex = EXPLORERS["internet"]
    values, _ = ex.values(snapshot, {"view": "map", "year": "2024", "region": "africa"})
    text = ex.figure(snapshot, values).spec["description"]
    table = ex.figure(snapshot, values).table
    low, high = table.loc[table["value"].idxmin()], table.loc[table["value"].idxmax()]
    assert text.startswith(f"Map of Internet use (%) in 2024, Africa (continent): {len(table)} countries with a value")
    assert f"({low['name']})" in text and f"({high['name']})" in text


def test_every_map_is_clickable(snapshot):
    for page, ex in EXPLORERS.items():
        if "map" not in ex.views:  # the compare view draws bubbles, not a map
            continue
        values, _ = ex.values(snapshot, {"view": "map"})
        fig = ex.figure(snapshot, values)
        assert fig.clickable and any(p["name"] == "pick" for p in fig.spec["params"]), page


def test_one_name_means_one_thing_across_explorers(snapshot):
    """The same parameter name has the same label (and so the same control) on every page."""
    labels = {}
    for page, ex in EXPLORERS.items():
        for p in ex.params(snapshot):
            labels.setdefault(p.name, set()).add(p.label)
    assert labels["axis"] == {"Axis"} and labels["region"] == {"Region"} and labels["places"] == {"Places"}
    assert "scale" not in labels  # the y-axis is `axis` everywhere; KaiOS's colour scale is `colours`


@pytest.mark.parametrize("page, old, new, value", [
    ("kaios", "scale", "colours", "quantile"), ("internet", "scale", "axis", "log"),
    ("mobile-money", "scale", "axis", "log")])
def test_old_scale_links_open_the_same_view(snapshot, page, old, new, value):
    values, notices = EXPLORERS[page].values(snapshot, {old: value})
    assert values[new] == value and not notices


def test_a_slide_is_the_page_s_figure(snapshot):
    ref = SlideRef("kaios", {"view": "map", "month": "2019-05", "scale": "quantile"})
    slide = slides.render(snapshot, ref)
    ex = EXPLORERS["kaios"]
    fig = ex.figure(snapshot, ex.values(snapshot, ref.params)[0])
    assert slide.title == fig.title and slide.spec["layer"] == fig.spec["layer"]
    assert slide.spec["layer"][0]["encoding"]["color"]["type"] == "ordinal"  # quantile classes
    assert slide.periods == ex.periods(snapshot, {}) and slide.period == "2019-05"


def test_a_tapped_country_is_read_in_words_and_outlined(snapshot):
    """Issue 22: the card a map tap shows (`Figure.value_of`), checked against the observations themselves, and the
    outline of the tapped or searched country (`maps.highlight`), which leaves the cached template alone."""
    from atlas import i18n
    from atlas.charts import maps
    obs = snapshot.observations
    wdi = obs[(obs["indicator"] == "internet_users_pct") & (obs["entity"] == "GHA") & obs["preferred"]]
    at = {p: float(v) for p, v in zip(wdi["period"], wdi["value"])}
    ex = EXPLORERS["internet"]
    with i18n.using("fr"):
        fig = ex.figure(snapshot, ex.values(snapshot, {"view": "map", "year": "2024"})[0], None, extras={})
        assert fig.value_of("Ghana") == f"Usage d’Internet (%) : {at['2024']:.1f} (2024)".replace(".", ",")
        change = ex.figure(snapshot, ex.values(snapshot, {"view": "change", "from": "2015", "year": "2024"})[0],
                           None, extras={})
        assert change.value_of("Ghana").endswith(
            f": +{at['2024'] - at['2015']:.1f} ({at['2015']:.3g} en 2015 → {at['2024']:.1f} en 2024)".replace(".", ","))
    assert fig.value_of("Atlantis") is None
    before = repr(fig.spec["layer"])
    outlined = maps.highlight(fig.spec, "SEN")
    assert repr(fig.spec["layer"]) == before and {"name": "found", "value": "SEN"} in outlined["params"]
    assert '"test": "datum.id === found"' in __import__("json").dumps(outlined["layer"])


def test_a_period_move_reuses_the_figure_drawn_lately(snapshot):
    """Issue 23 (40 users moving maps): a view drawn a moment ago in this process, in the same language, is handed
    out again, spec as sent included, instead of drawn again; a visitor's own file is never kept."""
    from dataclasses import replace

    from atlas import i18n
    from atlas.ui import explorer as ui
    ex = EXPLORERS["internet"]
    drawn = []

    def counted(snap, v, extras):
        drawn.append(v["year"])
        return ex.views["map"].draw(snap, v, extras)
    counting = replace(ex, key="test.kept", views={**ex.views, "map": replace(ex.views["map"], draw=counted)})
    at = {year: ex.values(snapshot, {"view": "map", "year": year})[0] for year in ("2021", "2022", "2023")}
    first, sent = ui.kept_figure(counting, snapshot, at["2023"], {})
    again, sent_again = ui.kept_figure(counting, snapshot, dict(at["2023"]), {"upload": None})
    assert drawn == ["2023"] and again is first and sent_again is sent
    fresh = ex.figure(snapshot, at["2023"])  # what it stands for: the figure drawn afresh
    assert first.spec["description"] == fresh.spec["description"] and first.table.equals(fresh.table)
    assert sent["datasets"]["map_values"].to_pandas().equals(fresh.spec["datasets"]["map_values"])
    with i18n.using("fr"):
        french, _ = ui.kept_figure(counting, snapshot, at["2023"], {})
    assert drawn == ["2023"] * 2 and french.spec["description"].startswith("Carte")
    ui.kept_figure(counting, snapshot, at["2023"], {"upload": fresh.table})  # someone's file: theirs alone
    assert drawn == ["2023"] * 3
    ui.kept_figure(counting, snapshot, at["2022"], {})  # another year: drawn
    assert drawn == ["2023"] * 3 + ["2022"]
