"""Which sites may frame the atlas (ATLAS_FRAME_ANCESTORS, atlas/front.py): the CSP and X-Frame-Options the
front's config gets. Pure: the config is written to a temporary folder, nginx is not started."""
from __future__ import annotations

import re

import pytest

from atlas import front

# The policy before issue 24, hashes aside: with ATLAS_FRAME_ANCESTORS empty it must not change.
POLICY_BEFORE = ("default-src 'self'; script-src 'self' 'unsafe-eval' ; style-src 'self' 'unsafe-inline'; "
                 "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
                 "frame-src 'self' blob:; media-src 'self' blob:; object-src 'none'; base-uri 'self'; "
                 "form-action 'self'; frame-ancestors 'self'")
INDEX = "<html><head><script>window.x = 1</script></head></html>"


def config(tmp_path, monkeypatch, ancestors: str | None) -> str:
    if ancestors is None:
        monkeypatch.delenv(front.FRAME_ANCESTORS_ENV, raising=False)
    else:
        monkeypatch.setenv(front.FRAME_ANCESTORS_ENV, ancestors)
    static = tmp_path / "static"
    (static / "streamlit").mkdir(parents=True)
    (static / "streamlit" / "index.html").write_text(INDEX)
    front.write_config(tmp_path / "prefix", static, "127.0.0.1:1", [2])
    return "".join((tmp_path / "prefix" / name).read_text() for name in ("security-headers.conf", "csp.conf"))


def csp_of(conf: str) -> str:
    """The policy sent with documents (csp.conf's map, which security-headers.conf's header reads)."""
    assert "add_header Content-Security-Policy $atlas_csp always;" in conf
    return re.search(r'default "([^"]*)";', conf).group(1)


@pytest.mark.parametrize("ancestors", [None, "", "   "])
def test_without_frame_ancestors_the_policy_is_unchanged_and_same_origin_only(tmp_path, monkeypatch, ancestors):
    conf = config(tmp_path, monkeypatch, ancestors)
    assert re.sub(r"'sha256-[^']+' ?", "", csp_of(conf)) == POLICY_BEFORE
    assert 'add_header X-Frame-Options "SAMEORIGIN" always;' in conf


def test_named_origins_may_frame_it_and_x_frame_options_is_left_out(tmp_path, monkeypatch):
    conf = config(tmp_path, monkeypatch, "https://portal.example.gov  http://127.0.0.1:8123 https://*.example.org/")
    assert csp_of(conf).endswith("frame-ancestors 'self' https://portal.example.gov http://127.0.0.1:8123 "
                                 "https://*.example.org")
    assert not re.search(r"^\s*add_header X-Frame-Options", conf, flags=re.M)


@pytest.mark.parametrize("bad", ["*", "portal.example.gov", "https://a.org; script-src *", "'unsafe-inline'",
                                 "https://a.org/path", "javascript:alert(1)", 'https://a.org"'])
def test_anything_but_an_origin_is_refused_before_it_reaches_the_header(bad):
    with pytest.raises(ValueError, match="ATLAS_FRAME_ANCESTORS"):
        front.frame_ancestors(f"https://ok.example.org {bad}")
