"""The entities table: every code the observations use, with name, kind, region, income and map position."""
from __future__ import annotations

import functools
import gettext

import pandas as pd
import pycountry

NOT_ISO = {"XKX": "Kosovo", "CHI": "Channel Islands", "ANT": "Netherlands Antilles"}
REGION_SOURCE_FINDEX = "World Bank 2024 classification (Global Findex 2025)"
REGION_SOURCE_NE = "Natural Earth (older, c. 2019 World Bank classification)"
REGION_SOURCE_LOCATION = "by location (the World Bank does not classify it separately)"
# Names fixed where the first source's spelling is not the one readers know (WDI: "Naoero").
NAME_FIXES = {"NRU": "Nauru"}


def is_country(code: str) -> bool:
    return code in NOT_ISO or pycountry.countries.get(alpha_3=code) is not None


def build_entities(codes: set[str], names: list[pd.DataFrame], aggregate_names: dict[str, tuple[str, str]],
                   findex_classes: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """codes: every entity observed. names: frames of (code, name), earlier frames win.
    aggregate_names: code -> (name, kind) for non-country codes with names of our own."""
    name_of: dict[str, str] = {}
    for frame in reversed(names):
        name_of.update(dict(zip(frame["code"], frame["name"].str.strip())))
    name_of.update({c: n for c, (n, _k) in aggregate_names.items()})
    name_of.update(NAME_FIXES)

    rows = []
    for code in sorted(codes):
        if code in aggregate_names:
            kind = aggregate_names[code][1]
        elif code == "WLD":
            kind = "world"
        elif is_country(code):
            kind = "country"
        else:
            kind = "wb_aggregate"
        name = name_of.get(code) or _iso_name(code)
        rows.append(dict(code=code, name=name, kind=kind))
    df = pd.DataFrame(rows)

    fx = findex_classes.set_index("code")
    pl = places.set_index("iso3")
    countries = df["kind"] == "country"
    region_fx = df["code"].map(fx["region"]).where(lambda s: s != "High income")
    df["region"] = region_fx.fillna(df["code"].map(pl["region_wb_ne"])).where(countries)
    df["region_source"] = pd.Series(REGION_SOURCE_FINDEX, index=df.index).where(region_fx.notna(), REGION_SOURCE_NE)
    df.loc[region_fx.isna() & df["code"].map(pl["located"]).fillna(False).astype(bool), "region_source"] = \
        REGION_SOURCE_LOCATION
    df.loc[df["region"].isna(), "region_source"] = None
    income_fx = df["code"].map(fx["income_group"])
    df["income_group"] = income_fx.fillna(df["code"].map(pl["income_ne"])).where(countries)
    df["income_source"] = pd.Series(REGION_SOURCE_FINDEX, index=df.index).where(income_fx.notna(), REGION_SOURCE_NE)
    df.loc[df["income_group"].isna(), "income_source"] = None
    df["continent"] = df["code"].map(pl["continent"])
    for column in ("lon", "lat", "area_km2"):
        df[column] = df["code"].map(pl[column]).astype("float64")
    df["has_shape"] = df["code"].map(pl["shape"]).fillna(False).astype(bool)
    df["small"] = df["code"].map(pl["small"]).fillna(False).astype(bool)
    df["iso2"] = df["code"].map(_iso2)
    df["name_fr"] = df["code"].map(_french_name)
    return df


def _iso_name(code: str) -> str:
    if code in NOT_ISO:
        return NOT_ISO[code]
    c = pycountry.countries.get(alpha_3=code)
    return getattr(c, "common_name", None) or c.name if c else code


def _iso2(code: str) -> str | None:
    c = pycountry.countries.get(alpha_3=code)
    return c.alpha_2 if c else ("XK" if code == "XKX" else None)


def _french_name(code: str) -> str | None:
    """French country names from pycountry's bundled ISO 3166 translations (for search)."""
    c = pycountry.countries.get(alpha_3=code)
    return _french().gettext(c.name) if c else None


@functools.cache
def _french() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
