"""The indicator catalogue and the publications behind it.

Everything here is description (labels, units, definitions, caveats, citations): no figures. A caveat
that quotes the data has a {placeholder}, filled from the observations at build time (caveats.py).
Each indicator names one source id; observation rows may name a more precise source id
(a GSMA report page, say) registered by the parser that reads them.
"""
from __future__ import annotations

import pandas as pd

# Publications the snapshot draws on. Keyed by source id.
SOURCES = {
    "wdi": dict(
        publisher="World Bank, World Development Indicators (data from ITU)",
        title="Individuals using the Internet (% of population), IT.NET.USER.ZS",
        url="https://data.worldbank.org/indicator/IT.NET.USER.ZS",
        licence="CC BY 4.0", vintage="WDI release of 13 July 2026"),
    "wdi_pop": dict(
        publisher="World Bank, World Development Indicators",
        title="Population, total, SP.POP.TOTL",
        url="https://data.worldbank.org/indicator/SP.POP.TOTL",
        licence="CC BY 4.0", vintage="WDI release of 13 July 2026"),
    "itu": dict(
        publisher="International Telecommunication Union (ITU)",
        title="Key ICT indicators for the world and ITU regions (Facts and Figures 2024)",
        url="https://www.itu.int/en/ITU-D/Statistics/Pages/stat/default.aspx",
        licence="ITU terms of use (free download; credit ITU, not an open licence)",
        vintage="November 2024"),
    "itu_2025": dict(
        publisher="International Telecommunication Union (ITU)",
        title="Key ICT indicators for the world and ITU regions (Facts and Figures 2025)",
        url="https://www.itu.int/en/ITU-D/Statistics/Documents/facts/ITU_regional_global_Key_ICT_indicator_aggregates_Nov_2025.xlsx",
        licence="ITU terms of use (free download; credit ITU, not an open licence)",
        vintage="November 2025"),
    "findex": dict(
        publisher="World Bank, Global Findex Database 2025",
        title="Global Findex Database 2025 (Klapper, Singer, Starita and Norris, 2025)",
        url="https://www.worldbank.org/en/publication/globalfindex",
        licence="CC BY 4.0", vintage="Global Findex 2025 (waves 2011-2024)"),
    "imf_fas": dict(
        publisher="International Monetary Fund, Financial Access Survey",
        title="Financial Access Survey, mobile money series",
        url="https://data.imf.org/FAS",
        licence="IMF copyright and usage terms (reuse with attribution)",
        vintage="release current in early 2021 (data to 2019)"),
    "gsma": dict(
        publisher="GSMA, State of the Industry Report on Mobile Money (as published or quoted)",
        title="GSMA mobile money regional figures; each figure names its report page",
        url="https://www.gsma.com/sotir/",
        licence="Facts published by the GSMA (c) GSM Association; figures and citations only",
        vintage="report editions 2015-2025"),
    "gsma_owid": dict(
        publisher="GSMA Mobile Money Metrics, via Our World in Data",
        title="Mobile Bank Accounts by Region - GSMA (2019)",
        url="https://github.com/owid/owid-datasets/tree/02be2c883c877e54722eb50b642e914b32722b0a/datasets",
        licence="OWID compilation CC BY 4.0; figures are GSMA's", vintage="GSMA 2017 vintage, retrieved May 2019"),
    "gsma_mmd": dict(
        publisher="GSMA Mobile Money Programme",
        title="Global Mobile Money Dataset",
        url="https://www.gsma.com/sotir/",
        licence="(c) GSMA; free download from Mobile Money Metrics, no licence stated; credit the GSMA Mobile Money "
                "Programme",
        vintage="the workbook's edition (read from its Read me sheet at build time)"),
    "caniuse": dict(
        publisher="caniuse.com (Alexis Deveria), based on StatCounter GlobalStats",
        title="caniuse region-usage-json, browser usage by country and month",
        url="https://github.com/Fyrd/caniuse/tree/main/region-usage-json",
        licence="CC BY 4.0 (caniuse.com); StatCounter GlobalStats CC BY-SA 3.0",
        vintage="monthly updates (the months held are computed from the data at build time)"),
}

