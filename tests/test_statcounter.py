"""Reading StatCounter "Mobile Operating System Market Share" exports: good files parse, bad ones say why."""
import codecs
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from atlas.themes.kaios import statcounter as sc

FIXTURES = Path(__file__).parent / "fixtures" / "statcounter"
MONTHLY = "mobile_os-IN-monthly-201901-202012.csv"


def read(name: str) -> sc.Export:
    return sc.read_export((FIXTURES / name).read_bytes(), name)


def test_a_monthly_export_becomes_a_tidy_frame():
    export = read(MONTHLY)
    assert export.frequency == "month" and export.place == "IN"
    assert export.systems == ["Android", "iOS", "KaiOS", "Unknown", "Samsung", "Windows", "Series 40", "Other"]
    assert (export.first, export.last) == ("2019-01", "2020-12")
    assert len(export.frame) == 24 * 8 and list(export.frame.columns) == ["period", "date", "system", "share"]
    kaios = export.series("KaiOS")
    assert len(kaios) == 24 and kaios["date"].iloc[0] == pd.Timestamp("2019-01-01")
    assert kaios["value"].iloc[0] == 6.5 and kaios["value"].iloc[-1] == 2.2  # as written in the file
    sums = export.frame.groupby("period")["share"].sum()
    assert ((sums - 100).abs() < 0.05).all()
    assert export.notes == []


def test_a_yearly_export_sits_in_the_middle_of_each_year():
    export = read("mobile_os-KE-yearly-2019-2023.csv")
    assert export.frequency == "year" and export.place == "KE"
    kaios = export.series("KaiOS")
    assert kaios["period"].tolist() == ["2019", "2020", "2021", "2022", "2023"]
    assert kaios["date"].iloc[0] == pd.Timestamp("2019-07-01")


@pytest.mark.parametrize("name", ["utf8_bom.csv", "utf16_bom.csv"])
def test_excel_resaved_files_read_the_same(name):
    plain, resaved = read(MONTHLY), read(name)
    assert resaved.systems == plain.systems
    pd.testing.assert_frame_equal(resaved.frame, plain.frame)
    assert resaved.place is None  # no StatCounter file name to read the country from


def test_a_windows_1252_header_is_still_readable():
    assert read("cp1252_header.csv").systems[-1] == "Système inconnu"


def test_semicolons_and_decimal_commas_from_a_european_excel():
    text = '"Date";"Android";"iOS";"KaiOS"\n2020-01;90,5;7,5;2\n2020-02;90,4;7,6;2\n'
    export = sc.read_export(text.encode(), "x.csv")
    assert export.series("Android")["value"].tolist() == [90.5, 90.4]


@pytest.mark.parametrize("name, words", [
    ("browser_export.csv", "browser market share export"),
    ("wrong_columns.csv", "The first column should be “Date”"),
    ("non_numeric.csv", "Line 5 (2019-04), column KaiOS: “n/a” is not a number"),
    ("bad_sums.csv", "should add up to about 100 %, but 2 of 6 rows do not (Mar 2019: 29.2; May 2019: 38.4)"),
    ("empty.csv", "The file is empty"),
    ("html_page.csv", "This is a web page (HTML) saved with a .csv name"),
    ("daily_dates.csv", "The dates are days"),
])
def test_each_broken_export_says_what_is_wrong(name, words):
    with pytest.raises(sc.ExportError) as caught:
        read(name)
    assert words in str(caught.value)


@pytest.mark.parametrize("data, words", [
    (b'"Date","Android","iOS"\n', "header but no data rows"),
    (b"   \n\n", "The file is empty"),
    (b'"Date","Android","iOS"\n2020-01,90,10\n2020-01,90,10\n', "The date 2020-01 appears more than once"),
    (b'"Date","Android","iOS"\n2020-13,90,10\n', "“2020-13” is not a month"),
    (b'"Date","Android","iOS"\n2020-01,90,10\nJan 2020,90,10\n', "Line 3: the date “Jan 2020”"),
    (b'"Date","Android","iOS"\n2020-01,110,-10\n', "110 is not a share between 0 and 100"),
    (b'"Date","Android","iOS"\n2020-01,90\n', "Line 2 (2020-01) has 2 values but the header names 3 columns"),
    (b'"Date","Android","Android"\n2020-01,50,50\n', "Column Android appears more than once"),
    (b'"Date","Population","GDP"\n2020-01,50,50\n', "None of the columns is a mobile operating system"),
    (b"PK\x03\x04\x14\x00\x06\x00rest of a workbook", "Excel workbook"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
])
def test_other_problems_get_plain_messages(data, words):
    with pytest.raises(sc.ExportError) as caught:
        sc.read_export(data, "upload.csv")
    assert words in str(caught.value)


def test_a_huge_file_is_refused_by_size_before_parsing():
    row = "2020-01," + ",".join(["10"] * 10) + "\n"
    huge = ('"Date",' + ",".join(f'"OS{i}"' for i in range(10)) + "\n" + row * 40_000).encode()
    assert len(huge) > sc.MAX_BYTES
    with pytest.raises(sc.ExportError, match=r"The file is \d\.\d MB; a StatCounter export is a few kilobytes"):
        sc.read_export(huge, "huge.csv")


def test_too_many_columns_in_a_small_file_are_refused_quickly():
    import time
    n = 60_000  # 650 KB: under the size limit
    header = "Date," + ",".join(f"c{i}" for i in range(n - 1)) + ",Android\n"
    data = (header + "".join(f"2020-0{m}," + "0," * (n - 1) + "100\n" for m in (1, 2))).encode()
    assert len(data) < sc.MAX_BYTES
    t = time.process_time()
    with pytest.raises(sc.ExportError, match="60,000 columns"):
        sc.read_export(data)
    assert time.process_time() - t < 2


def test_too_many_rows_in_a_small_file_are_refused():
    rows = "".join(f"{1000 + i // 12:04d}-{i % 12 + 1:02d},100\n" for i in range(sc.MAX_ROWS + 12))
    with pytest.raises(sc.ExportError, match="data rows"):
        sc.read_export(('"Date","Android"\n' + rows).encode(), "long.csv")


def test_an_all_platform_os_export_is_read_with_a_note():
    text = '"Date","Windows","Android","iOS","OS X","KaiOS"\n2020-01,40,38,15,6,1\n'
    export = sc.read_export(text.encode(), "os_combined-IN-monthly-202001-202001.csv")
    assert export.place == "IN"
    assert any("all-platform" in n for n in export.notes)


@pytest.mark.parametrize("filename, place", [
    ("mobile_os-IN-monthly-201901-202012.csv", "IN"), ("mobile_os-ww-yearly-2019-2023.csv", "WW"),
    ("os_combined-TZ-monthly-202001-202312.csv", "TZ"), ("my export.csv", None), ("", None),
])
def test_the_country_is_read_from_statcounter_file_names(filename, place):
    assert sc.place_from_filename(filename) == place


def test_damaged_utf16_is_reported():
    damaged = codecs.BOM_UTF16_LE + b"\x00\xd8"  # a lone surrogate: not valid UTF-16
    with pytest.raises(sc.ExportError, match="cannot be read"):
        sc.read_export(damaged, "x.csv")


def test_the_reader_needs_no_streamlit():
    code = "import sys, atlas.themes.kaios.statcounter; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1], check=True)
    assert out.stdout.strip() == "False"
