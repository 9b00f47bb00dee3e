"""The two publishers' workbooks against the snapshot: every observation read from GSMA's Global Mobile Money
Dataset and ITU's November 2025 workbook equals its cell, opened here with openpyxl (not the build's reader,
python-calamine); the annual totals equal GSMA's Usage - Product table; a malformed workbook stops the build
naming sheet and cell, and leaves data/ as it was."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from atlas.pipeline import gsma_dataset, itu
from atlas.pipeline.errors import BuildError
from atlas.pipeline.snapshot import RAW_FILES, build

ROOT = Path(__file__).resolve().parents[1]
GSMA = RAW_FILES["gsma_dataset"]
ITU = RAW_FILES["itu_2025"]


def _grid(path: Path) -> dict[str, dict[str, object]]:
    """Every sheet's cells by Excel name ('CV9'), read with openpyxl."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    wb = load_workbook(path, read_only=True, data_only=True)
    out = {}
    for ws in wb.worksheets:
        cells = {}
        for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
            for c, v in enumerate(row, start=1):
                if v is not None:
                    cells[f"{get_column_letter(c)}{r}"] = v
        out[ws.title] = cells
    wb.close()
    return out


def _split(ref: str) -> tuple[str, int]:
    col, row = re.fullmatch(r"([A-Z]+)(\d+)", ref).groups()
    return col, int(row)


@pytest.fixture(scope="module")
def obs():
    return pd.read_parquet(ROOT / "data" / "observations.parquet")


@pytest.fixture(scope="module")
def gsma_cells(raw_dir):
    return _grid(raw_dir / GSMA)


@pytest.fixture(scope="module")
def itu_cells(raw_dir):
    return _grid(raw_dir / ITU)


def test_every_gsma_observation_equals_its_cell(obs, gsma_cells):
    rows = obs[obs["source_id"] == gsma_dataset.SOURCE_ID]
    assert len(rows) > 50_000
    single = rows[rows["origin"].str.fullmatch(r".+![A-Z]+\d+")]
    for o in single.itertuples():
        sheet, ref = o.origin.rsplit("!", 1)
        assert gsma_cells[sheet][ref] == o.value, o
        col, r = _split(ref)
        if sheet == gsma_dataset.SHEET_DATA:  # the row's labels and the column's date say what the cell is
            cells = gsma_cells[sheet]
            assert gsma_dataset.AREAS[(cells[f"B{r}"], cells[f"C{r}"])] == o.entity
            key = (cells[f"A{r}"], cells[f"D{r}"], cells[f"E{r}"], cells[f"F{r}"])
            assert gsma_dataset.MEASURES[key] == o.indicator
            day, month, year = cells[f"{col}1"].split("/")
            assert (day, f"{year}-{month}") == ("01", o.period)
    ranges = rows[rows["origin"].str.contains(":")]
    for o in ranges.itertuples():  # the all-products totals: the sum of the row's eight product cells
        sheet, span = o.origin.rsplit("!", 1)
        (c1, r1), (c2, _r2) = (_split(p) for p in span.split(":"))
        from openpyxl.utils import column_index_from_string, get_column_letter
        cells = [gsma_cells[sheet][f"{get_column_letter(c)}{r1}"]
                 for c in range(column_index_from_string(c1), column_index_from_string(c2) + 1)]
        assert len(cells) == 8 and o.value == pytest.approx(sum(cells), rel=1e-12)
    # nothing left out: every number in the data table is an observation
    data = gsma_cells[gsma_dataset.SHEET_DATA]
    numbers = sum(1 for ref, v in data.items() if isinstance(v, (int, float)) and _split(ref)[1] > 1)
    assert (single["origin"].str.startswith(gsma_dataset.SHEET_DATA + "!")).sum() == numbers