# Sources whose `title` is our description of what we took, translated like any snapshot text; every other
# title is a publication's or a dataset's own title, kept as published in every language.
DESCRIBED_TITLES = {"gsma", "caniuse", "imf_fas"}

PCT_UNITS = {"%"}  # values in these units must lie within 0-100

_COLUMNS = ["id", "label", "short_label", "unit", "theme", "period_type", "source_id",
            "base_id", "breakdown", "definition", "caveats", "comparable_across_countries", "measure"]


def _row(id, label, unit, theme, period_type, source_id, definition, caveats="",
         short_label=None, base_id=None, breakdown="", comparable=True, measure=""):
    """`measure`: what a figure at a date means where it matters (cumulative at the date, active in the
    last 30 days, a flow in the month), shown with the unit."""
    return dict(id=id, label=label, short_label=short_label or label, unit=unit, theme=theme,
                period_type=period_type, source_id=source_id, base_id=base_id or id, breakdown=breakdown,
                definition=definition, caveats=caveats, comparable_across_countries=comparable, measure=measure)


# --- Internet -------------------------------------------------------------------------------------
_INTERNET = [
    _row("internet_users_pct", "Individuals using the internet (% of population)", "%", "internet", "year", "wdi",
         "Share of the population who used the internet from any location in the last three months, "
         "via any device. Country figures come from household surveys or ITU estimates; World Bank "
         "aggregates are ITU regional estimates.",
         "Survey years and methods differ by country; some years are ITU estimates. Aggregates use the "
         "World Bank's 2024 regions (Afghanistan and Pakistan are in 'Middle East, North Africa, "
         "Afghanistan & Pakistan'). The 2025 values of MNA and Small states read 0 in the source and "
         "are left out as errors (their population figures for 2025 are kept).", short_label="Internet use"),
    _row("population", "Population, total", "people", "internet", "year", "wdi_pop",
         "Mid-year estimate of all residents regardless of legal status or citizenship.",
         "Estimates, not counts: between censuses the World Bank interpolates and projects from the UN "
         "World Population Prospects and national statistics, and revises past years with each release, "
         "so figures differ from earlier downloads and from national sources. The latest years are "
         "projections. Aggregates use the World Bank's 2024 regions and income groups. Small territories "
         "the World Bank does not list (French overseas departments, for example) have no figure here.",
         short_label="Population"),
]

