"""Embedding a view in another site's page: the `<iframe>` snippet an explorer offers ("Embed this view").

Pure: the page's address and its view parameters in, HTML out. Streamlit's `?embed=true` hides the header,
toolbar and sidebar; the view's own controls, chart and source line stay. Which sites may frame the atlas is
the front's configuration (`ATLAS_FRAME_ANCESTORS`, atlas/front.py; docs/DEPLOY.md "Embedding").
"""
from __future__ import annotations

import html
from urllib.parse import urlencode, urlsplit

HEIGHT = 860  # px: title, controls, a map or chart at its default size, its source line and downloads


def page_url(browser_url: str | None, page: str) -> str:
    """The page's address without its query: the browser's own (so it names the host people use, behind any
    proxy), or just the path when the browser's is unknown (tests)."""
    if not browser_url:
        return f"/{page}"
    parts = urlsplit(browser_url)
    path = parts.path.rstrip("/")
    if not path.endswith(f"/{page}"):  # arrived on "/" (the default page) or a base path: name the page
        path = f"{path}/{page}"
    return f"{parts.scheme}://{parts.netloc}{path}" if parts.scheme else path


def iframe(url: str, params: dict[str, str], title: str, height: int = HEIGHT) -> str:
    """The snippet: this view (its parameters and language) with `embed=true`, full width, a fixed height, a
    title for screen readers, no border, loaded when scrolled near."""
    query = urlencode({**{k: v for k, v in params.items() if k.lower() not in ("embed", "embed_options")},
                       "embed": "true"})
    return (f'<iframe src="{html.escape(f"{url}?{query}")}" title="{html.escape(title)}" width="100%" '
            f'height="{int(height)}" style="border:0" loading="lazy"></iframe>')