def test_annual_totals_equal_usage_product(obs, gsma_cells):
    sheet = gsma_cells[gsma_dataset.SHEET_PRODUCT]
    by_row: dict[int, dict[str, object]] = {}
    for ref, v in sheet.items():
        col, r = _split(ref)
        by_row.setdefault(r, {})[col] = v
    title = next(r for r, cells in by_row.items()
                 if str(cells.get("B", "")).startswith("Transaction value by region (USD), "))
    year = str(by_row[title]["B"])[-4:]
    header = next(r for r in range(title + 1, title + 4) if by_row.get(r, {}).get("B") == "Region")
    year_value = obs[(obs["indicator"] == "gsma_mm_year_value") & (obs["period"] == year)].set_index("entity")["value"]
    r, checked = header + 1, 0
    while r in by_row and any(isinstance(v, (int, float)) for v in by_row[r].values()):
        label = by_row[r].get("B", "")
        total = sum(v for c, v in by_row[r].items() if c != "B" and isinstance(v, (int, float)))
        entity = gsma_dataset.PRODUCT_AREAS[label]
        assert year_value[entity] == pytest.approx(total, rel=1e-12), label
        checked += 1
        r += 1
    assert checked == 15  # 13 areas, Northern Africa twice, the Global total row
    assert year_value["WLD"] > year_value["GSMA_AFRICA"] > year_value["GSMA_SSA"]


def test_the_snapshot_holds_every_area_to_december_2024(obs):
    value = obs[(obs["indicator"] == "gsma_mm_value") & (obs["value"] > 0)]
    span = value.groupby("entity")["period"].agg(["min", "max"])
    assert set(span.index) == set(gsma_dataset.AREAS.values()) and len(span) == 14
    assert (span["max"] == "2024-12").all() and (span["min"] <= "2012-12").all()
    members = pd.read_parquet(ROOT / "data" / "entities.parquet").dropna(subset=["gsma_area"])
    assert len(members) == 98 and set(members["gsma_area"]) <= set(gsma_dataset.AREAS.values())


def test_every_itu_2025_observation_equals_its_cell(obs, itu_cells):
    rows = obs[obs["source_id"] == "itu_2025"]
    assert len(rows) > 4000 and rows["preferred"].all()
    for o in rows.itertuples():
        sheet, ref = o.origin.rsplit("!", 1)
        cells = itu_cells[sheet]
        assert cells[ref] == o.value, o
        col, r = _split(ref)
        assert itu.AREAS[cells[f"A{r}"]] == o.entity
        # the year: the nearest row above with a year in this column and nothing in column A
        above = next(cells[f"{col}{i}"] for i in range(r - 1, 0, -1)
                     if f"A{i}" not in cells and isinstance(cells.get(f"{col}{i}"), (int, float)))
        assert str(int(above)) == o.period
    africa = rows[(rows["entity"] == "ITU_AFR") & (rows["period"] == "2025")].set_index("indicator")["value"]
    assert africa["itu_internet_use_rate.female"] < africa["itu_internet_use_rate"] < africa["itu_internet_use_rate.male"]


def test_the_november_2024_edition_stays_as_an_earlier_edition(obs):
    itu = obs[(obs["indicator"] == "itu_internet_use_rate") & (obs["entity"] == "ITU_AFR") & (obs["period"] == "2023")]
    assert set(zip(itu["source_id"], itu["preferred"])) == {("itu_2025", True), ("itu", False)}


