"""Shared AppTest helpers: run a page with a query, read a chart's per-rerun datasets."""
import json

import pyarrow as pa
from streamlit.testing.v1 import AppTest


def chart_data(at, index=0):
    """A chart's per-rerun datasets as DataFrames (as the browser receives them), and its spec."""
    chart = at.get("vega_lite_chart")[index]
    frames = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets}
    return frames, json.loads(chart.proto.spec)


def _theme_page(page: str) -> None:
    from atlas.ui.nav import run_theme
    run_theme(page)


def switch_page(at: AppTest, page: str) -> AppTest:
    """Switch an app.py AppTest (run once) to a page: a file ("pages/data.py") or a theme's URL path
    ("internet"). A theme's page is a callable (`atlas.ui.nav`), and AppTest.switch_page takes only files;
    Streamlit tells pages apart by the hash of their URL path, so that is what is set."""
    if page.endswith(".py"):
        return at.switch_page(page)
    from streamlit.util import calc_hash
    at._page_hash = calc_hash(page)
    return at


def run_page(page: str, query: dict | None = None, timeout: int = 30, state: dict | None = None) -> AppTest:
    """Run a page with these URL parameters (and this session state, as the user's widgets left it): a page
    file (relative to the tests folder, "../pages/data.py") or a theme's page by its URL path ("internet"),
    which has no file (`atlas.ui.nav`)."""
    at = (AppTest.from_file(page, default_timeout=timeout) if page.endswith(".py") else
          AppTest.from_function(_theme_page, args=(page,), default_timeout=timeout))
    if query:
        at.query_params.update(query)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    return at.run()


# --- French pages -------------------------------------------------------------------------------------
import functools  # noqa: E402
import re  # noqa: E402

# 1,234 or 58.4: an English-formatted number. A group of three after "0," is a French decimal ("≤0,001 %"):
# English never writes a thousands group after a lone zero.
ENGLISH_NUMBER = re.compile(r"(?<![\d,.])[1-9]\d{0,2}(?:,\d{3})+\b|\b\d+\.\d+\b")
# names that hold a dot between digits in every language: links, licence versions (CC BY 4.0), package and
# dataset versions (GSMA's "version 1.0"); and a quotation in French quotes, which keeps its source's words
# (« more than 690 million »)
NOT_A_NUMBER = re.compile(r"https?://\S+|\bCC BY(?:-[A-Z]{2})* \d\.\d\b|\b\d+\.\d+\.\d+\b|\bversion \d+\.\d+\b"
                          r"|«[^»]*»")
# Dates a reader should see written out ("28 juin 2018", "juin 2024"): an ISO day or time, an ISO month
# (2024-06; a year range is written 2015–2024 and does not match), or an English month beside a year.
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b|\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])\b")
ENGLISH_DATE = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? (?:\d{1,2}, )?\d{4}\b")
# English money and scale words ("US$22 million", "1.26 tn", "1,26 Bn $"): French writes "22 millions de dollars"
ENGLISH_MONEY = re.compile(r"US\$\s?\d|\d(?:[\d,.\u202f\u00a0 ]*\d)?\s?(?:bn|tn|Bn|trillion)\b")


# a file's name keeps its ISO month: raw/caniuse-db/2026-07.jsonl.gz
FILE_NAME = re.compile(r"[\w.-]*/[\w./-]+|[\w.-]+\.(?:jsonl|json|csv|gz|xlsx|zip|parquet)\b")


def date_problems(texts: list[str]) -> list[str]:
    """Texts (already stripped of links and published titles) with an ISO date or month, an English date or
    English money words: none may be on a French page. A file's name keeps its ISO month."""
    texts = [FILE_NAME.sub("", t) for t in texts]
    return [t[:90] for t in texts if ISO_DATE.search(t) or ENGLISH_DATE.search(t) or ENGLISH_MONEY.search(t)]


_TEXT_KINDS = ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error", "success")
_LABEL_KINDS = ("selectbox", "multiselect", "button", "select_slider", "slider", "radio", "checkbox", "toggle",
                "text_input", "number_input", "date_input", "download_button", "segmented_control")


