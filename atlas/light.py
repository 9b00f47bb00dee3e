"""Light pages: the views people land on as plain HTML, readable before (or without) the app's JavaScript.
Pure: no Streamlit here. `python -m atlas.light OUT [--profiles]` builds them; `atlas.front` calls it.

Each light page holds the view's chart as inline SVG, drawn by vl-convert from the very spec the app sends
(the map's geometry and places put inline, since a page without script fetches nothing), its key figures and
a short table as text, and a source line under every figure. No script, no request to another origin (nor to
this one: no font, no image), readable at 360 px, at most `BUDGET` bytes compressed.

Which views: every theme's map view (read from the registry, `atlas.themes`: no theme is named here) at its
default period, for the world and Africa; the overview (the themes' cards); every country's profile (the themes'
profile sections); in every language. Each is
written twice: as a page of its own (`light/<lang>/<name>.html`, for a visitor who stays light: a link, or the
`Save-Data: on` request header) and inside Streamlit's own index page (`shell/<lang>/<name>.html`), in a block
before the app's `<div id="root">`: the browser draws it as soon as it arrives, and a style hides it once the
app has drawn its first chart (or finished its first run), so the app takes over at the same URL. nginx picks
the file from the path, `lang`, `region` and `country` (deploy/light.conf). Link previews read the `og:` tags
(title, description, a PNG of the view).
"""
from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd

from . import geo, i18n, numbers, profile, story
from . import profile_views as views
from .export import jsonable
from .i18n import N_, _
from .regions import FOCUS_LABELS
from .store import DATA_DIR, Snapshot
from .themes import themes
from .themes.common import MAP_CLICK

BUDGET = 150_000        # bytes, compressed (brotli): what a phone on "Slow 3G" gets in about three seconds
REGIONS = ("world", "africa")
SVG_WIDTH = 420         # px a chart is drawn at; the SVG scales to the page (360 px phone: text ~0.85 of size)
ROWS = 10               # the short table: the highest and the lowest this many
MAP_VIEW, TABLE_VIEW = "map", "table"
OVERVIEW = "overview"


# The light pages' own texts (marked here: Babel does not read calls inside f-strings)
TEXT = {
    "table": N_("Every country in the interactive table"),
    "open": N_("Open the interactive atlas"),
    "stay": N_("Stay on the light page (no app to load)"),
    "loading": N_("The interactive atlas is loading; this page shows the view meanwhile."),
    "nav": N_("Light page"),
    "footer": N_("Every figure is computed from the atlas data snapshot and names its source."),
    "snapshot": N_("Data snapshot: {date}."),
}


@dataclass
class Page:
    name: str                   # file name stem: "internet-world", "overview", "country-SEN"
    path: str                   # the app's URL path ("/internet")
    query: dict[str, str]       # the app's view of it (lang added per language)
    title: str
    description: str
    body: str                   # HTML inside <main>
    image: str | None = None    # SVG of the view, for its preview PNG
    preview: bool = True        # a preview PNG is made (landing pages; not the 480 profiles)
    built: str = ""             # the snapshot's date, as the language writes it


# ------------------------------------------------------------------------------------------------- SVG
def svg(spec: dict, width: int = SVG_WIDTH) -> str:
    """The chart as an SVG element for a page: drawn by vl-convert, scaled by the page (viewBox, no fixed
    size), coordinates to 0.1 px, each mark's label without the internal fields Vega lists first
    ('c: 16; geo: [object Object]; Country: …' -> 'Country: …'), and the chart's description as its name."""
    import vl_convert as vlc
    text = vlc.vegalite_to_svg(jsonable(geo.inline(spec), width))
    text = re.sub(r' d="[^"]*"', lambda m: re.sub(r"(\d+\.\d)\d+", r"\1", m.group(0)), text)
    text = re.sub(r'(aria-label=")(?:[a-z_]+: [^;"]*; )+', r"\1", text)
    text = text.replace(" geo: [object Object];", "")
    name = html.escape(spec.get("description") or "", quote=True)
    return re.sub(r'^<svg ([^>]*?) width="[^"]*" height="[^"]*"',
                  rf'<svg \1 role="graphics-document" aria-label="{name}"', text, count=1)


# ----------------------------------------------------------------------------------------------- text
def esc(text) -> str:
    return html.escape(str(text), quote=True)


