"""Sharing (issue 24) on the pages: "Embed this view" on an explorer, the whole-dataset link on the data page."""
from streamlit.testing.v1 import AppTest

from atlas.pipeline import dataset
from atlas.ui import widgets
from tests.apptest_tools import run_page


def test_an_explorer_offers_the_iframe_of_its_current_view_in_its_language():
    at = run_page("internet", {"lang": "fr", "region": "africa", "year": "2015"})
    assert not at.exception
    assert "Intégrer cette vue" in [e.label for e in at.expander]
    # Closed, the expander holds no snippet: st.code would cost every browser Streamlit's highlighter chunk
    # (441 KB) and every move the snippet again (docs/PERFORMANCE.md, bytes through the front).
    assert not [c for c in at.code if c.value.startswith("<iframe")]
    at = run_page("internet", {"lang": "fr", "region": "africa", "year": "2015"}, state={widgets.EMBED_OPEN: True})
    assert not at.exception
    snippet = [c.value for c in at.code if c.value.startswith("<iframe")]
    assert len(snippet) == 1
    src = snippet[0].split('"')[1]
    assert src.startswith("/internet?") and src.endswith("&amp;embed=true")
    assert {"lang=fr", "region=africa", "year=2015"} <= set(src.split("?")[1].split("&amp;"))
    assert 'title="Atlas de la connectivité — Usage d' in snippet[0]
    assert dataset.ZIP_NAME in " ".join(b.proto.url for b in at.get("link_button"))  # the downloads' zip link


def test_the_data_page_links_the_whole_dataset():
    at = AppTest.from_file("../pages/data.py", default_timeout=30).run()
    assert not at.exception
    links = [b.proto for b in at.get("link_button")]
    assert [link.url for link in links] == [f"app/static/data/{dataset.ZIP_NAME}"]
    assert str(round(dataset.published()["zip_bytes"] / 1e6, 1)) in links[0].help
