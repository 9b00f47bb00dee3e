"""The app in French, as a person sees it in Chromium: the map's tooltip, legend and the trend's axis in
French number format, the overview in French, every page's visible text with no English interface text and no
ISO or English date, and screenshots of French pages (looked at, see the note)."""
import re

from playwright.sync_api import expect

from .conftest import SHAPES, screenshot, wait_idle, wait_shapes

ENGLISH_DECIMAL = re.compile(r"\d\.\d")


def french_text_problems(page) -> list:
    """English catalogue texts, English numbers, ISO or English dates and English money words in what a person
    reads on the page in French: `document.body.innerText` with its expanders opened, and that of its frames
    (the presenter's deck). Publications' own titles and quotations keep their words."""
    from tests.apptest_tools import ENGLISH_NUMBER, NOT_A_NUMBER, date_problems, english_leaks, published
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    text = "\n".join(f.evaluate("document.body ? document.body.innerText : ''") for f in page.frames)
    lines = []
    for line in filter(str.strip, text.split("\n")):
        for title in published():
            line = line.replace(title, "")
        lines.append(NOT_A_NUMBER.sub("", line))
    leaks = sorted({(m, t[:90]) for t, m in english_leaks(lines)})
    return leaks + [t[:90] for t in lines if ENGLISH_NUMBER.search(t)] + date_problems(lines)


def assert_french(page) -> None:
    problems = french_text_problems(page)
    assert problems == [], f"{page.url}: {problems[:12]}"


def svg_texts(page, role: str) -> list[str]:
    """The texts Vega drew in one kind of group (role-legend, role-axis) of every chart on the page."""
    return [t for t in page.locator(f"g.{role} text").all_text_contents() if t and t.strip()]


def test_internet_map_tooltip_and_legend_in_french(page, app_url):
    page.goto(f"{app_url}/internet?lang=fr&region=ssa&year=2020")
    wait_idle(page)
    wait_shapes(page, 40)
    expect(page.get_by_role("heading", name="Usage d’Internet")).to_be_visible()
    expect(page.get_by_text("Individuals using the internet")).to_have_count(0)  # the indicator's own label too
    legend = svg_texts(page, "role-legend")
    assert legend and not [t for t in legend if ENGLISH_DECIMAL.search(t)], legend
    assert "Usage d’Internet (%)" in legend and "Internet use (%)" not in legend, legend
    shape = page.locator(SHAPES).nth(0)
    shape.hover()
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_be_visible()
    text = tooltip.inner_text()
    assert "Pays" in text and "Rang" in text, text
    assert re.search(r"\n\d{1,3},\d\n", text) and not ENGLISH_DECIMAL.search(text), text  # "33,3"
    assert "Afrique subsaharienne" in text and "Sub-Saharan" not in text, text
    screenshot(page, "fr-internet-map")
    assert_french(page)


def test_a_map_legend_writes_decimals_the_french_way(page, app_url):
    page.goto(f"{app_url}/kaios?lang=fr&colours=quantile&month=2020-06")
    wait_idle(page)
    wait_shapes(page, 100)
    legend = svg_texts(page, "role-legend")
    assert [t for t in legend if re.search(r"\d,\d", t)], legend  # class bounds such as "0,001–0,0084"
    assert not [t for t in legend if ENGLISH_DECIMAL.search(t)], legend
    assert_french(page)


def test_internet_trend_axis_in_french(page, app_url):
    page.goto(f"{app_url}/internet?lang=fr&view=trend&places=WLD,SSF,SEN,CIV")
    wait_idle(page)
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length >= 4",
                           arg='path[aria-roledescription="line mark"]')
    axis = svg_texts(page, "role-axis")
    values = [t for t in axis if re.fullmatch(r"[\d.,\u202f\u00a0%+−-]+", t) and not re.fullmatch(r"\d{4}", t)]
    # whole ticks since charts.axis_format ("0, 10, 20", not "10,0"); none written the English way
    assert len(values) >= 4, axis
    assert not [t for t in values if ENGLISH_DECIMAL.search(t)], values
    assert "Internet use" not in " ".join(axis), axis  # the axis title is French too
    expect(page.get_by_text("Côte d’Ivoire").first).to_be_visible()


