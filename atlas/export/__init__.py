"""Downloads and exports: CSV of the values behind a view; PNG and SVG of a chart, rendered offline by vl-convert.
The deck exports are modules beside this one: html_deck (one-file HTML), pptx (PowerPoint), animation (GIF, MP4)."""
from __future__ import annotations

import pandas as pd
import vl_convert as vlc

from ..charts import Spec


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
    return vlc.vegalite_to_svg(jsonable(spec)).encode("utf-8")


def png(spec: Spec, scale: float = 2.0) -> bytes:
    return vlc.vegalite_to_png(jsonable(spec), scale=scale)


def csv(frame: pd.DataFrame, citation: str) -> bytes:
    """The table as CSV with its citation as a last column, so the file stays tidy and traceable."""
    return frame.assign(source=citation).to_csv(index=False).encode("utf-8")
