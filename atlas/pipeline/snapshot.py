"""Build the snapshot in data/ (and the map geometry in static/) from the raw files, atomically.

Everything is written to a temporary folder and validated first; only then does it replace the
previous snapshot, so a failed build leaves the committed snapshot exactly as it was.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path

import pandas as pd

from . import caniuse, caniuse_db, catalog, caveats, events, fas, findex, gsma, gsma_dataset, itu, itu_2025, wdi
from .entities import build_entities
from .errors import BuildError
from .geometry import build_geometry
from .readers import FILE, LINE
from .validate import validate_observations, validate_table

RAW_FILES = {
    "wdi_internet": "internet/API_IT.NET.USER.ZS_DS2_en_csv_v2_33086.csv",
    "wdi_population": "internet/API_SP.POP.TOTL_wdi_2026-07-13.csv",
    "itu": "internet/ITU_key_ICT_aggregates_Nov2024_long.csv",
    "itu_2025": "internet/ITU_regional_global_Key_ICT_indicator_aggregates_Nov_2025.xlsx",
    "natural_earth": "internet/ne_50m_admin_0_countries.geojson",
    "findex": "mobile_money/findex2025_account_mobile_money_by_economy.csv",
    "imf_fas": "mobile_money/imf_fas_mobile_money_2007_2019.csv",
    "gsma": "mobile_money/gsma_regional_mobile_money_figures.csv",
    "gsma_owid": "mobile_money/gsma_registered_accounts_by_region_owid.csv",
    "gsma_dataset": "mobile_money/gsma_global_mobile_money_dataset_2024.xlsx",
    "caniuse_kaios": "kaios/caniuse_kaios_browser_share_monthly.csv",
    "caniuse_agents": "kaios/caniuse_browser_share_by_agent_monthly.csv",
    "kaios_facts": "kaios/kaios_device_facts.csv",
    "events": "events/events.csv",
}
NOT_USED = {
    "internet/ne_110m_admin_0_countries.geojson": "the 50m file is used: 110m drops 48 small economies",
    "internet/ITU_key_ICT_aggregates_Nov2024_by_itu_region.csv": "same cells as the long file",
    "internet/ITU_key_ICT_aggregates_Nov2024_by_development_status_and_special_regions.csv": "same cells as the long file",
    "internet/ITU_key_ICT_aggregates_Nov2024_by_gender.csv": "the November 2025 edition's sex split is used",
    "internet/ITU_key_ICT_aggregates_Nov2024_by_urban_rural.csv": "the November 2025 edition's urban/rural split is used",
    "internet/ITU_key_ICT_aggregates_Nov2024_internet_use_by_age.csv": "not needed by any page yet",
}
PROJECT_RAW = Path(__file__).resolve().parents[2] / "raw" / "caniuse-db"  # months fetched by the refresh
TABLES = ("observations", "entities", "indicators", "sources", "events", "facts")
GEOMETRY_FILE = "world.topo.json"
PLACES_FILE = "places.json"  # names, regions and dot positions the map joins in the browser


def build(raw: Path, out: Path, static: Path, refreshed: Path | None = PROJECT_RAW) -> dict:
    """Build and swap in a new snapshot; return the manifest. Raises BuildError on any bad input.
    `refreshed`: the project's own raw folder of caniuse months fetched since the shared files."""
    tmp, manifest, static_names = stage(raw, out, refreshed)
    try:
        swap(tmp, out, static, static_names)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return manifest


