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
# French names of the places pycountry does not name (not ISO, or aggregates: the World Bank's, ITU's, Findex's,
# GSMA's and caniuse's groups), as the World Bank's and ITU's French publications name them where they do.
# An aggregate a new source brings without a French name here fails tests/test_i18n.py.
FRENCH_NAMES = {
    "XKX": "Kosovo", "CHI": "Îles Anglo-Normandes", "ANT": "Antilles néerlandaises", "KAS": "Glacier de Siachen",
    # ISO 3166's French names are the sorted forms ("Corée, République de"): the names readers use instead,
    # as the World Bank's French pages write them
    "ALA": "Îles Åland", "BOL": "Bolivie", "CXR": "Île Christmas", "FLK": "Îles Malouines (Falkland)",
    "FSM": "Micronésie", "IRN": "Iran", "KOR": "Corée du Sud", "LAO": "Laos", "MDA": "Moldavie",
    "PRK": "Corée du Nord", "PSE": "Cisjordanie et Gaza", "REU": "La Réunion", "RUS": "Russie",
    "SHN": "Sainte-Hélène", "SLB": "Îles Salomon", "SYR": "Syrie", "TWN": "Taïwan", "TZA": "Tanzanie",
    "VAT": "Saint-Siège (Vatican)", "VEN": "Venezuela", "VIR": "Îles Vierges américaines",
    "WLD": "Monde", "AFRICA": "Afrique (continent)",
    # World Bank aggregates
    "AFE": "Afrique de l’Est et australe", "AFW": "Afrique de l’Ouest et centrale", "ARB": "Monde arabe",
    "CEB": "Europe centrale et pays baltes", "CSS": "Petits États des Caraïbes",
    "EAP": "Asie de l’Est et Pacifique (hors revenu élevé)", "EAR": "Dividende démographique précoce",
    "EAS": "Asie de l’Est et Pacifique", "ECA": "Europe et Asie centrale (hors revenu élevé)",
    "ECS": "Europe et Asie centrale", "EMU": "Zone euro", "EUU": "Union européenne", "HIC": "Revenu élevé",
    "HPC": "Pays pauvres très endettés (PPTE)", "IBD": "BIRD seulement", "IBT": "Total IDA et BIRD",
    "IDA": "Total IDA", "IDB": "IDA mixte", "IDX": "IDA seulement",
    "LAC": "Amérique latine et Caraïbes (hors revenu élevé)", "LCN": "Amérique latine et Caraïbes",
    "LDC": "Pays les moins avancés : classement de l’ONU", "LIC": "Faible revenu",
    "LMC": "Revenu intermédiaire, tranche inférieure", "LMY": "Revenu faible et intermédiaire",
    "LTE": "Dividende démographique tardif", "MEA": "Moyen-Orient, Afrique du Nord, Afghanistan et Pakistan",
    "MIC": "Revenu intermédiaire",
    "MNA": "Moyen-Orient, Afrique du Nord, Afghanistan et Pakistan (hors revenu élevé)",
    "NAC": "Amérique du Nord", "OED": "Membres de l’OCDE", "OSS": "Autres petits États",
    "PRE": "Dividende pré-démographique", "PSS": "Petits États insulaires du Pacifique",
    "PST": "Dividende post-démographique", "SAS": "Asie du Sud",
    "SSA": "Afrique subsaharienne (hors revenu élevé)", "SSF": "Afrique subsaharienne", "SST": "Petits États",
    "TEA": "Asie de l’Est et Pacifique (pays IDA et BIRD)", "TEC": "Europe et Asie centrale (pays IDA et BIRD)",
    "TLA": "Amérique latine et Caraïbes (pays IDA et BIRD)",
    "TMN": "Moyen-Orient, Afrique du Nord, Afghanistan et Pakistan (IDA et BIRD)",
    "TSA": "Asie du Sud (IDA et BIRD)", "TSS": "Afrique subsaharienne (pays IDA et BIRD)",
    "UMC": "Revenu intermédiaire, tranche supérieure",
    # Findex groupings
    "FDX_MNA": "Moyen-Orient et Afrique du Nord (hors revenu élevé ; regroupement Findex)",
    "FDX_SAS": "Asie du Sud (regroupement Findex, avec l’Afghanistan et le Pakistan)",
    # GSMA regions
    "GSMA_AFRICA": "Afrique, continent entier (GSMA)",
    "GSMA_WAS": "Asie de l’Ouest : la partie Moyen-Orient de la région MENA (GSMA)",
    "GSMA_ASIA": "Asie : Asie de l’Est, Pacifique et Asie du Sud (GSMA)", "GSMA_CAF": "Afrique centrale (GSMA)",
    "GSMA_EAF": "Afrique de l’Est (GSMA)", "GSMA_EAP": "Asie de l’Est et Pacifique (GSMA)",
    "GSMA_ECA": "Europe et Asie centrale (GSMA)", "GSMA_LAC": "Amérique latine et Caraïbes (GSMA)",
    "GSMA_MENA": "Moyen-Orient et Afrique du Nord (GSMA)", "GSMA_NAF": "Afrique du Nord (GSMA)",
    "GSMA_SAF": "Afrique australe (GSMA)", "GSMA_SAS": "Asie du Sud (GSMA)",
    "GSMA_SSA": "Afrique subsaharienne (GSMA)", "GSMA_WAF": "Afrique de l’Ouest (GSMA)",
    "GSMA_WORLD_EX_SSA": "Monde hors Afrique subsaharienne (GSMA)",
    # ITU regions and groups
    "ITU_AFR": "Afrique (région UIT)", "ITU_AMR": "Amériques (région UIT)", "ITU_ARB": "États arabes (région UIT)",
    "ITU_ASP": "Asie-Pacifique (région UIT)", "ITU_CIS": "CEI (région UIT)", "ITU_EUR": "Europe (région UIT)",
    "ITU_LLDC": "Pays en développement sans littoral (UIT)",
    "ITU_SIDS": "Petits États insulaires en développement (UIT)",
    # caniuse continents
    "CIU_AF": "Afrique (caniuse)", "CIU_AN": "Antarctique (caniuse)", "CIU_AS": "Asie (caniuse)",
    "CIU_EU": "Europe (caniuse)", "CIU_NA": "Amérique du Nord (caniuse)", "CIU_OC": "Océanie (caniuse)",
    "CIU_SA": "Amérique du Sud (caniuse)",
}


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
    """French names: pycountry's bundled ISO 3166 translations, or ours for the places it does not name."""
    if code in FRENCH_NAMES:
        return FRENCH_NAMES[code]
    c = pycountry.countries.get(alpha_3=code)
    return _french().gettext(c.name).replace("'", "’") if c else None  # typographic apostrophe


@functools.cache
def _french() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
