"""The audit's findings, one test each: corrections scoped and said, caveats, credits, names,
comparisons and wording that match the data, no figure typed into prose."""
import pytest


def test_nauru_is_named_nauru(snapshot):
    assert snapshot.entities.loc["NRU", "name"] == "Nauru"