def stage(raw: Path, out: Path, refreshed: Path | None = PROJECT_RAW) -> tuple[Path, dict, list[str]]:
    """Assemble, validate and write a new snapshot into a temporary folder beside `out` (not swapped in)."""
    tables, static_files, kept_files = assemble(raw, refreshed)
    tmp = out.with_name(f"{out.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        for name in TABLES:
            tables[name].to_parquet(tmp / f"{name}.parquet", index=False, compression="zstd")
        manifest = _manifest(raw, tables, static_files, kept_files, caniuse_db.read_index(refreshed))
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        for name, text in static_files.items():
            (tmp / name).write_text(text, encoding="utf-8")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tmp, manifest, list(static_files)


def assemble(raw: Path, refreshed: Path | None = PROJECT_RAW) -> tuple[dict[str, pd.DataFrame], dict[str, str], list[dict]]:
    """Read and validate every raw file; return the snapshot tables, the static files' text and the
    project's kept caniuse files (name, SHA-256, bytes)."""
    path = {key: raw / rel for key, rel in RAW_FILES.items()}
    kept_kaios, kept_agents, kept_files = caniuse_db.read_kept(refreshed)
    internet, wdi_names = wdi.read_wdi(path["wdi_internet"], "internet_users_pct", "wdi")
    population, _ = wdi.read_wdi(path["wdi_population"], "population", "wdi_pop")
    itu_obs, itu_units = itu.read_itu(path["itu"])
    itu25_obs, itu25_units = itu_2025.read_itu_2025(path["itu_2025"])
    # the November 2025 edition is the current ITU series; the November 2024 edition's rows of the indicators
    # it carries stay as an earlier edition (alternates)
    itu_obs["preferred"] = ~itu_obs["indicator"].isin(set(itu25_obs["indicator"]))
    gsma_mmd = gsma_dataset.read_gsma_dataset(path["gsma_dataset"])
    findex_obs, findex_classes = findex.read_findex(path["findex"])
    fas_obs = fas.read_fas(path["imf_fas"])
    gsma_obs, gsma_sources = gsma.read_gsma(path["gsma"], path["gsma_owid"])
    kaios_obs, caniuse_names = caniuse.read_kaios(path["caniuse_kaios"], kept_kaios)
    agents_obs = caniuse.read_agents(path["caniuse_agents"], kept_agents)
    event_rows = events.read_events(path["events"])
    facts = events.read_facts(path["kaios_facts"])
    if not path["natural_earth"].exists():
        raise BuildError("internet/" + path["natural_earth"].name, "the file is missing")
    try:
        topo, places = build_geometry(path["natural_earth"])
    except (ValueError, KeyError, OSError) as exc:
        raise BuildError("internet/" + path["natural_earth"].name, f"cannot be read as country geometry ({exc})") from None

    obs = pd.concat([internet, population, itu_obs, itu25_obs, findex_obs, fas_obs, gsma_obs,
                     gsma_mmd["observations"], kaios_obs, agents_obs], ignore_index=True)
    obs["origin"] = obs["origin"].fillna("")  # a workbook observation's sheet and cell ('All Data Table!CV9')
    indicators = catalog.catalogue({**itu_units, **itu25_units}, set(itu25_obs["indicator"]),
                                   gsma_mmd["definitions"], gsma_dataset.PRODUCTS_BY_ID)
    sources = _sources(gsma_sources, agents_obs["period"], caniuse_db.read_index(refreshed)["months"])
    sources.loc[sources["source_id"] == gsma_dataset.SOURCE_ID, "vintage"] = gsma_mmd["edition"].removeprefix("Date: ").replace(" | Version: ", ", version ")
    indicators["vintage"] = indicators["source_id"].map(sources.set_index("source_id")["vintage"]).fillna(
        indicators["vintage"])
    aggregates = {**{c: (n, "itu_region") for c, n in itu.ITU_ENTITY_NAMES.items()},
                  **{c: (n, "findex_aggregate") for c, n in findex.FINDEX_ENTITY_NAMES.items()},
                  **{c: (n, "gsma_region") for c, n in gsma.GSMA_ENTITY_NAMES.items()},
                  **{c: (n, "gsma_region") for c, n in gsma_dataset.NEW_ENTITY_NAMES.items()},
                  **{c: (n, "caniuse_continent") for c, n in caniuse.CONTINENT_NAMES.items()},
                  **{c: (n, "continent") for c, n in events.CONTINENT_NAMES.items()}}
    members = gsma_mmd["members"]
    # (.unique() first: a set of the column itself iterates its 560,000 rows one by one, ~0.4 s a build)
    observed = set(obs["entity"].unique()) | set(event_rows["entity"]) | set(facts["entity"]) | set(members["code"])
    wdi_codes = set(wdi_names["code"])
    unknown_countries = sorted(c for c in observed if c not in aggregates and not _known_code(c, wdi_codes))
    if unknown_countries:
        bad = obs[obs["entity"] == unknown_countries[0]].iloc[0]
        raise BuildError(bad[FILE], f"unknown country code '{unknown_countries[0]}'", line=int(bad[LINE]))
    entities = build_entities(observed, [wdi_names, findex_classes, caniuse_names], aggregates, findex_classes, places)
    entities = gsma_dataset.with_members(entities, members)

    indicators = caveats.filled(indicators, obs, entities)
    validate_table("entities", entities)
    validate_table("indicators", indicators)
    validate_observations(obs, entities, indicators, set(sources["source_id"]))

    obs = obs.drop(columns=[FILE, LINE]).sort_values(
        ["indicator", "entity", "period", "preferred", "source_id"], ascending=[True, True, True, False, True])
    obs["origin"] = obs["origin"].astype(str)
    used = set(obs["indicator"].unique())
    missing = sorted(set(indicators["id"]) - used)
    if missing:
        raise BuildError("snapshot", f"catalogued indicator(s) without any observation: {', '.join(missing)}")
    tables = {"observations": obs.reset_index(drop=True), "entities": entities, "indicators": indicators,
              "sources": sources, "events": event_rows.sort_values(["date", "title"]).reset_index(drop=True),
              "facts": facts.sort_values(["date", "metric", "geography"]).reset_index(drop=True)}
    return tables, {GEOMETRY_FILE: topo, PLACES_FILE: _places_json(places, entities)}, kept_files


def _places_json(places: pd.DataFrame, entities: pd.DataFrame) -> str:
    """Every map place's name, region and continent (the snapshot's where it has them), its dot, whether
    it has a shape (or only a dot) and, for merged, disputed or dot-only places, a note the tooltip shows."""
    from .entities import _french_name
    from .geometry import NOTES_FR
    ent = entities.set_index("code")
    df = places.assign(
        name=places["iso3"].map(ent["name"]).fillna(places["name"]),
        region=places["iso3"].map(ent["region"]).fillna(places["region_wb_ne"]),
    )
    # French names for the French map's tooltip: the snapshot's, else ISO's (a shape no source reports)
    df["name_fr"] = df["iso3"].map(ent["name_fr"]).fillna(df["iso3"].map(_french_name)).fillna(df["name"])
    rows = [{"id": r.iso3, "name": r.name, "name_fr": r.name_fr, "region": r.region, "continent": r.continent,
             "lon": r.lon, "lat": r.lat, "small": bool(r.small), "shape": bool(r.shape),
             **({"note": r.note, "note_fr": NOTES_FR[r.iso3]} if r.note else {})} for r in df.itertuples()]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def _known_code(code: str, wdi_codes: set[str]) -> bool:
    from .entities import is_country
    return code in wdi_codes or is_country(code)


def _sources(gsma_sources: pd.DataFrame, caniuse_months: pd.Series, kept_months: dict) -> pd.DataFrame:
    base = pd.DataFrame([{"source_id": k, **v} for k, v in catalog.SOURCES.items()])
    vintage = f"monthly updates {caniuse_months.min()} to {caniuse_months.max()}"  # follows the data
    if kept_months:
        last = kept_months[max(kept_months)]
        vintage += (f"; from {min(kept_months)} the npm package caniuse-db (latest {last['version']}, "
                    f"published {last['published'][:10]})")
    base.loc[base["source_id"] == "caniuse", "vintage"] = vintage
    return pd.concat([base, gsma_sources], ignore_index=True)[
        ["source_id", "publisher", "title", "url", "licence", "vintage"]].sort_values("source_id").reset_index(drop=True)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _manifest(raw: Path, tables: dict[str, pd.DataFrame], static_files: dict[str, str], kept_files: list[dict],
              refresh_index: dict) -> dict:
    obs = tables["observations"]
    return {
        "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "raw_files": {rel: {"sha256": _sha256(raw / rel), "bytes": (raw / rel).stat().st_size}
                      for rel in sorted(RAW_FILES.values())},
        "raw_files_not_used": NOT_USED,
        # caniuse months fetched by `python -m atlas.pipeline.refresh`, kept in the project (raw/caniuse-db)
        "refreshed_files": {f["file"]: {"sha256": f["sha256"], "bytes": f["bytes"]} for f in kept_files},
        "refreshed_months": refresh_index.get("months", {}),
        "last_refresh": refresh_index.get("last_refresh"),
        "tables": {name: len(df) for name, df in tables.items()},
        "static_files": {f"static/{name}": {"bytes": len(text.encode()),
                                            "sha256": hashlib.sha256(text.encode()).hexdigest()}
                         for name, text in static_files.items()},
        "rows_per_indicator": {k: int(v) for k, v in obs.groupby("indicator").size().items()},
        "alternate_rows": int((~obs["preferred"]).sum()),
    }


def swap(tmp: Path, out: Path, static: Path, static_names: list[str]) -> None:
    """Replace the old snapshot with the new one: two renames, then the static files."""
    static.mkdir(parents=True, exist_ok=True)
    old = out.with_name(f"{out.name}.old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    for name in static_names:
        os.replace(out / name, static / name)