# ITU indicator name in the long file -> (id stem, short label)
ITU_INDICATORS = {
    "Individuals using the Internet": ("itu_internet_use", "Internet use (ITU)"),
    "Individuals owning a mobile phone": ("itu_mobile_phone_owners", "Mobile phone ownership (ITU)"),
    "Mobile-cellular telephone subscriptions": ("itu_mobile_cellular_subs", "Mobile-cellular subscriptions (ITU)"),
    "Active mobile-broadband subscriptions": ("itu_mobile_broadband_subs", "Mobile-broadband subscriptions (ITU)"),
    "Active subscriptions to 5G/IMT-2020 mobile broadband": ("itu_5g_subs", "5G subscriptions (ITU)"),  # Nov 2025 on
    "Fixed-broadband subscriptions": ("itu_fixed_broadband_subs", "Fixed-broadband subscriptions (ITU)"),
    "Fixed-telephone subscriptions": ("itu_fixed_telephone_subs", "Fixed-telephone subscriptions (ITU)"),
    "Population covered by a mobile-cellular network": ("itu_cov_mobile", "Mobile network coverage (ITU)"),
    "Population covered by at least a 3G mobile network": ("itu_cov_3g", "3G coverage (ITU)"),
    "Population covered by at least an LTE/WiMAX mobile network": ("itu_cov_4g", "4G/LTE coverage (ITU)"),
    "Population covered by at least a 5G mobile network": ("itu_cov_5g", "5G coverage (ITU)"),
    "Fixed broadband traffic": ("itu_fixed_traffic", "Fixed-broadband traffic (ITU)"),
    "Mobile broadband traffic": ("itu_mobile_traffic", "Mobile-broadband traffic (ITU)"),
    "International bandwidth usage": ("itu_intl_bandwidth", "International bandwidth (ITU)"),
}
ITU_UNITS = {  # the long file's unit -> catalogue unit
    "Percentage": "%", "Per 100 inhabitants": "per 100 inhabitants", "Millions": "millions",
    "Exabytes": "exabytes", "Per subscription (GB)": "GB per subscription", "Tbit/s": "Tbit/s",
    "Per Internet user (kbit/s)": "kbit/s per internet user",
}
# The ITU-against-WDI sentence is filled from the data and checked by caveats._itu_vs_wdi_world: if a
# release no longer agrees, the build stops rather than print it (reword it here then).
_ITU_CAVEAT = ("ITU aggregates only, for ITU's own regions and the World Bank income groups; no country "
               "rows. ITU's 'Africa' excludes Sudan, Somalia, Mauritania, the Comoros and Djibouti (in its "
               "Arab States region), so it is not the World Bank's Sub-Saharan Africa. The November 2025 edition "
               "is the current series: its World internet use equals WDI's World aggregate for "
               "{itu_wdi_first_year}-{world_year} ({itu_world} in {world_year} in both; WDI takes its aggregates "
               "from ITU). The November 2024 edition, kept as an earlier edition, gave {itu_prev_world} for "
               "{prev_year}, against WDI's {wdi_prev_world}.")
_ITU_BREAKDOWNS = {  # the November 2025 edition's internet use by sex and by area
    "female": ("women", "Internet use, women (ITU)"), "male": ("men", "Internet use, men (ITU)"),
    "urban": ("urban areas", "Internet use, urban areas (ITU)"),
    "rural": ("rural areas", "Internet use, rural areas (ITU)"),
}


def itu_rows(units_by_stem: dict[tuple[str, str], str], stems_2025: set[str] = frozenset()) -> list[dict]:
    """ITU's indicators; those the November 2025 edition carries cite it (the November 2024 figures stay as an
    earlier edition), the others (international bandwidth) the November 2024 edition."""
    rows = []
    for name, (stem, short) in ITU_INDICATORS.items():
        for measure in ("rate", "total"):
            unit = units_by_stem.get((name, measure))
            if unit is None:
                continue
            what = "rate" if measure == "rate" else "total"
            rows.append(_row(f"{stem}_{measure}", f"{name} ({unit})", unit, "internet", "year",
                             "itu_2025" if f"{stem}_{measure}" in stems_2025 else "itu",
                             f"ITU estimate, {what}: {name.lower()}, expressed in {unit}.", _ITU_CAVEAT,
                             short_label=short if measure == "rate" else f"{short}, total"))
    for key, (who, short) in _ITU_BREAKDOWNS.items():
        rows.append(_row(f"itu_internet_use_rate.{key}", f"Individuals using the Internet, {who} (%)", "%",
                         "internet", "year", "itu_2025",
                         f"ITU estimate: the percentage of {'individuals living in ' + who if key in ('urban', 'rural') else who} "
                         f"who used the Internet (ITU's November 2025 edition, the first with these splits for "
                         f"every ITU region).",
                         _ITU_CAVEAT + " By sex from 2019, by urban or rural area from 2022.",
                         short_label=short, base_id="itu_internet_use_rate", breakdown=key))
    return rows