def page_texts(at) -> list[str]:
    """What a person reads on an AppTest page: texts, widget labels and help, options, expander labels (their
    contents are in the tree `at.get` walks), metrics."""
    texts = [e.value for kind in _TEXT_KINDS for e in at.get(kind)]
    for kind in _LABEL_KINDS:
        for w in at.get(kind):
            texts += [getattr(w, "label", ""), getattr(w, "help", "") or ""]
            texts += [str(o) for o in (getattr(w, "options", None) or [])]
    texts += [e.label for e in at.get("expander")]  # not "expandable": Streamlit 1.67 calls the element "expander"
    texts += [t for m in at.get("metric") for t in (m.label, m.value, m.help or "")]
    texts += [e.proto.label for e in at.get("tab")] if at.get("tab") else []
    return [str(t) for t in texts if t]


@functools.cache
def english_messages() -> frozenset[str]:
    """Interface texts (catalogue msgids of both domains) whose French differs: none may appear on a French page.
    Read once per test process (tests never change the committed catalogues)."""
    from babel.messages.pofile import read_po

    from atlas import i18n
    out = set()
    for domain in (i18n.DOMAIN, i18n.DATA_DOMAIN):
        path = i18n.po_path("fr", domain)
        if not path.exists():
            continue
        with open(path, "rb") as f:
            for m in read_po(f, locale="fr_FR"):
                if m.id and isinstance(m.id, str) and m.string != m.id and len(m.id) > 3 and "{" not in m.id:
                    out.add(m.id)
    return frozenset(out)


def english_leaks(texts: list[str], english=None) -> list[tuple[str, str]]:
    """(text, message) for every English message standing as whole words in a text. A message can only match
    where it is a substring, so the word-boundary pattern is compiled only for those pairs (compiling one
    pattern per message and text cost ~2 minutes a French page: ~900 patterns thrash `re`'s 512-entry cache)."""
    english = english_messages() if english is None else english
    return [(t, m) for t in texts for m in english
            if m in t and re.search(rf"(?<!\w){re.escape(m)}(?!\w)", t)]


def readable(text: str) -> str:
    """What a person reads of a Markdown text: not a page's CSS, not a tag's style ("line-height:1.1")."""
    return re.sub(r"<[^>]+>", "", re.sub(r"<style>.*?</style>", "", text, flags=re.S))


# What an event's or fact's source line adds to the publication's title: where and when, whom it cites
# ("(news report, June 2024), citing ITU"). That note is ours and is translated; only the title stays.
SOURCE_NOTE = re.compile(r"(?:,? via [^()]+)?(?: \([^()]*\))?(?:, citing .*)?$")


@functools.cache
def published() -> tuple[str, ...]:
    """Texts that stay as published in every language: a publication's own title (a press story, a report;
    not the note an event's source line adds to it), and StatCounter's menu names, which the upload's how-to
    quotes from its English-only site (in Markdown and as a browser shows them)."""
    from atlas.pipeline.catalog import BROWSER_AGENTS
    from atlas.store import DATA_DIR, Snapshot
    snap = Snapshot.load(DATA_DIR)
    noted = [SOURCE_NOTE.sub("", t) for t in [*snap.events["source_title"], *snap.facts["source_title"]]]
    browsers = [re.split(r" for | on ", b)[0] for b in BROWSER_AGENTS.values()]  # brands: "UC Browser", "QQ Browser"
    titles = [*snap.sources["title"], *noted, *browsers, "*Monthly*", "Monthly", "Our World in Data"]
    return tuple(sorted({str(t) for t in titles if isinstance(t, str) and len(t) > 3}, key=len, reverse=True))


def french_problems(at, texts: list[str] | None = None, allow=()) -> list:
    """English interface texts, English-formatted numbers, ISO or English dates and English money words on a
    French page (empty when all is French). `allow`: substrings that may stay (a proper name, a source's own
    title); publications' own titles (`published`) and quotations keep their words."""
    texts = page_texts(at) if texts is None else texts
    texts = [readable(t) for t in texts if not any(a in t for a in allow)]
    texts = [re.sub(r"«[^»]*»", "", t) for t in texts]  # a quotation keeps its source's words
    for title in published():
        texts = [t.replace(title, "") for t in texts]
    english = english_messages()
    leaks = [(t[:80], m) for t, m in english_leaks(texts, english)]
    # years (2019) and ISO periods (2024-06) are not English numbers; 1,234 and 58.4 are
    numbers = [t[:80] for t in texts if ENGLISH_NUMBER.search(NOT_A_NUMBER.sub("", t))]
    return leaks + numbers + date_problems([NOT_A_NUMBER.sub("", t) for t in texts])
