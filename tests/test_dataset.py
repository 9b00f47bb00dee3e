"""The whole dataset (atlas/pipeline/dataset.py): the files built from data/ into static/data, read back and
compared with the snapshot the app reads; and the embed snippet (atlas/embed.py). Pure: no Streamlit, no server."""
from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest

from atlas import embed
from atlas.pipeline import dataset
from atlas.store import DATA_DIR, TABLES

PREFIX = "connectivity-atlas-dataset/"


@pytest.fixture(scope="module")
def built():
    """The files the app and the front serve (static/data), built here only when stale: the README's test
    command builds them before the tests (`python -m atlas.front --build`), as serving does."""
    out = dataset.OUT
    stamp = dataset.build(DATA_DIR, out) if dataset.is_stale(DATA_DIR, out) else dataset.published(out)
    with zipfile.ZipFile(out / dataset.ZIP_NAME) as z:
        files = {name[len(PREFIX):]: z.read(name) for name in z.namelist()}
    return out, stamp, files


def test_the_zips_csvs_hold_exactly_the_snapshots_rows_and_its_parquet_is_the_snapshots_own(built):
    _, _, files = built
    for name in TABLES:
        expected = pd.read_parquet(DATA_DIR / f"{name}.parquet")
        got = pd.read_csv(io.BytesIO(files[f"tables/{name}.csv"]), encoding="utf-8", keep_default_na=False,
                          na_values=[""], dtype={c: str(t) for c, t in expected.dtypes.items()})  # Namibia is "NA"
        assert list(got.columns) == list(expected.columns), name
        assert len(got) == len(expected), name
        for column in expected.columns:
            if expected[column].dtype.kind in "fb":  # floats round-trip exactly (shortest repr), booleans as such
                pd.testing.assert_series_equal(got[column], expected[column], check_names=False, obj=f"{name}.{column}")
            else:  # an empty cell is "no value" in CSV, whether the snapshot held None or "" (text compared,
                # so an integer column with gaps, Int64, compares too)
                assert (got[column].astype("string").fillna("") == expected[column].astype("string").fillna("")).all(), \
                    f"{name}.{column}"
        assert files[f"tables/{name}.parquet"] == (DATA_DIR / f"{name}.parquet").read_bytes()
    assert json.loads(files["manifest.json"]) == json.loads((DATA_DIR / "manifest.json").read_text())


def test_every_indicator_has_a_metadata_file_with_its_licence_in_both_languages(built, snapshot):
    out, stamp, files = built
    ids = set(snapshot.indicators["id"])
    assert {n[len("metadata/"):-len(".json")] for n in files if n.startswith("metadata/")} == ids
    assert stamp["indicators"] == len(ids)
    for ind in ids:
        meta = json.loads(files[f"metadata/{ind}.json"])
        assert meta == json.loads((out / f"{ind}.json").read_text())  # the zip and the address agree
        row = snapshot.indicators.loc[ind]
        assert meta["source"]["licence"]["en"] == row["licence"] and meta["source"]["licence"]["fr"]
        for field in ("label", "definition", "unit_label"):
            assert meta[field]["en"] and meta[field]["fr"], (ind, field)
        assert meta["source"]["publisher"]["en"] == row["publisher"] and meta["source"]["vintage"]["fr"]
        assert meta["citation"]["en"].startswith("Source: ") and meta["citation"]["fr"].startswith("Source : ")
        assert meta["rows"] == snapshot.manifest["rows_per_indicator"][ind]


def test_each_indicators_csv_holds_its_rows(built, snapshot):
    out, _, _ = built
    for ind in snapshot.indicators["id"]:
        got = pd.read_csv(out / f"{ind}.csv", dtype={"entity": str, "period": str, "note": str},
                          keep_default_na=False, na_values=[""])
        assert list(got.columns) == dataset.CSV_COLUMNS
        expected = snapshot.rows(ind, alternates=True)
        assert len(got) == len(expected), ind
        assert got["value"].tolist() == expected["value"].tolist(), ind
        assert (got["entity"] + got["period"]).tolist() == (expected["entity"] + expected["period"]).tolist(), ind
        assert got["preferred"].tolist() == expected["preferred"].tolist(), ind


def test_the_readme_cites_every_source_with_its_licence_and_the_index_lists_every_address(built, snapshot):
    out, _, files = built
    text = files["README.md"].decode()
    for s in snapshot.sources.itertuples():
        assert f"**`{s.source_id}`**: {s.publisher}" in text and f"Licence: {s.licence}" in text
    index = json.loads((out / dataset.INDEX).read_text())
    assert [i["id"] for i in index["indicators"]] == list(snapshot.indicators["id"])
    assert all(i["csv"] == f"{dataset.URL}/{i['id']}.csv" for i in index["indicators"])


def test_the_files_are_rebuilt_only_when_the_snapshot_changes(built, tmp_path):
    out, stamp, _ = built
    assert not dataset.is_stale(DATA_DIR, out)
    assert dataset.published(out)["zip_bytes"] == (out / dataset.ZIP_NAME).stat().st_size == stamp["zip_bytes"]
    data = tmp_path / "data"
    data.mkdir()
    (data / "manifest.json").write_text((DATA_DIR / "manifest.json").read_text().replace("built_at", "built_at ", 1))
    assert dataset.is_stale(data, out)


# --- the embed snippet ------------------------------------------------------------------------------------
def test_the_embed_snippet_keeps_the_view_and_language_and_adds_embed():
    url = embed.page_url("https://atlas.example.org/internet", "internet")
    html = embed.iframe(url, {"year": "2024", "region": "africa", "lang": "fr", "embed": "false"}, "Usage — Atlas")
    assert html.startswith('<iframe src="https://atlas.example.org/internet?year=2024&amp;region=africa&amp;lang=fr'
                           '&amp;embed=true"')
    assert 'title="Usage — Atlas"' in html and f'height="{embed.HEIGHT}"' in html and html.endswith("></iframe>")
    assert 'title="a &quot;quoted&quot; title"' in embed.iframe("/kaios", {}, 'a "quoted" title')  # escaped


def test_the_embed_address_names_the_page_whatever_the_browser_shows():
    assert embed.page_url("http://127.0.0.1:8080/", "kaios") == "http://127.0.0.1:8080/kaios"
    assert embed.page_url("https://x.org/atlas/mobile-money", "mobile-money") == "https://x.org/atlas/mobile-money"
    assert embed.page_url(None, "internet") == "/internet"
