"""What a person sees on the KaiOS page, in Chromium: the map, the month slider, the milestones on the
trend, and StatCounter exports dropped into the page (good ones drawn, bad ones explained)."""
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from .conftest import ROOT, SHAPES, chart_texts, screenshot, serious_violations, step_slider, wait_idle, wait_shapes

LINES = 'path[aria-roledescription="line mark"]'
MILESTONES = 'path[aria-roledescription="circle"]'
FIXTURES = ROOT / "tests" / "fixtures" / "statcounter"
UPLOAD = '[data-testid="stFileUploaderDropzoneInput"]'
ZERO_AND_NO_DATA = {"#efe6d2", "#d6d6d6"}  # charts.ZERO_FILL, charts.NO_DATA


def params(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def coloured_fills(page) -> list[str]:
    """The fill of every drawn country, in drawing order."""
    return page.eval_on_selector_all(SHAPES, "els => els.map(e => e.getAttribute('fill'))")


def wait_lines(page, n: int) -> None:
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length === n", arg=[LINES, n],
                           timeout=30_000)


def data_files() -> dict:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in (ROOT / "data").iterdir()}


def test_map_draws_and_the_slider_changes_month_map_and_url(page, app_url):
    page.goto(f"{app_url}/kaios")
    wait_idle(page)
    assert wait_shapes(page, 200) >= 200
    expect(page.get_by_text("KaiOS share, Aug 2026 — World")).to_be_visible()
    assert params(page)["month"] == "2026-08"
    before = coloured_fills(page)
    assert sum(f not in ZERO_AND_NO_DATA for f in before) >= 25  # places above 0 get scale colours
    screenshot(page, "kaios-map-2026-08")

    step_slider(page, "Month", "KaiOS share, Jul 2026 — World", "month", "2026-07", shown="Jul 2026")
    assert wait_shapes(page, 200) >= 200
    page.wait_for_function("([sel, old]) => { const f = Array.from(document.querySelectorAll(sel))"
                           ".map(e => e.getAttribute('fill')); return f.join() !== old.join(); }",
                           arg=[SHAPES, before], timeout=30_000)  # the colours changed with the month

    page.get_by_text("Quantiles (fifths)", exact=True).click()
    page.wait_for_url(re.compile(r"colours=quantile"))
    wait_idle(page)
    legend = page.locator('[aria-roledescription="legend"]').first
    expect(legend).to_contain_text("fifths of the places above 0")
    expect(legend).to_contain_text(re.compile(r"\d–\d"))  # each class names its range
    legend.scroll_into_view_if_needed()
    screenshot(page, "kaios-map-quantiles")


def test_a_deep_link_to_an_old_month_shows_it(page, app_url):
    page.goto(f"{app_url}/kaios?month=2019-06&region=africa&scale=log")
    wait_idle(page)
    expect(page.get_by_text("KaiOS share, Jun 2019 — Africa (continent)")).to_be_visible()
    assert 45 <= wait_shapes(page, 45) <= 60  # the continent's countries only: a zoom
    expect(page.get_by_test_id("stSliderThumbValue")).to_have_text("Jun 2019")  # a month in words, not ISO
    screenshot(page, "kaios-map-africa-2019-06")


def test_trend_shows_lines_with_gaps_and_the_milestones(page, app_url):
    page.goto(f"{app_url}/kaios?view=trend")
    wait_idle(page)
    wait_lines(page, 6)
    assert page.locator(MILESTONES).count() == 6  # one numbered marker per milestone date
    chart = page.get_by_test_id("stVegaLiteChart").first
    for n in "123456":
        expect(chart.locator("text", has_text=re.compile(f"^{n}$")).first).to_be_attached()
    india_like = page.eval_on_selector_all(LINES, "els => els.map(e => (e.getAttribute('d').match(/M/g) || []).length)")
    assert max(india_like) >= 4  # a line broken at the three unpublished months: four pieces
    expect(page.get_by_text("Over 40 million devices shipped to date").first).to_be_visible()
    expect(page.get_by_text("KaiOS Technologies joins the Smart Africa Alliance").first).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Google Invests \\$22M in KaiOS"))).to_have_attribute(
        "href", re.compile("cdrinfo.com"))
    screenshot(page, "kaios-trend-milestones")
    assert serious_violations(page) == []


def upload(page, name: str, data: bytes | None = None) -> None:
    payload = (FIXTURES / name).read_bytes() if data is None else data
    page.locator(UPLOAD).set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": payload}])
    wait_idle(page)


def test_a_valid_export_shows_up_on_the_chart_and_nothing_is_written(page, app_url):
    before = data_files()
    page.goto(f"{app_url}/kaios?view=trend&measure=mobile")
    wait_idle(page)
    wait_lines(page, 6)
    page.get_by_text("Compare with your own StatCounter export").click()
    upload(page, "mobile_os-IN-monthly-201901-202012.csv")
    wait_lines(page, 7)
    expect(page.get_by_text("Read 24 months (2019-01 to 2020-12)")).to_be_visible()
    assert any("your StatCounter file: KaiOS" in t for t in chart_texts(page.get_by_test_id("stVegaLiteChart").first))
    dashes = page.eval_on_selector_all(LINES, "els => els.map(e => e.getAttribute('stroke-dasharray'))")
    assert sorted(dashes) == ["1,0"] * 6 + ["6,3"]  # the uploaded series, and only it, is dashed
    assert data_files() == before  # the snapshot is untouched
    page.get_by_test_id("stVegaLiteChart").first.scroll_into_view_if_needed()
    screenshot(page, "kaios-trend-upload")


def test_each_broken_export_gives_its_message(page, app_url):
    page.goto(f"{app_url}/kaios?view=trend")
    wait_idle(page)
    wait_lines(page, 6)
    page.get_by_text("Compare with your own StatCounter export").click()
    huge = b'"Date","Android"\n' + b"2020-01,100\n" * 200_000  # 2.4 MB: over our 1 MB limit
    cases = [("browser_export.csv", None, "looks like a browser market share export"),
             ("wrong_columns.csv", None, "The first column should be “Date”"),
             ("non_numeric.csv", None, "“n/a” is not a number"),
             ("bad_sums.csv", None, "should add up to about 100 %"),
             ("empty.csv", None, "The file is empty"),
             ("html_page.csv", None, "This is a web page (HTML) saved with a .csv name"),
             ("huge.csv", huge, "a StatCounter export is a few kilobytes")]
    for name, data, words in cases:
        upload(page, name, data)
        alert = page.get_by_test_id("stAlertContentError")
        expect(alert).to_contain_text(words)
        expect(alert).to_contain_text("The built-in series are unchanged")
        wait_lines(page, 6)  # nothing added, nothing lost
        if name == "html_page.csv":
            alert.scroll_into_view_if_needed()
            screenshot(page, "kaios-upload-html-error")
    assert not page.get_by_test_id("stException").count()
