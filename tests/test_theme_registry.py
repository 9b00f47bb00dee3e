"""The registry is the one list of themes: a toy theme declared in one module under tests/fixtures/ appears in
the navigation, on its own page, on the data page, the overview and the country profile, and in a deck,
with no change under atlas/. And no module outside a theme's own names a theme."""
import ast
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_tools import run_page, switch_page

ROOT = Path(__file__).resolve().parents[1]
TOY = "tests.fixtures.toy_theme"


@pytest.fixture
def toy(monkeypatch):
    monkeypatch.setenv("ATLAS_THEMES", TOY)
    from tests.fixtures import toy_theme
    return toy_theme.THEME


def app(page: str | None = None, **query) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params.update(query)
    at.run()
    if page:
        switch_page(at, page).run()
    assert not at.exception, at.exception
    return at


def test_a_toy_theme_appears_in_navigation_overview_and_its_own_page(toy):
    at = app()  # the overview: the default page
    links = {link.proto.label: link.proto.page for link in at.get("page_link")}
    assert links.get(toy.title) == toy.page  # the sidebar and the card's "Open this view" link
    assert "Toy: people in the world" in [s.value for s in at.subheader]
    assert "**a toy theme**" in " ".join(m.value for m in at.markdown)
    page = run_page(toy.page, {"places": "WLD,KEN"})
    assert not page.exception and page.title[0].value == toy.title
    assert len(page.get("vega_lite_chart")) == 1 and page.query_params["places"] in ("WLD,KEN", ["WLD,KEN"])


def test_a_toy_theme_appears_on_the_data_page_and_the_profile(toy):
    data = run_page("../pages/data.py")
    picker = data.get("segmented_control")[0]
    assert toy.key in picker.options or toy.title in picker.options
    picker.set_value(toy.key).run()
    assert list(data.dataframe[0].value["label"]) == [data.dataframe[0].value["label"].iloc[0]]
    profile = run_page("../pages/country.py", {"country": "KEN"})
    assert "Toy section" in [s.value for s in profile.subheader]
    assert any("Toy sentence:" in m.value for m in profile.markdown)


def test_a_toy_theme_can_be_added_to_a_deck(toy, snapshot):
    from atlas import deck, slides
    ref = deck.from_link(f"https://atlas.example/{toy.page}?view=trend&places=WLD,IND")
    assert slides.renderer(ref.page) is not None and slides.page_title(ref.page) == toy.title
    slide = slides.render(snapshot, ref)
    assert slide.title == "Toy population" and slide.spec is not None and not slide.notices
    assert toy.page in [r.page for r in slides.default_deck(snapshot)]


# --- no module outside a theme's own names a theme -------------------------------------------------------
THEMED = re.compile(r"(?:^|[/._?=&,:\-])({words})(?:$|[/._?=&,:\-])")


def theme_words() -> list[str]:
    from atlas.themes import MODULES, themes
    words = set()
    for t in themes():
        words |= {t.key, t.page, t.explorer.key}
    words |= {m.rsplit(".", 1)[-1] for m in MODULES}
    return sorted(words, key=len, reverse=True)


def named_themes(path: Path, words: list[str]) -> list[str]:
    """String constants (docstrings aside) and identifiers that name a theme: 'kaios', '/internet', 'kaios_share_all',
    `INTERNET`, `mobile_money`; a prose word ("no internet") is not a name."""
    tree = ast.parse(path.read_text())
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                  and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    pattern = THEMED.pattern.format(words="|".join(re.escape(w) for w in words))
    found = []
    for node in ast.walk(tree):
        texts = []
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            texts = [node.value]
        elif isinstance(node, ast.Name):
            texts = [node.id.lower()]
        elif isinstance(node, ast.Attribute):
            texts = [node.attr.lower()]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            texts = [a.name.lower() for a in node.names] + [getattr(node, "module", None) or ""]
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            texts = [node.name.lower()]
        found += [f"{path.relative_to(ROOT)}:{node.lineno}: {t[:60]!r}" for t in texts if re.search(pattern, t)]
    return found


def test_only_a_themes_own_module_names_it():
    words = theme_words()
    allowed = ("atlas/themes/", "atlas/pipeline/", "atlas/i18n/")
    files = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "atlas").rglob("*.py"))]
    found = [hit for f in files if not str(f.relative_to(ROOT)).startswith(allowed) for hit in named_themes(f, words)]
    assert found == []
    registry = named_themes(ROOT / "atlas/themes/__init__.py", words)  # the list itself, and nothing else
    from atlas.themes import MODULES
    assert len(registry) == len(MODULES)