# --- Mobile money: Findex -------------------------------------------------------------------------
FINDEX_BASES = {
    "account_t_d": ("findex_account", "Account ownership (% of adults 15+)", "Account",
                    "Adults (15+) who report having an account, alone or with someone else, at a bank or "
                    "another type of financial institution, or who personally used a mobile money service "
                    "in the past 12 months."),
    "fiaccount_t_d": ("findex_fi_account", "Financial institution account (% of adults 15+)", "Bank account",
                      "Adults (15+) who report having an account at a bank or another type of financial "
                      "institution."),
    "mobileaccount_t_d": ("findex_mobile_money", "Mobile money account (% of adults 15+)", "Mobile money account",
                          "Adults (15+) who personally used a mobile money service in the past 12 months."),
}
# (group, group2) in the raw file -> (breakdown id, label)
FINDEX_SLICES = {
    ("all", "all"): ("all", "all adults"),
    ("gender", "women"): ("women", "women"),
    ("gender", "men"): ("men", "men"),
    ("income", "poorest 40%"): ("poorest40", "poorest 40 %"),
    ("income", "richest 60%"): ("richest60", "richest 60 %"),
    ("age_cat", "ages 15-24"): ("age15_24", "ages 15-24"),
    ("age_cat", "age 25+"): ("age25plus", "ages 25+"),
    ("education", "prim edu or less"): ("primary_or_less", "primary education or less"),
    ("education", "secondary edu or more"): ("secondary_or_more", "secondary education or more"),
    ("laborforce", "in laborforce"): ("in_labor_force", "in the labour force"),
    ("laborforce", "out of laborforce"): ("out_of_labor_force", "out of the labour force"),
    ("urbanicity", "urban"): ("urban", "urban"),
    ("urbanicity", "rural"): ("rural", "rural"),
}
_FINDEX_CAVEAT = ("Survey estimates with sampling error. Waves are irregular (2011, 2014, 2017, 2021, 2024); "
                  "in 16 economies the 2021 wave was fielded in 2022 and is shown as 2021, as the World Bank "
                  "does. The mobile money question is asked only where mobile money is relevant, so a blank "
                  "means 'not asked', not zero; no mobile money values exist for 2011. Regional aggregates "
                  "exclude high-income economies. Third-party extract of the official file (3 of ~429 columns).")


def findex_id(base: str, breakdown: str) -> str:
    return base if breakdown == "all" else f"{base}.{breakdown}"


def findex_rows() -> list[dict]:
    rows = []
    for base, label, short, definition in FINDEX_BASES.values():
        for breakdown, slice_label in FINDEX_SLICES.values():
            suffix = "" if breakdown == "all" else f", {slice_label}"
            rows.append(_row(findex_id(base, breakdown), label + suffix, "%", "mobile_money", "year", "findex",
                             definition, _FINDEX_CAVEAT, short_label=short + suffix, base_id=base,
                             breakdown=breakdown))
    rows.append(_row("findex_mobile_money_gender_gap", "Mobile money account: gender gap (men minus women, points)",
                     "percentage points", "mobile_money", "year", "findex",
                     "Mobile money account ownership among men minus that among women, in percentage points, "
                     "both from the same Findex survey wave.",
                     _FINDEX_CAVEAT + " Computed here by subtraction of two published figures.",
                     short_label="Mobile money gender gap", base_id="findex_mobile_money_gender_gap"))
    return rows