# --- malformed workbooks --------------------------------------------------------------------------
def _sheet_xml(z: zipfile.ZipFile, name: str) -> str:
    """The part holding a sheet, from the workbook's own index."""
    book = z.read("xl/workbook.xml").decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(name)}"[^>]*r:id="([^"]+)"', book).group(1)
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or \
        re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return "xl/" + target.group(1).removeprefix("/xl/").removeprefix("xl/")


def _edit_zip(src: Path, dst: Path, edit) -> None:
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
        edit(z, parts)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for n, data in parts.items():
            out.writestr(n, data)


def _rename_sheet(old: str, new: str):
    def edit(z, parts):
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(f'name="{old}"'.encode(), f'name="{new}"'.encode())
    return edit


def _text_in_cell(sheet: str, ref: str, text: str):
    def edit(z, parts):
        part = _sheet_xml(z, sheet)
        xml = parts[part].decode()
        xml, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>',
                         xml, count=1)
        assert n == 1
        parts[part] = xml.encode()
    return edit


def _header_moved(sheet: str):
    """The sheet's first row moved one row down (a row inserted above the header), with openpyxl."""
    def make(src: Path, dst: Path) -> None:
        from openpyxl import load_workbook
        wb = load_workbook(src)
        wb[sheet].insert_rows(1)
        wb.save(dst)
    return make


def _group_moved(sheet: str, ref: str, to: str):
    """A group header ('Female') moved one column to the right."""
    def edit(z, parts):
        part = _sheet_xml(z, sheet)
        xml = parts[part].decode()
        cell = re.search(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', xml).group(0)
        moved = cell.replace(f'r="{ref}"', f'r="{to}"')
        if f'<c r="{to}"' in xml:
            xml = re.sub(rf'<c r="{to}"[^>]*?(/>|>.*?</c>)', moved, xml.replace(cell, f'<c r="{ref}"/>', 1), count=1)
        else:  # no such cell yet: it follows the emptied one
            xml = xml.replace(cell, f'<c r="{ref}"/>' + moved, 1)
        parts[part] = xml.encode()
    return edit


MALFORMED = [
    # (workbook, zip edit or whole-file maker, the sheet named, the cell named (None: the sheet only), words)
    (GSMA, _rename_sheet("All Data Table", "All data"), "All Data Table", None, "the sheet 'All Data Table' is missing"),
    (GSMA, _text_in_cell("All Data Table", "CV9", "about 12"), "All Data Table", "CV9", "holds 'about 12', which is not a number"),
    (GSMA, _text_in_cell("Usage - Product", "D41", "n/a"), "Usage - Product", "D41", "holds 'n/a', which is not a number"),
    (GSMA, _header_moved("All Data Table"), "All Data Table", "A1", "expected the header 'Measure', found ''"),
    (ITU, _text_in_cell("By gender", "X18", "40,3"), "By gender", "X18", "holds '40,3', which is not a number"),
    (ITU, _group_moved("By gender", "J5", "K5"), "By gender", "J5", "expected the group 'Female'"),
]


def _hashes(*folders: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("rel, breaker, sheet, cell, words", MALFORMED,
                         ids=["gsma-sheet-renamed", "gsma-text-in-number", "gsma-product-text", "gsma-header-moved",
                              "itu-text-in-number", "itu-group-moved"])
def test_a_malformed_workbook_stops_the_build_naming_sheet_and_cell(raw_dir, tmp_path, rel, breaker, sheet, cell, words,
                                                                 raw_read_once):
    raw = tmp_path / "raw"
    for src in raw_dir.rglob("*"):
        if src.is_file():
            dst = raw / src.relative_to(raw_dir)
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.relative_to(raw_dir) != Path(rel):
                dst.symlink_to(src)
    if getattr(breaker, "__name__", "") == "make":
        breaker(raw_dir / rel, raw / rel)
    else:
        _edit_zip(raw_dir / rel, raw / rel, breaker)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "static", tmp_path / "static")
    before = _hashes(tmp_path / "data", tmp_path / "static")

    with pytest.raises(BuildError) as err:
        build(raw, tmp_path / "data", tmp_path / "static")

    text = str(err.value)
    assert text.startswith(rel) and f"sheet '{sheet}'" in text and words in text, text
    assert err.value.sheet == sheet and err.value.cell == cell
    if cell:
        assert f"cell {cell}:" in text
    assert _hashes(tmp_path / "data", tmp_path / "static") == before
    assert not list(tmp_path.glob("data.tmp-*"))
