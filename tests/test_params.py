"""URL parameters without Streamlit: parsing, bounds, and View.load's one decision (is_new_link)."""
import pytest

from atlas import params

W = {"view": "map", "year": "2024"}  # what the page last wrote


@pytest.mark.parametrize("case, url, written, arrived, interacting, new", [
    ("a link opened on a fresh session", {"year": "2019"}, None, True, False, True),
    ("a link opened from another page", {"year": "2019"}, W, True, False, True),
    ("our own write echoed back", W, W, False, False, False),
    ("a widget moved: the URL is the browser's stale echo", {"view": "map", "year": "2023"}, W, False, True, False),
    ("Back/Forward: the URL moved, no widget did", {"view": "map", "year": "2019"}, W, False, False, True),
    ("Back to the bare page while a widget moves", {}, W, False, True, False),
    ("no parameters at all", {}, None, True, False, False),
    ("arrived while a widget differs: the link still wins", {"year": "2019"}, W, True, True, True),
])
def test_view_load_decides_between_link_widget_and_echo(case, url, written, arrived, interacting, new):
    assert params.is_new_link(url, written, arrived, interacting) is new, case


def test_codes_keep_the_known_and_say_what_was_left_out():
    p = params.codes("places", {"KEN", "NGA"}, ["KEN"], label="Places")
    assert params.parse_value(p, "ken, nga,ken") == (["KEN", "NGA"], None)
    value, notice = params.parse_value(p, "KEN,XXX")
    assert value == ["KEN"] and notice == "Places: XXX not recognised and left out"
    value, notice = params.parse_value(p, "XXX")
    assert value == ["KEN"] and "showing KEN instead" in notice


def test_a_codes_list_longer_than_its_limit_keeps_the_first_and_says_so():
    known = {f"C{i:02d}" for i in range(40)}
    p = params.codes("places", known, [], label="Places", most=12)
    value, notice = params.parse_value(p, ",".join(sorted(known)[:20]))
    assert value == sorted(known)[:12] and "only the first 12 places are used" in notice


def test_an_over_long_value_is_refused_unread():
    calls = []
    p = params.Param("view", "map", lambda t: calls.append(t) or t, label="View")
    value, notice = params.parse_value(p, "x" * 100_000)
    assert value == "map" and not calls
    assert notice == "View: the value is 100,000 characters long (at most 64); showing map instead"
    codes = params.codes("places", {"KEN"}, ["KEN"], label="Places")
    value, notice = params.parse_value(codes, ",".join(["KEN"] * 50_000))
    assert value == ["KEN"] and "characters long" in notice


def test_an_old_name_is_read_but_the_new_one_wins():
    p = params.choice("colours", ["log", "linear"], "log", label="Colour scale", aliases=("scale",))
    assert params.parse_all([p], {"scale": "linear"}) == ({"colours": "linear"}, [])
    assert params.parse_all([p], {"scale": "linear", "colours": "log"}) == ({"colours": "log"}, [])
    assert params.known_names([p]) == {"colours", "scale"}


def test_shown_strips_markup_and_cuts_long_text():
    assert params.shown("<b>x</b>") == "?b?x??b?"
    assert params.shown("a" * 100, 5) == "aaaaa…"


def test_params_import_no_streamlit():
    import subprocess
    import sys
    code = ("import sys, atlas.params, atlas.themes, atlas.charts, atlas.slides, atlas.export.pdf, atlas.numbers, atlas.profile_views; "
            "print('streamlit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