# --- Mobile money: IMF FAS ------------------------------------------------------------------------
# raw column -> (id, label, unit, comparable across countries)
FAS_SERIES = {
    "Number of registered mobile money agent outlets": ("fas_agents_registered", "Registered mobile money agent outlets", "outlets", False),
    "Number of active mobile money agent outlets": ("fas_agents_active", "Active mobile money agent outlets", "outlets", False),
    "Number of active mobile money accounts": ("fas_accounts_active", "Active mobile money accounts", "accounts", False),
    "Number of registered mobile money accounts": ("fas_accounts_registered", "Registered mobile money accounts", "accounts", False),
    "Value of mobile money transactions (during the reference year)": ("fas_tx_value_lcu", "Value of mobile money transactions (national currency, millions)", "national currency, millions", False),
    "Number of mobile money transactions (during the reference year)": ("fas_tx_count", "Number of mobile money transactions in the year", "transactions", False),
    "Outstanding balances on active mobile money accounts": ("fas_balances_lcu", "Outstanding balances on active mobile money accounts (national currency, millions)", "national currency, millions", False),
    "Mobile money agent outlets: active per 100,000 adults": ("fas_agents_active_per_100k", "Active mobile money agent outlets per 100,000 adults", "per 100,000 adults", True),
    "Mobile money agent outlets: active per 1,000 km2": ("fas_agents_active_per_1000km2", "Active mobile money agent outlets per 1,000 km2", "per 1,000 km2", True),
    "Number of registered mobile money agent outlets per 100,000 adults": ("fas_agents_registered_per_100k", "Registered mobile money agent outlets per 100,000 adults", "per 100,000 adults", True),
    "Number of registered mobile money agent outlets per 1,000 km2": ("fas_agents_registered_per_1000km2", "Registered mobile money agent outlets per 1,000 km2", "per 1,000 km2", True),
    "Number of registered mobile money accounts per 1,000 adults": ("fas_accounts_registered_per_1000", "Registered mobile money accounts per 1,000 adults", "per 1,000 adults", True),
    "Number of active mobile money accounts per 1,000 adults": ("fas_accounts_active_per_1000", "Active mobile money accounts per 1,000 adults", "per 1,000 adults", True),
    "Outstanding balances on active mobile money accounts (% of GDP)": ("fas_balances_pct_gdp", "Outstanding balances on active mobile money accounts (% of GDP)", "% of GDP", True),
    "Number of mobile money transactions (during the reference year) per 1,000 adults": ("fas_tx_per_1000", "Mobile money transactions per 1,000 adults", "per 1,000 adults", True),
    "Value of mobile money transactions (during the reference year) (% of GDP)": ("fas_tx_value_pct_gdp", "Value of mobile money transactions (% of GDP)", "% of GDP", True),
}
_FAS_CAVEAT = ("Supply-side data reported by central banks. This snapshot stops in 2019 (the newest global copy "
               "found); current IMF figures run later and may be revised. Some 2019 cells were not yet reported. "
               "Few high-income economies report these series ({fas_high_income_count} of {fas_reporting_count} "
               "reporting economies: {fas_high_income_names}).")


def fas_rows() -> list[dict]:
    rows = []
    for raw, (id, label, unit, comparable) in FAS_SERIES.items():
        caveat = _FAS_CAVEAT + ("" if comparable else " Levels in national units: not comparable across countries.")
        rows.append(_row(id, label, unit, "mobile_money", "year", "imf_fas",
                         f"IMF Financial Access Survey series '{raw}'.", caveat, comparable=comparable))
    return rows


# --- Mobile money: GSMA ---------------------------------------------------------------------------
GSMA_METRICS = {
    "registered_accounts": ("gsma_registered_accounts", "Registered mobile money accounts", "million accounts",
                            "Registered mobile money accounts at year end (customers who only transact over the counter are not counted)."),
    "active_accounts_30day": ("gsma_active_accounts_30d", "Mobile money accounts active in the last 30 days", "million accounts",
                              "Accounts used for at least one transaction in the previous 30 days (GSMA's standard 'active')."),
    "active_accounts_90day": ("gsma_active_accounts_90d", "Mobile money accounts active in the last 90 days", "million accounts",
                              "Accounts used for at least one transaction in the previous 90 days."),
    "transaction_value": ("gsma_tx_value", "Mobile money transaction value", "USD billion",
                          "Value of mobile money transactions in the year, in billions of US dollars."),
    "transaction_volume": ("gsma_tx_volume", "Mobile money transaction volume", "billion transactions",
                           "Number of mobile money transactions in the year, in billions."),
    "registered_agents": ("gsma_agents_registered", "Registered mobile money agents", "million agents",
                          "Registered mobile money agents at year end."),
    "active_agents": ("gsma_agents_active", "Active mobile money agents", "million agents",
                      "Mobile money agents active in the last 30 days."),
    "share_of_global_registered_accounts": ("gsma_share_registered_accounts", "Share of global registered accounts", "%",
                                            "The region's share of all registered mobile money accounts worldwide."),
    "share_of_global_transaction_value": ("gsma_share_tx_value", "Share of global transaction value", "%",
                                          "The region's share of the value of all mobile money transactions worldwide."),
    "share_of_global_transaction_volume": ("gsma_share_tx_volume", "Share of global transaction volume", "%",
                                           "The region's share of the number of all mobile money transactions worldwide."),
}
_GSMA_CAVEAT = ("Figures as published by the GSMA or quoted from its reports; several pages are secondary (news "
                "sites, document mirrors). GSMA revises its back series every year: where editions disagree the "
                "latest edition is shown and the others are kept as alternates. 'Africa (as reported)' is "
                "continent-wide and distinct from Sub-Saharan Africa. Regional figures before 2012 are not "
                "reliable (GSMA). Many region-years are simply not published; nothing is estimated.")


