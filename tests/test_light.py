"""The light pages' builder (atlas/light.py), without a server: the heaviest pages of each kind (a world map, the
overview, a profile) in both languages: size, sources, language, nothing fetched, and the app's page around them."""
import re
from pathlib import Path

import brotli
import pytest
import streamlit

from atlas import i18n, light
from atlas.i18n import _

INDEX = (Path(streamlit.__file__).parent / "static" / "index.html").read_text()
SHAPES = 'aria-roledescription="geoshape"'


@pytest.fixture(scope="module")
def pages(snapshot):
    """(lang, page) for the first explorer's world map in both languages, the overview and a profile."""
    ex = light.explorers()[0]
    out = []
    for lang, build in (("fr", lambda: light.map_page(snapshot, ex, "world")), ("en", lambda: light.map_page(snapshot, ex, "world")),
                        ("en", lambda: light.overview_page(snapshot)), ("fr", lambda: light.profile_page(snapshot, "SEN"))):
        with i18n.using(lang):
            page = build()
            out.append((lang, page, light.standalone(page, lang), light.shell(page, lang, INDEX)))
    return out


def sections(html: str) -> list[str]:
    return re.split(r"<h2[ >]", html.split("<main>", 1)[1].split("</main>", 1)[0])


def test_every_light_page_is_small_sourced_in_its_language_and_fetches_nothing(pages):
    for lang, page, alone, shell in pages:
        for html in (alone, shell):
            assert len(brotli.compress(html.encode(), quality=10)) <= light.BUDGET, (page.name, lang)
        # every section with a chart, a table or a big figure names its source
        for part in sections(alone):
            if re.search(r"<figure|<table|class=\"fig\"", part):
                assert re.search(r'class="src">[^<]*' + re.escape(_source_word(lang)), part), (page.name, part[:300])
        # in its language: the document's, the catalogue's words, numbers written the language's way
        assert f'<html lang="{lang}">' in alone and f'<html lang="{lang}">' in shell
        with i18n.using(lang):
            assert _(light.TEXT["open"]) in alone and _(light.TEXT["stay"]) in shell
        # no script, and nothing fetched: no source, stylesheet, font, image or frame, here or elsewhere
        assert not re.search(r"<script|<link|<img|<iframe|\ssrc=|url\((?!#)|@import", alone), page.name
        assert not re.search(r"https?:", re.sub(r'(<a href|xmlns(:\w+)?)="https?:[^"]*"', "", alone)), page.name
    fr_map, en_map = pages[0][2], pages[1][2]
    assert fr_map.count(SHAPES) >= 170 and en_map.count(SHAPES) >= 170  # the map is drawn in the page
    assert re.search(r'<td class="n">\d+,\d</td>', fr_map) and re.search(r'<td class="n">\d+\.\d</td>', en_map)


def _source_word(lang: str) -> str:
    with i18n.using(lang):
        return _("Source: {publisher}, {label}; {vintage}. Licence: {licence}.").split("{")[0].strip()[:6]


def test_the_apps_page_carries_the_light_block_before_its_code_and_a_preview(pages):
    lang, page, alone, shell = pages[0]
    head, body = shell.split("<body>", 1)
    assert "<script type=\"module\"" not in head and 'rel="modulepreload"' not in head and 'rel="stylesheet"' not in head
    assert body.index('<div id="light">') < body.index('<div id="root"></div>') < body.index('<script type="module"')
    assert re.search(r"<script>\s*window.prerenderReady = false\s*</script>", head)  # the CSP's hashed script, as is
    for tag in ("og:title", "og:description", "og:image", "description"):
        assert re.search(rf'(property|name)="{tag}" content="[^"]+"', head), tag
    assert f'content="/light/{lang}/{page.name}.png"' in head and page.image and SHAPES in page.image
