"""Schemas for the snapshot tables (pandera). A failure names the raw file, the line and the rule."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from .catalog import PCT_UNITS
from .errors import BuildError
from .readers import FILE, LINE

PERIOD = {"year": r"^\d{4}$", "month": r"^\d{4}-(0[1-9]|1[0-2])$"}
SIGNED_UNITS = {"percentage points"}


def observation_schema(entities: pd.DataFrame, catalogue: pd.DataFrame, source_ids: set[str]) -> pa.DataFrameSchema:
    unit = catalogue.set_index("id")["unit"]
    ptype = catalogue.set_index("id")["period_type"]

    def pct_in_range(df):
        is_pct = df["indicator"].map(unit).isin(PCT_UNITS)
        return ~is_pct | df["value"].between(0, 100)

    def not_negative(df):
        return df["indicator"].map(unit).isin(SIGNED_UNITS) | (df["value"] >= 0)

    def period_matches_type(df):
        types = df["indicator"].map(ptype)
        ok = pd.Series(False, index=df.index)
        for name, pattern in PERIOD.items():
            ok |= (types == name) & df["period"].str.match(pattern)
        return ok

    def unique_preferred(df):
        return ~(df["preferred"] & df.duplicated(["entity", "indicator", "period", "preferred"], keep=False))

    return pa.DataFrameSchema(
        {
            "entity": pa.Column(str, pa.Check.isin(set(entities["code"]), error="entity code is not in the entities table")),
            "indicator": pa.Column(str, pa.Check.isin(set(catalogue["id"]), error="indicator is not in the catalogue")),
            "period": pa.Column(str),
            "value": pa.Column(float, pa.Check(lambda s: s.abs() < float("inf"), error="value must be finite"), nullable=False),
            "source_id": pa.Column(str, pa.Check.isin(source_ids, error="source id has no citation")),
            "preferred": pa.Column(bool),
            "note": pa.Column(str),
        },
        checks=[
            pa.Check(pct_in_range, error="a percentage must lie within 0-100"),
            pa.Check(not_negative, error="value must not be negative"),
            pa.Check(period_matches_type, error="period does not match the indicator's period type"),
            pa.Check(unique_preferred, error="duplicate key (entity, indicator, period)"),
        ],
        strict=False, coerce=False,
    )


def validate_observations(obs: pd.DataFrame, entities, catalogue, source_ids) -> None:
    schema = observation_schema(entities, catalogue, source_ids)
    try:
        schema.validate(obs, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise _first_failure(exc, obs) from None


def _first_failure(exc: pa.errors.SchemaErrors, obs: pd.DataFrame) -> BuildError:
    cases = exc.failure_cases
    with_index = cases[cases["index"].notna()]
    if with_index.empty:
        return BuildError("snapshot", f"validation failed: {cases.iloc[0]['check']}")
    case = with_index.iloc[0]
    row = obs.loc[int(case["index"])]
    rule = str(case["check"])
    detail = (f"{rule} (entity {row['entity']}, indicator {row['indicator']}, period {row['period']}, "
              f"value {row['value']:g})")
    more = with_index["index"].nunique() - 1  # wide checks report one case per column
    if more:
        detail += f"; {more} more problem(s) of this kind or others"
    return BuildError(row[FILE], detail, line=int(row[LINE]))


TABLE_SCHEMAS = {
    "entities": pa.DataFrameSchema({
        "code": pa.Column(str, unique=True), "name": pa.Column(str), "kind": pa.Column(str, pa.Check.isin(
            ["country", "world", "wb_aggregate", "findex_aggregate", "itu_region", "gsma_region", "caniuse_continent",
             "continent"])),
    }, strict=False),
    "indicators": pa.DataFrameSchema({
        "id": pa.Column(str, unique=True), "label": pa.Column(str), "unit": pa.Column(str),
        "source_id": pa.Column(str), "publisher": pa.Column(str, nullable=False),
        "licence": pa.Column(str, nullable=False), "definition": pa.Column(str, pa.Check.str_length(min_value=20)),
        "period_type": pa.Column(str, pa.Check.isin(list(PERIOD))),
    }, strict=False),
}


def validate_table(name: str, df: pd.DataFrame) -> None:
    try:
        TABLE_SCHEMAS[name].validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        case = exc.failure_cases.iloc[0]
        raise BuildError(f"snapshot table {name}", f"{case['column']}: {case['check']} ({case['failure_case']})") from None
