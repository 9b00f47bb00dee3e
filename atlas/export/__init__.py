"""Downloads and exports: CSV of the values behind a view; PNG and SVG of a chart, rendered offline by vl-convert.
The deck exports are modules beside this one: html_deck (one-file HTML), pptx (PowerPoint), animation (GIF, MP4)."""
from __future__ import annotations

import csv as pycsv
import functools

import pandas as pd
import vl_convert as vlc

from .. import i18n
from ..charts import Spec


def in_language(fn):
    """An export made in a language (`lang=`, default the run's). A download's callable runs after the
    page's run, in another thread, where the run's language is not set: the page passes it."""
    @functools.wraps(fn)
    def call(*args, lang: str | None = None, **kwargs):
        with i18n.using(lang or i18n.lang()):
            return fn(*args, **kwargs)
    return call


def jsonable(spec: Spec, width: int = 900) -> Spec:
    """The spec with its datasets as records and a fixed width (an image has no container to fill).
    A map must have been built with inline geometry: there is no server to fetch shapes from."""
    out = dict(spec)
    out["datasets"] = {k: (v.to_dict("records") if isinstance(v, pd.DataFrame) else v)
                       for k, v in spec.get("datasets", {}).items()}
    for records in out["datasets"].values():
        for row in records if isinstance(records, list) else []:
            for k, v in row.items():
                if isinstance(v, pd.Timestamp):
                    row[k] = v.isoformat()
    if out.get("width") == "container":
        out["width"] = width
    return out


def svg(spec: Spec) -> bytes:
    """The chart as SVG; a French spec carries its locale (`i18n.localise`): "58,4 %" on axes and labels."""
    return vlc.vegalite_to_svg(jsonable(spec)).encode("utf-8")


def png(spec: Spec, scale: float = 2.0) -> bytes:
    return vlc.vegalite_to_png(jsonable(spec), scale=scale)


# CSV as each language's spreadsheets open it (measured with LibreOffice 7.4, see the README): in a
# French-locale spreadsheet a comma-separated file with decimal points gives text, not numbers ("58.4"),
# and a semicolon-separated one with decimal commas gives numbers; every field quoted, so that a decimal
# comma is not split off when the import dialog also ticks "," as a separator. Excel set to French reads
# ";" and "," by default and needs a byte-order mark to read UTF-8 ("Côte d’Ivoire"). Column names stay
# the same machine-readable ones in both languages, so a script reads either file.
CSV_FORMAT = {"en": {"sep": ",", "decimal": ".", "encoding": "utf-8", "quoting": pycsv.QUOTE_MINIMAL},
              "fr": {"sep": ";", "decimal": ",", "encoding": "utf-8-sig", "quoting": pycsv.QUOTE_ALL}}


def csv(frame: pd.DataFrame, citation: str, lang: str | None = None) -> bytes:
    """The table as CSV with its citation as a last column, so the file stays tidy and traceable; in the
    conventions of the language's spreadsheets (`CSV_FORMAT`)."""
    fmt = CSV_FORMAT[lang or i18n.lang()]
    text = frame.assign(source=citation).to_csv(index=False, sep=fmt["sep"], decimal=fmt["decimal"],
                                                quoting=fmt["quoting"])
    return text.encode(fmt["encoding"])