def md(text: str) -> str:
    """The little Markdown our captions use (links, bold), as HTML; everything else escaped."""
    out = esc(text.replace("\\$", "$"))
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    return re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r'<a href="\2">\1</a>', out)


def source(text: str) -> str:
    return f'<p class="src">{esc(text)}</p>' if text else ""


def link(path: str, query: dict[str, str]) -> str:
    q = urlencode(query, safe=",:")
    return esc(path + (f"?{q}" if q else ""))


def app_query(query: dict[str, str]) -> dict[str, str]:
    return {**query, **({"lang": i18n.lang()} if i18n.lang() != i18n.DEFAULT else {})}


def light_url(name: str, lang: str | None = None) -> str:
    return f"/light/{lang or i18n.lang()}/{name}.html"


def table(frame: pd.DataFrame, columns: dict, caption: str = "", right: tuple[str, ...] = ()) -> str:
    """A table of text: headings translated, numbers written by each column's format (`Column.text`)."""
    head = "".join(f'<th scope="col">{esc(_(c.label))}</th>' for c in columns.values())
    rows = []
    for r in frame.itertuples(index=False):
        cells = []
        for key, col in columns.items():
            value = getattr(r, key)
            cls = ' class="n"' if col.number or key in right else ""
            cells.append(f"<td{cls}>{esc(col.text(value) if col.number else ('' if pd.isna(value) else value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f'<div class="t"><table>{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def figure(spec: dict, image: bool = False, width: int = SVG_WIDTH, level: int = 2) -> tuple[str, str | None]:
    """(HTML of a chart, with `image` the SVG of the chart whole for the preview PNG). The chart's title and
    source line are written as text around it (readable at any width, where the SVG scales) and its
    description below it."""
    title, src = _param(spec, "heading"), _param(spec, "source_line")
    bare = {**spec, "params": [{**p, "value": ""} if p.get("name") in ("heading", "source_line") else p
                               for p in spec.get("params", [])]}
    drawn = svg(bare, width)
    html_ = (f"{f'<h{level}>{esc(title)}</h{level}>' if title else ''}<figure>{drawn}"
             f'<figcaption>{esc(spec.get("description", ""))}</figcaption></figure>{source(src)}')
    return html_, (svg(spec, width) if title else drawn) if image else None


def _param(spec: dict, name: str) -> str:
    return next((p.get("value") or "" for p in spec.get("params", []) if p.get("name") == name), "")


# ------------------------------------------------------------------------------------------ the pages
def map_pages(snap: Snapshot) -> list[Page]:
    """Every explorer's map view at its default period, for each of REGIONS."""
    return [page for ex in explorers() for region in REGIONS for page in [map_page(snap, ex, region)]
            if page is not None]


def explorers() -> list:
    """The registry's explorers that have a map view."""
    return [t.explorer for t in themes() if MAP_VIEW in t.explorer.views]


def map_page(snap: Snapshot, ex, region: str) -> Page | None:
    """One explorer's map view at its default period (what its page shows first), over `region`."""
    values, _notices = ex.values(snap, {"view": MAP_VIEW, "region": region})
    fig = ex.figure(snap, values)
    if fig.spec is None:
        return None
    chart, drawn = figure(fig.spec, image=True)
    parts = [f"<h1>{esc(_(ex.title))}</h1>", f"<p>{md(ex.intro(snap))}</p>"]
    if ex.headline is not None:
        h = ex.headline(snap)
        parts.append("<ul class=\"kf\">" + "".join(
            f"<li><span>{esc(label)}</span> <strong>{esc(value)}</strong>"
            + (f" <span>({esc(delta)})</span>" if delta else "") + "</li>"
            for label, value, delta, _help in h.metrics) + "</ul>")
        parts.append(f'<p class="src">{md(h.caption)}</p>')
    parts += [chart] + ([] if fig.source == _param(fig.spec, "source_line") else [source(fig.source)])
    parts += [f"<p>{md(c.replace(_(MAP_CLICK), '').strip())}</p>" for c in fig.captions]
    parts.append(short_table(snap, ex, values, fig))
    query = {"region": region} if region != "world" else {}
    other = [r for r in REGIONS if r != region][0]
    parts.append(f'<p><a href="{light_url(name_of(ex.page, other))}">{esc(_(FOCUS_LABELS[other]))}</a></p>')
    return Page(name_of(ex.page, region), f"/{ex.page}", query, fig.title, fig.spec.get("description", ""),
                "\n".join(parts), drawn, built=built(snap))


def name_of(page: str, region: str) -> str:
    return f"{page}-{region}"


def short_table(snap: Snapshot, ex, values: dict, fig) -> str:
    """The highest and lowest ROWS of the view's table, as the table view writes them."""
    if TABLE_VIEW not in ex.views or fig.table is None or fig.table.empty:
        return ""
    shown = ex.figure(snap, {**values, "view": TABLE_VIEW})
    if shown.columns is None or shown.table is None:
        return ""
    keep = {k: c for k, c in shown.columns.items() if k in ("name", "value", "period", "rank")}
    rows = shown.table.sort_values("rank") if "rank" in shown.table else shown.table
    out = table(rows.head(ROWS), keep, _("The {n} highest").format(n=numbers.count(ROWS)))
    if len(rows) > 2 * ROWS:
        out += table(rows.tail(ROWS), keep, _("The {n} lowest").format(n=numbers.count(ROWS)))
    return out + source(shown.source) + (
        f'<p><a href="{link("/" + ex.page, app_query({**{k: v for k, v in values.items() if k == "region" and v != "world"}, "view": TABLE_VIEW}))}">'
        f'{esc(_(TEXT["table"]))}</a></p>')


def overview_page(snap: Snapshot) -> Page:
    """The overview: the themes' cards (`Theme.card`, as the app's overview draws them), links to every map and
    every country's profile."""
    from .charts import time_series
    intro = _(INTRO).format(themes=numbers.words([_(t.blurb) for t in themes() if t.blurb]))
    parts = [f"<h1>{esc(_('Connectivity Atlas'))}</h1>", f"<p>{md(intro)}</p>"]
    first = None
    for theme, card in story.cards(snap):
        spec = time_series(card.trend, title="", source="", label=card.trend_label, unit=card.trend_unit,
                           time_unit=card.time_unit, height=140, compact=True)
        chart, drawn = figure(spec, image=first is None)
        first = first or drawn
        parts += [f"<section><h2>{esc(card.title)}</h2>", f'<p class="fig">{esc(card.figure)}</p>',
                  *(f"<p>{md(line)}</p>" for line in card.lines), chart,
                  *(f"<p>{esc(line)}</p>" for line in card.reported),
                  f'<p class="src">{esc(story.sources_line(card.sources))}</p>',
                  f'<p><a href="{link("/" + theme.page, app_query(card.link_params))}">{esc(_("Open this view"))}</a>'
                  "</p></section>"]
    parts.append("<h2>" + esc(_("Maps")) + "</h2><ul>" + "".join(
        f'<li><a href="{light_url(name_of(ex.page, r))}">{esc(_(ex.title))}, {esc(_(FOCUS_LABELS[r]))}</a></li>'
        for ex in explorers() for r in REGIONS) + "</ul>")
    parts.append(country_index(snap))
    return Page(OVERVIEW, "/", {}, _("Connectivity Atlas"), re.sub(r"\*\*|\[|\]\([^)]*\)", "", intro),
                "\n".join(parts), first, built=built(snap))


# the app's overview opening sentence (pages/overview.py), the themes' blurbs filled in
INTRO = N_("How emerging markets get connected: {themes}. Every figure names its source; revised figures are "
           "shown beside what was reported at the time.")


def country_index(snap: Snapshot) -> str:
    labels = views.picker_labels(snap)
    return ("<h2>" + esc(_("Country profiles")) + '</h2><ul class="cols">' + "".join(
        f'<li><a href="{light_url("country-" + code)}">{esc(label)}</a></li>' for code, label in labels.items())
        + "</ul>")


def profile_page(snap: Snapshot, code: str) -> Page:
    """A country's profile: its sentences, then each theme's section (`Theme.profile`, the figures the app's
    profile draws): charts as SVG, tables as text, notices as sentences, each with its source."""
    name = snap.name(code)
    parts = [f"<h1>{esc(name)}</h1>", f'<p class="src">{esc(views.classification(snap, code))}</p>']
    sections = []
    for theme in (t for t in themes() if t.profile):
        figs = theme.profile.figures(snap, code)
        body = [f"<h2>{esc(_(theme.profile.title))}</h2>"]
        for fig in figs:
            if fig.spec is not None:
                body.append(figure(fig.spec, level=3)[0])  # under the theme's heading
                if fig.source != _param(fig.spec, "source_line"):
                    body.append(source(fig.source))
            elif fig.columns is not None and fig.table is not None and len(fig.table):
                body += [table(fig.table.head(ROWS), fig.columns, fig.title), source(fig.source)]
            if fig.notice:
                body.append(f"<p>{esc(fig.notice)}</p>")
            body += [f"<p>{md(c)}</p>" for c in fig.captions]
        sections.append((body, [f.source for f in figs if f.source]))
    cited = list(dict.fromkeys(s for _body, sources in sections for s in sources))
    parts += [f"<h2>{esc(_('In brief'))}</h2><ul>" + "".join(f"<li>{esc(s.text)}</li>"
                                                             for s in profile.summary(snap, code)) + "</ul>",
              *(source(s) for s in cited)]
    for body, _sources in sections:
        parts += body
    summary = " ".join(s.text for s in profile.summary(snap, code)[:1])
    return Page(f"country-{code}", "/country", {"country": code}, _("Country profile") + f": {name}", summary,
                "\n".join(parts), None, preview=False, built=built(snap))


# ------------------------------------------------------------------------------------------- documents
STYLE = ("#light{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1a1a1a;"
         "max-width:52rem;margin:0 auto;padding:.5rem 1rem 2rem;overflow-wrap:break-word}"
         "#light h1{font-size:1.7rem;line-height:1.2;margin:.6rem 0}#light h2{font-size:1.25rem;margin:1.4rem 0 .4rem}"
         "#light h3{font-size:1.05rem;margin:1rem 0 .3rem}"
         "#light svg{display:block;width:100%;height:auto;max-width:46rem}#light figure{margin:.5rem 0}"
         "#light figcaption,#light .src{color:#4a4a4a;font-size:.85rem}"
         "#light .t{overflow-x:auto}#light table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0;"
         "hyphens:auto}"
         "#light caption{text-align:left;font-weight:600}#light th,#light td{text-align:left;padding:.2rem .3rem;"
         "border-bottom:1px solid #ddd;vertical-align:top}#light td.n{text-align:right;white-space:nowrap}"
         "#light .fig{font-size:2.2rem;font-weight:700;margin:.2rem 0}#light nav{display:flex;flex-wrap:wrap;"
         "gap:.3rem 1.2rem;font-size:.95rem;border-bottom:1px solid #ddd;padding-bottom:.4rem}"
         "#light .kf{padding-left:1.1rem}#light .cols{columns:14rem;padding-left:1.1rem}"
         "#light a{color:#0b57a4}#light section{border-top:1px solid #eee}")
# In the app's page: the block shows until the app has drawn a chart (or has finished a run that draws none),
# then hides; the app, drawn meanwhile under it, shows. Without script (or while the app's code loads) the
# block is the page. (`:has()`: Chromium 105+, Safari 15.4+, Firefox 121+; an older browser shows the app
# under the block.)
TAKEOVER = ("body:has(#root svg.marks) #light,body:has(#root [data-test-script-state=notRunning]):not(:has("
            "#root [data-testid=stVegaLiteChart])) #light{display:none}"
            "body:not(:has(#root svg.marks)):not(:has(#root [data-test-script-state=notRunning])) #root{"
            "position:absolute;top:0;left:0;width:100%;visibility:hidden}")


def nav(page: Page, lang: str, standalone: bool) -> str:
    other = [code for code in i18n.LANGS if code != lang]
    items = [f'<a href="{light_url(OVERVIEW)}">{esc(_("Connectivity Atlas"))}</a>']
    query = {**page.query, **({"lang": lang} if lang != i18n.DEFAULT else {})}
    if standalone:
        items.append(f'<a href="{link(page.path, query)}">{esc(_(TEXT["open"]))}</a>')
    else:
        items.append(f'<a href="{light_url(page.name)}">{esc(_(TEXT["stay"]))}</a>')
    for code in other:
        items.append(f'<a href="{light_url(page.name, code)}" hreflang="{code}" lang="{code}">'
                     f"{esc(i18n.LANGS[code])}</a>")
    note = "" if standalone else f'<p class="src">{esc(_(TEXT["loading"]))}</p>'
    return f'<nav aria-label="{esc(_(TEXT["nav"]))}">{"".join(items)}</nav>{note}'


def head(page: Page, lang: str, public_url: str) -> str:
    image = f"{public_url}/light/{lang}/{page.name}.png"
    return (f"<title>{esc(page.title)} — {esc(_('Connectivity Atlas'))}</title>"
            f'<meta name="description" content="{esc(page.description)}">'
            f'<meta property="og:title" content="{esc(page.title)}">'
            f'<meta property="og:description" content="{esc(page.description)}">'
            f'<meta property="og:type" content="website"><meta property="og:locale" content="{i18n.LOCALES[lang]}">'
            f'<meta property="og:url" content="{public_url}{link(page.path, {**page.query, **({"lang": lang} if lang != i18n.DEFAULT else {})})}">'
            + (f'<meta property="og:image" content="{image}"><meta name="twitter:card" content="summary_large_image">'
               if page.image and page.preview else ""))


def body(page: Page, lang: str, standalone: bool) -> str:
    return (f'<div id="light">{nav(page, lang, standalone)}<main>{page.body}</main>'
            f'<footer class="src"><p>{esc(_(TEXT["footer"]))}'
            + (f' {esc(_(TEXT["snapshot"]).format(date=page.built))}' if page.built else "") + '</p></footer></div>')


def built(snap: Snapshot) -> str:
    """The day the snapshot was built, in the run's language."""
    when = str(snap.manifest.get("built_at", ""))[:10]
    return numbers.day(when) if re.fullmatch(r"\d{4}-\d\d-\d\d", when) else ""


def standalone(page: Page, lang: str, public_url: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">{head(page, lang, public_url)}'
            f"<style>{STYLE}</style></head><body>{body(page, lang, True)}</body></html>")


def shell(page: Page, lang: str, index_html: str, public_url: str = "") -> str:
    """Streamlit's index page with the light block before its root, the page's title and preview tags.
    The app's module scripts, preloads and stylesheet move from the head to the end of the body: a browser
    starts fetching what it has seen, so in the head they would share a slow line with the light block (and
    the stylesheet would hold back its first paint); module scripts run after parsing either way. Streamlit's
    no-script notice is left out: the light block is what a reader without script gets."""
    out = re.sub(r"<!--.*?-->", "", index_html, flags=re.S)  # the licence and other comments
    out = out.replace('<html lang="en">', f'<html lang="{lang}">', 1)
    moved = re.findall(r'<script type="module"[^>]*></script>|<link\s+rel="(?:modulepreload|preload|stylesheet)"[^>]*>',
                       out, flags=re.S)
    for tag in moved:
        out = out.replace(tag, "", 1)
    out = re.sub(r"<title>.*?</title>", lambda m: head(page, lang, public_url) + f"<style>{STYLE}{TAKEOVER}</style>",
                 out, count=1, flags=re.S)
    out = re.sub(r"<noscript>.*?</noscript>", "", out, count=1, flags=re.S)
    out = re.sub(r"\n\s*\n+", "\n", out)
    if '<div id="root"></div>' not in out or not moved:
        raise RuntimeError("Streamlit's index page changed: no <div id=\"root\"></div> or no module script")
    return out.replace('<div id="root"></div>', body(page, lang, False) + '<div id="root"></div>' + "".join(moved), 1)


# ---------------------------------------------------------------------------------------------- build
def _write(path: Path, data: bytes, compress: bool = True, quality: int = 10) -> None:
    """Written whole (a temporary file renamed), with .br and .gz beside it for nginx's *_static."""
    import brotli
    path.parent.mkdir(parents=True, exist_ok=True)
    items = [(path, data)]
    if compress:
        items += [(path.with_name(path.name + ".br"), brotli.compress(data, quality=quality)),
                  (path.with_name(path.name + ".gz"), gzip.compress(data, 9, mtime=0))]
    for target, blob in items:
        tmp = target.with_name(f".{target.name}.{os.getpid()}")
        tmp.write_bytes(blob)
        tmp.rename(target)


def write(pages: list[Page], out: Path, lang: str, index_html: str, public_url: str = "",
          images: bool = True, quality: int = 10) -> dict[str, int]:
    """Each page as light/<lang>/<name>.html and shell/<lang>/<name>.html (+ the preview PNG); its bytes.
    Brotli quality 10: 11 was 5 % smaller on a world map page but three times slower (0.9 s against 0.3 s)."""
    import vl_convert as vlc
    sizes = {}
    for page in pages:
        light = standalone(page, lang, public_url).encode()
        _write(out / "light" / lang / f"{page.name}.html", light, quality=quality)
        _write(out / "shell" / lang / f"{page.name}.html", shell(page, lang, index_html, public_url).encode(),
               quality=quality)
        if images and page.image:
            # 630 px wide, under the 300 KB some previewers (WhatsApp) take (scale 2: 230-310 KB)
            _write(out / "light" / lang / f"{page.name}.png", vlc.svg_to_png(page.image, scale=1.5), compress=False)
        sizes[page.name] = len(light)
    return sizes


def landing(snap: Snapshot) -> list[Page]:
    """The views people land on: the overview, each map, and the profile a link without a country shows
    (seconds to build); the other profiles come after (`profiles=True`)."""
    return [overview_page(snap), *map_pages(snap), profile_page(snap, profile.DEFAULT_COUNTRY)]


def build(out: Path, index_html: str, snap: Snapshot | None = None, profiles: bool = False,
          public_url: str = "", codes: list[str] | None = None) -> dict:
    """Build the landing pages (or every country's profile, `profiles=True`) in every language into `out`;
    returns how many pages and how long it took."""
    snap = snap or Snapshot.load(DATA_DIR)
    started, count = time.monotonic(), 0
    for lang in i18n.LANGS:
        with i18n.using(lang):
            if profiles:
                chosen = codes if codes is not None else list(profile.countries(snap)["code"])
                pages = [profile_page(snap, c) for c in chosen]
            else:
                pages = landing(snap)
            # profiles: no preview image (a PNG cost 0.2-0.35 s and 100-350 KB each, 480 of them) and brotli 9
            count += len(write(pages, out, lang, index_html, public_url, images=not profiles,
                               quality=9 if profiles else 10))
    return {"pages": count, "seconds": round(time.monotonic() - started, 1)}


def routes(snap: Snapshot) -> dict[str, list[str]]:
    """The app's URL paths that have light pages -> the files nginx tries for them, in order (nginx variables
    set from the request: deploy/light-http.conf). Read by `atlas.front` from the build's routes.json."""
    out = {"/": [OVERVIEW], f"/{OVERVIEW}": [OVERVIEW],
           "/country": ["country-$light_country", f"country-{profile.DEFAULT_COUNTRY}"]}
    for ex in explorers():
        out[f"/{ex.page}"] = [name_of(ex.page, "$light_region")]
    return out


def _profiles(args: tuple) -> dict:
    out, index_html, public_url, codes = args
    return build(out, index_html, snapshot(), profiles=True, public_url=public_url, codes=codes)


def snapshot() -> Snapshot:
    """The snapshot the replicas read (ATLAS_DATA_DIR, as `atlas.ui.cache`)."""
    return Snapshot.load(Path(os.environ.get("ATLAS_DATA_DIR", DATA_DIR)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the light pages (atlas/light.py).")
    parser.add_argument("out", type=Path)
    parser.add_argument("--index", type=Path, required=True, help="Streamlit's index.html")
    parser.add_argument("--profiles", action="store_true", help="every country's profile (else the landing pages)")
    parser.add_argument("--workers", type=int, default=1, help="processes for the profiles")
    parser.add_argument("--public-url", default=os.environ.get("ATLAS_PUBLIC_URL", "").rstrip("/"))
    args = parser.parse_args(argv)
    index_html, snap, started = args.index.read_text(), snapshot(), time.monotonic()
    if args.profiles:
        import concurrent.futures
        codes = list(profile.countries(snap)["code"])
        chunks = [codes[i::args.workers] for i in range(args.workers)]
        with concurrent.futures.ProcessPoolExecutor(args.workers) as pool:
            parts = list(pool.map(_profiles, [(args.out, index_html, args.public_url, c) for c in chunks]))
        done = {"pages": sum(p["pages"] for p in parts)}
    else:
        done = build(args.out, index_html, snap, public_url=args.public_url)
        (args.out / "routes.json").write_text(json.dumps(routes(snap), indent=1) + "\n")
    done["seconds"] = round(time.monotonic() - started, 1)
    (args.out / ("profiles.done" if args.profiles else "landing.done")).write_text(json.dumps(done) + "\n")
    print(json.dumps(done))
    return 0


if __name__ == "__main__":
    sys.exit(main())
