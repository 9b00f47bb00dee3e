"""GSMA's Global Mobile Money Dataset (the workbook behind Mobile Money Metrics), read as published.

Four sheets are read; the others (`Contents`, `Availabilty`, `Agents`, `Accounts`, `Usage - Regional`) lay out
the same figures as `All Data Table` for reading on screen.
- `All Data Table`: every series for GSMA's 14 areas, one column per quarter end. Value and volume are
  **monthly** figures for the quarter's last month (March, June, September, December), registered accounts,
  agents and live services cumulative at that date, active accounts and agents those active in the 30 (or 90)
  days before it. Kept as published: values in US dollars, counts in units, the period the month ('2024-12').
- `Usage - Product`: the annual table for the edition's year (volume, value, average value by product and
  area, with an unlabelled total row: GSMA's Global figure).
- `Countries `: the countries in each GSMA region (UN M49 sub-regions); GSMA publishes no country values.
- `Read me `: GSMA's definitions, which become the catalogue's definitions (translated in snapshot.po).

Every observation keeps its cell (`origin`, e.g. "All Data Table!CV9"); tests/test_gsma_itu_workbooks.py
opens the workbook and compares each one. A workbook laid out otherwise stops the build naming sheet and cell.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pycountry

from .errors import BuildError
from .readers import FILE, LINE
from .workbook import Sheet, Workbook, quarter_end

SOURCE_ID = "gsma_mmd"
SHEET_README, SHEET_DATA, SHEET_PRODUCT, SHEET_COUNTRIES = "Read me ", "All Data Table", "Usage - Product", "Countries "

# GSMA's area (Geo_view, Geo_name) -> entity code. Regions that press pages quoted under the same grouping
# share the codes gsma.py gives them; GSMA's Global is the world's mobile money, so it is WLD.
AREAS = {
    ("Region", "Global"): "WLD",
    ("Region", "East Asia and Pacific"): "GSMA_EAP", ("Region", "Europe and Central Asia"): "GSMA_ECA",
    ("Region", "Latin America and the Caribbean"): "GSMA_LAC", ("Region", "Middle East and North Africa"): "GSMA_MENA",
    ("Region", "South Asia"): "GSMA_SAS", ("Region", "Sub-Saharan Africa"): "GSMA_SSA", ("Region", "Africa"): "GSMA_AFRICA",
    ("Subregion", "Eastern Africa"): "GSMA_EAF", ("Subregion", "Middle Africa"): "GSMA_CAF",
    ("Subregion", "Southern Africa"): "GSMA_SAF", ("Subregion", "Western Africa"): "GSMA_WAF",
    ("Subregion", "Northern Africa"): "GSMA_NAF", ("Subregion", "Western Asia"): "GSMA_WAS",
}
# The dataset's Western Asia is MENA's Asian part (MENA minus Northern Africa; 'Middle East' in Usage - Product).
NEW_ENTITY_NAMES = {"GSMA_WAS": "Western Asia: the Middle East part of MENA (GSMA)"}
PRODUCT_AREAS = {  # Usage - Product's row labels -> entity ('' is the unlabelled total row)
    "East Asia and Pacific": "GSMA_EAP", "Europe and Central Asia": "GSMA_ECA",
    "Latin America and the Caribbean": "GSMA_LAC", "South Asia": "GSMA_SAS",
    "Middle East and North Africa": "GSMA_MENA", "Middle East": "GSMA_WAS", "Northern Africa": "GSMA_NAF",
    "Africa": "GSMA_AFRICA", "Eastern Africa": "GSMA_EAF", "Middle Africa": "GSMA_CAF",
    "Southern Africa": "GSMA_SAF", "Western Africa": "GSMA_WAF", "Sub-Saharan Africa": "GSMA_SSA", "": "WLD",
}
# The Countries sheet: GSMA region (its 'Subregion' column) and UN M49 sub-region (its 'Region' column).
REGION_CODES = {"East Asia and Pacific": "GSMA_EAP", "Europe and Central Asia": "GSMA_ECA",
                "Latin America and the Caribbean": "GSMA_LAC", "Middle East and North Africa": "GSMA_MENA",
                "South Asia": "GSMA_SAS", "Sub-Saharan Africa": "GSMA_SSA"}
SUBREGION_CODES = {  # UN sub-region -> GSMA sub-region area, only inside these GSMA regions
    ("Eastern Africa", "GSMA_SSA"): "GSMA_EAF", ("Middle Africa", "GSMA_SSA"): "GSMA_CAF",
    ("Southern Africa", "GSMA_SSA"): "GSMA_SAF", ("Western Africa", "GSMA_SSA"): "GSMA_WAF",
    ("Northern Africa", "GSMA_MENA"): "GSMA_NAF", ("Western Asia", "GSMA_MENA"): "GSMA_WAS",
}
AFRICA_PARTS = ("GSMA_SSA", "GSMA_NAF")  # GSMA's Africa: Sub-Saharan Africa and Northern Africa
# GSMA's country names that pycountry does not find as written
COUNTRY_CODES = {"Congo": "COG", "Congo, Democratic Republic": "COD", "eSwatini": "SWZ", "Laos": "LAO",
                 "Iran": "IRN", "Turkey": "TUR", "Vietnam": "VNM", "Russian Federation": "RUS",
                 "Tanzania": "TZA", "Bolivia": "BOL", "Côte d'Ivoire": "CIV"}

# Products: the dataset's Attribute -> breakdown id (the catalogue's ids: gsma_mm_value.p2p, ...)
PRODUCTS = {
    "All": "all", "P2P": "p2p", "P2P on-net": "p2p_on_net", "P2P off-net": "p2p_off_net", "P2P B2M": "p2p_b2m",
    "P2P M2B": "p2p_m2b", "Merchant payments": "merchant", "Bill payments": "bill", "Bulk payments": "bulk",
    "Airtime": "airtime", "IR": "ir", "IR sent": "ir_sent", "IR received": "ir_received", "Cash-in": "cash_in",
    "Cash-in at agent": "cash_in_agent", "Cash-in at ATM": "cash_in_atm", "Cash-out": "cash_out",
    "Cash-out at agent": "cash_out_agent", "Cash-out at ATM": "cash_out_atm",
}
# The eight products of the annual table (and of GSMA's product mix), in the sheet's column order
ANNUAL_PRODUCTS = {"Airtime top-up": "airtime", "Bill payment": "bill", "Bulk disbursement": "bulk",
                   "Cash-in": "cash_in", "Cash-out": "cash_out", "International remittance": "ir",
                   "Merchant payment": "merchant", "P2P transfer": "p2p"}
MIX_PRODUCTS = tuple(ANNUAL_PRODUCTS.values())
PRODUCTS_BY_ID = {slug: attr for attr, slug in PRODUCTS.items()}

# (Measure, Attribute, Unit, Metric) -> indicator id. Each product's value and volume follow from PRODUCTS.
MEASURES = {
    ("Active Services", "Active Services", "Services", "Mobile Money Services"): "gsma_mm_services",
    ("Registered Accounts", "Registered", "Accounts", "Mobile Money accounts"): "gsma_mm_accounts_registered",
    ("Active, 30-day Accounts", "Active, 30-day", "Accounts", "Mobile Money accounts"): "gsma_mm_accounts_active_30d",
    ("Active, 90-day Accounts", "Active, 90-day", "Accounts", "Mobile Money accounts"): "gsma_mm_accounts_active_90d",
    ("Registered Agents", "Registered", "Agents", "Mobile Money agents"): "gsma_mm_agents_registered",
    ("Active, 30-day Agents", "Active, 30-day", "Agents", "Mobile Money agents"): "gsma_mm_agents_active_30d",
}
for _attr, _slug in PRODUCTS.items():
    MEASURES[(f"{_attr} USD", _attr, "USD", "Mobile Money transactional value")] = \
        "gsma_mm_value" + ("" if _slug == "all" else f".{_slug}")
    MEASURES[(f"{_attr} Volume", _attr, "Volume", "Mobile Money transactional volume")] = \
        "gsma_mm_volume" + ("" if _slug == "all" else f".{_slug}")
MISSING_IN_SOURCE = {"gsma_mm_volume.ir_sent"}  # GSMA publishes no 'IR sent Volume' row
DATA_HEADER = ["Measure", "Geo_view", "Geo_name", "Attribute", "Unit", "Metric"]
ANNUAL_TABLES = {  # section title (the year is read from it) -> indicator base
    "Transaction volume by region": "gsma_mm_year_volume",
    "Transaction value by region (USD)": "gsma_mm_year_value",
    "Average value per transaction by region (USD)": "gsma_mm_year_avg_value",
}
# Read me: the metric definitions' headings (numbering dropped) -> the catalogue's keys
DEFINITION_HEADINGS = {
    "Live services": "services", "Registered accounts": "accounts_registered", "Active accounts": "accounts_active",
    "Registered agents": "agents_registered", "Active agents": "agents_active", "P2P transfer": "p2p",
    "International remittance": "ir", "Bills payment": "bill", "Merchant payment": "merchant",
    "Airtime top-up": "airtime", "Bulk disbursement": "bulk", "Cash-in": "cash_in", "Cash-out": "cash_out",
}


def id_for(base: str, product: str) -> str:
    return base if product == "all" else f"{base}.{product}"


def read_gsma_dataset(path: Path) -> dict:
    """Read the workbook. Returns {'observations', 'members' (country -> GSMA region and sub-region),
    'definitions' (key -> GSMA's text), 'edition' (the Read me's date line), 'year' (the annual table's)}."""
    wb = Workbook(path)
    definitions, edition = _read_me(wb.sheet(SHEET_README))
    quarterly = _all_data(wb.sheet(SHEET_DATA))
    annual, year = _annual(wb.sheet(SHEET_PRODUCT))
    members = _countries(wb.sheet(SHEET_COUNTRIES))
    obs = pd.concat([quarterly, annual], ignore_index=True)
    obs[FILE], obs[LINE] = wb.file, 0
    obs["source_id"], obs["preferred"] = SOURCE_ID, True
    return {"observations": obs, "members": members, "definitions": definitions, "edition": edition, "year": year}


def _read_me(sh: Sheet) -> tuple[dict[str, str], str]:
    col = next((c for c in range(3) if any(sh.text(r, c) for r in range(len(sh)))), 0)  # GSMA writes in column B
    texts = [(r, sh.text(r, col)) for r in range(len(sh)) if sh.text(r, col)]
    edition = next((t for _r, t in texts if t.startswith("Date:")), None)
    if edition is None:
        raise sh.fail(2, col, "expected the edition line 'Date: <month year> | Version: <n>'")
    definitions: dict[str, str] = {}
    starts = [i for i, (_r, t) in enumerate(texts) if t.lower().startswith("metric definitions")]
    ends = [i for i, (_r, t) in enumerate(texts) if t.upper().startswith("REPORTING CYCLE")]
    if not starts or not ends:
        raise sh.fail(None, None, "expected the sections 'Metric definitions' and 'REPORTING CYCLE'")
    section = texts[starts[0] + 1:ends[0]]
    for (r, heading), (_r2, body) in zip(section[::2], section[1::2]):
        name = re.sub(r"^\d+\.\s*", "", heading).strip()
        if name not in DEFINITION_HEADINGS:
            raise sh.fail(r, col, f"unknown metric definition heading '{heading}'")
        definitions[DEFINITION_HEADINGS[name]] = _one_paragraph(body)
    missing = sorted(set(DEFINITION_HEADINGS.values()) - set(definitions))
    if missing:
        raise sh.fail(None, None, f"metric definitions missing: {', '.join(missing)}")
    service = next((t for _r, t in texts if t.startswith("The GSMA Mobile Money programme considers")), None)
    if service is None:
        raise sh.fail(None, None, "expected GSMA's definition of a mobile money service under 'DEFINITIONS'")
    definitions["service"] = _one_paragraph(service)
    return definitions, edition


def _one_paragraph(text: str) -> str:
    """GSMA's cell text with its line breaks and bullets as one paragraph (bullets become '; ')."""
    parts = [p.strip(" •\u2022") for p in re.split(r"\s*\n\s*", text) if p.strip(" •\u2022")]
    out = parts[0] if parts else ""
    for p in parts[1:]:
        out += (" " if out.endswith((".", ":")) else "; ") + p
    return re.sub(r"\s+", " ", out).strip()


def _all_data(sh: Sheet) -> pd.DataFrame:
    for c, name in enumerate(DATA_HEADER):
        sh.expect(0, c, name)
    header = sh.rows[0]
    periods = {c: quarter_end(header[c], sh, 0, c) for c in range(len(DATA_HEADER), len(header)) if header[c] != ""}
    if not periods:
        raise sh.fail(0, len(DATA_HEADER), "expected quarter-end dates after the column 'Metric'")
    rows, seen = [], set()
    for r in range(1, len(sh)):
        labels = tuple(sh.text(r, c) for c in range(len(DATA_HEADER)))
        if not any(labels):
            continue
        measure, view, area = (labels[0], labels[3], labels[4], labels[5]), labels[1], labels[2]
        if measure not in MEASURES:
            raise sh.fail(r, 0, f"unknown measure '{labels[0]}' (attribute '{labels[3]}', unit '{labels[4]}', "
                                f"metric '{labels[5]}'): add it to gsma_dataset.MEASURES and the catalogue")
        if (view, area) not in AREAS:
            raise sh.fail(r, 2, f"unknown area '{area}' ({view})")
        indicator, entity = MEASURES[measure], AREAS[(view, area)]
        if (indicator, entity) in seen:
            raise sh.fail(r, 0, f"measure '{labels[0]}' appears twice for '{area}'")
        seen.add((indicator, entity))
        for c, period in periods.items():
            value = sh.number(r, c)
            if value is not None:
                rows.append((entity, indicator, period, value, sh.origin(r, c)))
    expected = {i for i in MEASURES.values() if i not in MISSING_IN_SOURCE}
    found = {i for i, _e in seen}
    if expected - found:
        raise sh.fail(None, None, f"measure(s) missing: {', '.join(sorted(expected - found))}")
    for indicator in expected - {"gsma_mm_services"}:  # GSMA gives live services for its six regions only
        missing = set(AREAS.values()) - {e for i, e in seen if i == indicator}
        if missing:
            raise sh.fail(None, None, f"'{indicator}' is missing for {', '.join(sorted(missing))}")
    return pd.DataFrame(rows, columns=["entity", "indicator", "period", "value", "origin"]).assign(note="")


def _annual(sh: Sheet) -> tuple[pd.DataFrame, str]:
    """The three annual tables: a section title 'Transaction volume by region, 2024', a header row
    'Region | Airtime top-up | ...', one row per area and, for volume and value, the unlabelled total row."""
    rows, years, found = [], set(), set()
    col = next((c for c in range(4) for r in range(len(sh)) if sh.text(r, c) == "Region"), None)  # labels' column
    if col is None:
        raise sh.fail(6, 1, "expected a header 'Region' above each table")
    r = 0
    while r < len(sh):
        title = sh.text(r, col)
        match = re.match(r"^(.*), (\d{4})$", title)
        if not match or match.group(1) not in ANNUAL_TABLES:
            r += 1
            continue
        base, year = ANNUAL_TABLES[match.group(1)], match.group(2)
        years.add(year)
        found.add(base)
        h = next((i for i in range(r + 1, min(r + 4, len(sh))) if sh.text(i, col) == "Region"), None)
        if h is None:
            raise sh.fail(r + 2, col, f"expected the header 'Region' within three rows of '{title}'")
        columns = {}
        for c, (label, slug) in enumerate(ANNUAL_PRODUCTS.items(), start=col + 1):
            sh.expect(h, c, label)
            columns[c] = slug
        seen: dict[str, list] = {}
        i = h + 1
        while i < len(sh) and any(sh.text(i, c) for c in range(col, col + len(columns) + 1)):
            label = sh.text(i, col)
            if label not in PRODUCT_AREAS:
                raise sh.fail(i, col, f"unknown area '{label}' in the table '{title}'")
            values = [sh.number(i, c) for c in columns]
            entity = PRODUCT_AREAS[label]
            if entity in seen:  # Northern Africa is listed under MENA and under Africa: the same figures
                if seen[entity] != values:
                    raise sh.fail(i, col, f"'{label}' appears twice in '{title}' with different figures")
                i += 1
                continue
            seen[entity] = values
            for (c, slug), value in zip(columns.items(), values):
                if value is not None:
                    rows.append((entity, id_for(base, slug), year, value, sh.origin(i, c), ""))
            if base != "gsma_mm_year_avg_value" and all(v is not None for v in values):
                # all products: the sum of the eight product cells (GSMA's annual total, e.g. US$1.68 trillion)
                first, last = sh.origin(i, min(columns)), sh.cell(i, max(columns))
                rows.append((entity, base, year, float(sum(values)), f"{first}:{last}",
                             "sum of the eight products in Usage - Product"))
            i += 1
        if "WLD" not in seen and base != "gsma_mm_year_avg_value":
            raise sh.fail(i, col, f"expected the unlabelled Global total row at the end of '{title}'")
        r = i
    if found != set(ANNUAL_TABLES.values()):
        missing = [t for t, b in ANNUAL_TABLES.items() if b not in found]
        raise sh.fail(None, None, f"table(s) missing: {', '.join(missing)}")
    if len(years) != 1:
        raise sh.fail(None, None, f"the annual tables name different years: {', '.join(sorted(years))}")
    df = pd.DataFrame(rows, columns=["entity", "indicator", "period", "value", "origin", "note"])
    # the average value of all products: value / volume of the computed totals
    tot = df[df["indicator"].isin(["gsma_mm_year_value", "gsma_mm_year_volume"])].pivot(
        index="entity", columns="indicator", values="value")
    avg = (tot["gsma_mm_year_value"] / tot["gsma_mm_year_volume"]).dropna()
    df = pd.concat([df, pd.DataFrame({
        "entity": avg.index, "indicator": "gsma_mm_year_avg_value", "period": years.pop(), "value": avg.values,
        "origin": "", "note": "value of all products / volume of all products in Usage - Product"})],
        ignore_index=True)
    return df, df["period"].iloc[0]


def _countries(sh: Sheet) -> pd.DataFrame:
    at = next(((r, c) for r in range(min(10, len(sh))) for c in range(4) if sh.text(r, c) == "Country name"), None)
    if at is None:
        raise sh.fail(3, 2, "expected the header 'Country name' in the first ten rows")
    h, col = at
    sh.expect(h, col + 1, "Region")  # GSMA's 'Region' column holds the UN M49 sub-region
    sh.expect(h, col + 2, "Subregion")  # and its 'Subregion' column GSMA's region
    rows = []
    for r in range(h + 1, len(sh)):
        name, un_sub, region = sh.text(r, col), sh.text(r, col + 1), sh.text(r, col + 2)
        if not name:
            continue
        if region not in REGION_CODES:
            raise sh.fail(r, col + 2, f"unknown GSMA region '{region}' for {name}")
        code = COUNTRY_CODES.get(name) or _iso3(name)
        if code is None:
            raise sh.fail(r, col, f"cannot match the country name '{name}' to an ISO code: add it to "
                                f"gsma_dataset.COUNTRY_CODES")
        region_code = REGION_CODES[region]
        sub = SUBREGION_CODES.get((un_sub, region_code))
        if region_code == "GSMA_SSA" and sub is None:
            raise sh.fail(r, col + 1, f"'{name}' is in Sub-Saharan Africa but in no African sub-region ('{un_sub}')")
        rows.append(dict(code=code, gsma_name=name, gsma_region=region_code, gsma_subregion=sub,
                         un_subregion=un_sub, origin=sh.origin(r, col)))
    df = pd.DataFrame(rows)
    if df.empty:
        raise sh.fail(h + 1, col, "no countries listed")
    if df["code"].duplicated().any():
        dup = df[df["code"].duplicated()].iloc[0]
        raise BuildError(sh.file, f"'{dup['gsma_name']}' is listed twice", sheet=sh.name, cell=dup["origin"].split("!")[1])
    return df


def _iso3(name: str) -> str | None:
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def area_of(members: pd.DataFrame) -> pd.Series:
    """Each listed country's finest GSMA area with figures: its African or Middle East sub-region, else its region."""
    return members["gsma_subregion"].fillna(members["gsma_region"])


def membership(members: pd.DataFrame) -> dict[str, list[str]]:
    """Area code -> its member countries (ISO3), for the 14 areas."""
    out: dict[str, list[str]] = {"WLD": sorted(members["code"])}
    for column in ("gsma_region", "gsma_subregion"):
        for area, frame in members.dropna(subset=[column]).groupby(column):
            out[area] = sorted(frame["code"])
    out["GSMA_AFRICA"] = sorted(c for part in AFRICA_PARTS for c in out.get(part, []))
    return out


def with_members(entities: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """The entities table with GSMA's grouping: each listed country's GSMA region and sub-region (codes), its
    finest area with figures (`gsma_area`, what a regional map paints it with), and each area's member count."""
    m = members.set_index("code")
    out = entities.copy()
    out["gsma_region"] = out["code"].map(m["gsma_region"])
    out["gsma_subregion"] = out["code"].map(m["gsma_subregion"])
    out["gsma_area"] = out["code"].map(area_of(members).set_axis(members["code"]))
    counts = {area: len(codes) for area, codes in membership(members).items()}
    out["gsma_members"] = out["code"].map(counts).where(out["kind"] == "gsma_region").astype("Int64")
    return out