def gsma_rows() -> list[dict]:
    return [_row(id, label, unit, "mobile_money", "year", "gsma", definition, _GSMA_CAVEAT)
            for id, label, unit, definition in GSMA_METRICS.values()]


# --- Mobile money: GSMA's Global Mobile Money Dataset (the workbook) --------------------------------
GSMA_PRODUCT_NAMES = {  # breakdown id -> name (gsma_dataset.PRODUCTS gives the workbook's attribute)
    "all": "all products", "p2p": "P2P transfers", "p2p_on_net": "P2P transfers, on-net",
    "p2p_off_net": "P2P transfers, off-net", "p2p_b2m": "P2P transfers, bank to mobile money",
    "p2p_m2b": "P2P transfers, mobile money to bank", "merchant": "merchant payments", "bill": "bill payments",
    "bulk": "bulk disbursements", "airtime": "airtime top-ups", "ir": "international remittances",
    "ir_sent": "international remittances sent", "ir_received": "international remittances received",
    "cash_in": "cash-in", "cash_in_agent": "cash-in at agents", "cash_in_atm": "cash-in at ATMs",
    "cash_out": "cash-out", "cash_out_agent": "cash-out at agents", "cash_out_atm": "cash-out at ATMs",
}
_GSMA_SPLITS = {  # GSMA's splits of a product, which its Read me does not define
    "p2p_on_net": "P2P transfers between accounts of the same provider (GSMA's split of P2P transfers).",
    "p2p_off_net": "P2P transfers to another provider's customers (GSMA's split of P2P transfers).",
    "p2p_b2m": "Transfers from a bank account to a mobile money account (GSMA's split of P2P transfers).",
    "p2p_m2b": "Transfers from a mobile money account to a bank account (GSMA's split of P2P transfers).",
    "ir_sent": "International remittances sent from the area (GSMA's split of international remittances).",
    "ir_received": "International remittances received in the area (GSMA's split of international remittances).",
    "cash_in_agent": "Cash-in at agent outlets (GSMA's split of cash-in).",
    "cash_in_atm": "Cash-in at ATMs (GSMA's split of cash-in).",
    "cash_out_agent": "Cash-out at agent outlets (GSMA's split of cash-out).",
    "cash_out_atm": "Cash-out at ATMs (GSMA's split of cash-out).",
}
GSMA_MEASURES = {  # what a figure at a date means (the catalogue's `measure`)
    "stock": "cumulative at the date", "active30": "active in the 30 days before the date",
    "active90": "active in the 90 days before the date",
    "month": "a flow in the month: the quarter's last month only (March, June, September, December)",
    "year": "a flow in the year",
}
_GSMA_MMD_CAVEAT = (
    "Regional figures only: GSMA publishes no country values (its survey data are confidential), so a map "
    "paints each country it lists with its area's figure. GSMA's areas are its own (World Bank-style regions "
    "with UN M49 sub-regions): its 'Africa' is the whole continent, its 'Sub-Saharan Africa' excludes Northern "
    "Africa, and neither is the World Bank's or ITU's region of the same name. US dollars are nominal. GSMA "
    "revises its whole back series with each edition; figures quoted from earlier reports are kept beside these, "
    "as reported. The Read me documents accounts, agents and usage from December 2011; earlier quarters are "
    "kept as published.")