def test_overview_in_french_and_its_links_keep_the_language(page, app_url):
    from atlas import i18n, story
    from atlas.store import DATA_DIR, Snapshot
    with i18n.using("fr"):  # the cards' figures, computed from the snapshot as the page computes them
        cards = [card for _, card in story.cards(Snapshot.load(DATA_DIR))]
    page.goto(f"{app_url}/?lang=fr")
    wait_idle(page)
    expect(page.get_by_role("heading", name="Atlas de la connectivité")).to_be_visible()
    for card in cards:
        expect(page.get_by_role("heading", name=card.title)).to_be_visible()
        expect(page.get_by_text(card.figure, exact=True)).to_be_visible()
    assert all("," in c.figure or not any(ch.isdigit() for ch in c.figure.split()[-1]) for c in cards)
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length >= 3",
                           arg='path[aria-roledescription="line mark"]')
    axis = svg_texts(page, "role-axis")
    assert axis and not [t for t in axis if ENGLISH_DECIMAL.search(t)], axis
    screenshot(page, "fr-overview")
    assert_french(page)
    links = page.get_by_role("link", name="Ouvrir cette vue")
    expect(links).to_have_count(3)
    links.first.click()
    page.wait_for_url(re.compile(r"/internet\?.*lang=fr"))
    wait_idle(page)
    expect(page.get_by_role("heading", name="Usage d’Internet")).to_be_visible()


def test_country_profile_in_french(page, app_url):
    page.goto(f"{app_url}/country?country=SEN&lang=fr")
    wait_idle(page)
    expect(page.get_by_role("heading", name="Sénégal", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"de la population du Sénégal utilisait Internet")).first).to_be_visible()
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length >= 1",
                           arg='path[aria-roledescription="line mark"]')
    screenshot(page, "fr-country-senegal")
    assert_french(page)


def test_presenter_mode_in_french_on_a_projector(page, app_url):
    from .test_present_browser import DECK, shown
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.set_default_timeout(60_000)  # entering Present on a cold server builds the deck's templates
    page.goto(f"{app_url}/present?lang=fr&mode=show&slide=2")
    deck = page.frame_locator(DECK)
    try:
        shown(deck, 2)
    finally:
        screenshot(page, "fr-present-slide2-1920x1080")
    assert deck.locator("html").get_attribute("lang") == "fr"
    expect(deck.locator("#next")).to_have_text("Suivante")
    expect(deck.locator("#prev")).to_have_text("Précédente")
    axis = [t for t in deck.locator("g.role-axis text, g.role-legend text").all_text_contents() if t.strip()]
    assert axis and not [t for t in axis if ENGLISH_DECIMAL.search(t)], axis
    screenshot(page, "fr-present-slide2-1920x1080")
    assert_french(page)  # the page and the deck's frame
    page.locator(".st-key-present-exit button").dispatch_event("click")  # Exit (Esc's button): building, no reload
    expect(page.get_by_role("heading", name="Mode présentation")).to_be_visible(timeout=30_000)
    wait_idle(page)
    assert_french(page)


# Every page is read in French on a load some test makes anyway: the overview, internet and KaiOS maps,
# Senegal's profile and the presenter's show and build modes above; mobile money below; compare, the profile
# and the data page in test_fit_browser.


def test_mobile_money_and_its_gsma_views_read_in_french(page, app_url):
    """One load, then each GSMA view chosen as a person would (a rerun, not a reload)."""
    from atlas import i18n
    from atlas.themes.mobile_money.explorer import GSMA_VIEWS, VIEWS
    page.goto(f"{app_url}/mobile-money?lang=fr")
    wait_idle(page)
    expect(page.locator("h1").first).to_be_visible(timeout=30_000)
    assert_french(page)
    with i18n.using("fr"):
        shown = i18n._("View")
    for key in GSMA_VIEWS:
        with i18n.using("fr"):
            label = i18n._(VIEWS[key].label)
        page.get_by_role("radiogroup", name=shown).get_by_text(label, exact=True).click()
        page.wait_for_url(re.compile(f"view={key}"))
        wait_idle(page)
        assert_french(page)