_GSMA_MONTHLY = (" A monthly figure for the quarter's last month, not a quarterly or annual total: adding a "
                 "year's four columns gives neither (GSMA's annual figures are its Usage - Product table).")


def gsma_dataset_rows(defs: dict[str, str], products: dict[str, str]) -> list[dict]:
    """The dataset's series: `defs` are GSMA's own definitions read from the Read me sheet (gsma_dataset),
    `products` the breakdown ids of the monthly value and volume series."""
    def product_definition(p: str) -> str:
        if p == "all":
            return "All mobile money transactions, every product together. " + defs["service"]
        return defs.get(p) or _GSMA_SPLITS[p]

    def row(id, label, unit, period, definition, measure, short, caveat=_GSMA_MMD_CAVEAT, base=None, breakdown=""):
        return _row(id, label, unit, "mobile_money", period, "gsma_mmd", definition, caveat, short_label=short,
                    base_id=base, breakdown=breakdown, comparable=False, measure=GSMA_MEASURES[measure])

    rows = [
        row("gsma_mm_services", "Live mobile money services (GSMA dataset)", "services", "month", defs["services"],
            "stock", "Live services"),
        row("gsma_mm_accounts_registered", "Registered mobile money accounts (GSMA dataset)", "accounts", "month",
            defs["accounts_registered"], "stock", "Registered accounts"),
        row("gsma_mm_accounts_active_30d", "Mobile money accounts active in the last 30 days (GSMA dataset)",
            "accounts", "month", defs["accounts_active"], "active30", "Accounts active in 30 days"),
        row("gsma_mm_accounts_active_90d", "Mobile money accounts active in the last 90 days (GSMA dataset)",
            "accounts", "month", defs["accounts_active"], "active90", "Accounts active in 90 days"),
        row("gsma_mm_agents_registered", "Registered mobile money agent outlets (GSMA dataset)", "agent outlets",
            "month", defs["agents_registered"], "stock", "Registered agents"),
        row("gsma_mm_agents_active_30d", "Mobile money agent outlets active in the last 30 days (GSMA dataset)",
            "agent outlets", "month", defs["agents_active"], "active30", "Active agents"),
    ]
    for p in products:
        name = GSMA_PRODUCT_NAMES[p]
        suffix = "" if p == "all" else f".{p}"
        rows.append(row(f"gsma_mm_value{suffix}", f"Mobile money transaction value, {name} (US$ in the month)",
                        "US$ in the month", "month", product_definition(p), "month", f"Value in the month, {name}",
                        _GSMA_MMD_CAVEAT + _GSMA_MONTHLY, "gsma_mm_value", p))
        if p != "ir_sent":
            rows.append(row(f"gsma_mm_volume{suffix}", f"Mobile money transactions, {name} (number in the month)",
                            "transactions in the month", "month", product_definition(p), "month",
                            f"Transactions in the month, {name}", _GSMA_MMD_CAVEAT + _GSMA_MONTHLY, "gsma_mm_volume", p))
    for p in ("all", "airtime", "bill", "bulk", "cash_in", "cash_out", "ir", "merchant", "p2p"):
        name = GSMA_PRODUCT_NAMES[p]
        suffix = "" if p == "all" else f".{p}"
        note = " The all-products figure is the sum of the eight products." if p == "all" else ""
        rows.append(row(f"gsma_mm_year_value{suffix}", f"Mobile money transaction value in the year, {name} (US$)",
                        "US$ in the year", "year", product_definition(p) + note, "year", f"Value in the year, {name}",
                        base="gsma_mm_year_value", breakdown=p))
        rows.append(row(f"gsma_mm_year_volume{suffix}", f"Mobile money transactions in the year, {name}",
                        "transactions in the year", "year", product_definition(p) + note, "year",
                        f"Transactions in the year, {name}", base="gsma_mm_year_volume", breakdown=p))
        rows.append(row(f"gsma_mm_year_avg_value{suffix}", f"Average value per mobile money transaction, {name} (US$)",
                        "US$ per transaction", "year", product_definition(p) + (
                            " The all-products average is value divided by number of all products." if p == "all" else ""),
                        "year", f"Average transaction, {name}", base="gsma_mm_year_avg_value", breakdown=p))
    return rows


# --- KaiOS and browsers ---------------------------------------------------------------------------
BROWSER_AGENTS = {  # caniuse mobile agents kept for context, with plain names
    "op_mini": "Opera Mini", "and_uc": "UC Browser for Android", "and_chr": "Chrome for Android",
    "ios_saf": "Safari on iOS", "samsung": "Samsung Internet", "android": "Android Browser",
    "op_mob": "Opera Mobile", "bb": "BlackBerry Browser", "ie_mob": "IE Mobile", "and_qq": "QQ Browser",
    "baidu": "Baidu Browser", "and_ff": "Firefox for Android",
}
_CANIUSE_CAVEAT = ("Browser page-view share from caniuse.com, based on StatCounter GlobalStats: not operating-system "
                   "share and not installed base. KaiOS phones that browse little or only use apps are under-counted. "
                   "Level shifts (such as India's drop in 2020) may come from changes in user-agent "
                   "classification. Small territories have small samples and jump around. caniuse published no "
                   "update for {caniuse_gap_months}.")  # the months missing from the data (pipeline/caveats.py)


def kaios_rows() -> list[dict]:
    rows = [
        _row("kaios_share_all", "KaiOS browser share of all page views (%)", "%", "kaios", "month", "caniuse",
             "The KaiOS browser's share of all tracked web page views (desktop, mobile and tablet) in the month.",
             _CANIUSE_CAVEAT + " Months where caniuse gave no KaiOS value are left blank ('none recorded').",
             short_label="KaiOS share of all page views"),
        _row("kaios_share_mobile", "KaiOS browser share of mobile and tablet page views (%)", "%", "kaios", "month",
             "caniuse",
             "KaiOS page views as a share of page views from mobile and tablet browsers: 100 x KaiOS share / sum "
             "of caniuse's mobile agents. Closer to a mobile share than the all-platform figure, but still not "
             "StatCounter's mobile OS share.",
             _CANIUSE_CAVEAT + " Derived in the source file from caniuse's published shares.",
             short_label="KaiOS share of mobile page views"),
        _row("mobile_browsers_share", "Mobile and tablet browsers' share of all page views (%)", "%", "kaios", "month",
             "caniuse", "Sum of caniuse's mobile and tablet browser agents' shares of all page views.",
             _CANIUSE_CAVEAT, short_label="Mobile share of page views"),
    ]
    for agent, name in BROWSER_AGENTS.items():
        rows.append(_row(f"browser_share_{agent}", f"{name} share of all page views (%)", "%", "kaios", "month",
                         "caniuse", f"The {name} browser's share of all tracked web page views in the month.",
                         _CANIUSE_CAVEAT + " A 0 can mean zero recorded or no value given.",
                         short_label=name, base_id="browser_share", breakdown=agent))
    return rows


def catalogue(itu_units: dict[tuple[str, str], str], itu_2025: set[str] = frozenset(),
              gsma_definitions: dict[str, str] | None = None, gsma_products: dict[str, str] | None = None) -> pd.DataFrame:
    rows = _INTERNET + itu_rows(itu_units, itu_2025) + findex_rows() + fas_rows() + gsma_rows() + kaios_rows()
    if gsma_definitions is not None:
        rows += gsma_dataset_rows(gsma_definitions, gsma_products or {})
    df = pd.DataFrame(rows, columns=_COLUMNS)
    src = pd.DataFrame.from_dict(SOURCES, orient="index")
    df = df.join(src[["publisher", "licence", "vintage", "url"]].rename(columns={"url": "source_url"}), on="source_id")
    return df.sort_values("id").reset_index(drop=True)
