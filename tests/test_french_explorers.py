"""French on the KaiOS and mobile money explorers, the overview and the StatCounter upload (engineer A's
part of issue 14), and tables whose numbers follow the page's language."""
import pandas as pd
import pytest

from atlas import i18n
from atlas.explorers.base import Column


@pytest.mark.parametrize("fmt, value, en, fr", [
    ("%.1f", 58.39, "58.4", "58,4"),
    ("%d", 1234, "1,234", "1\u202f234"),
    ("%.4f", 0.01234, "0.0123", "0,0123"),
    ("%.4g", 1.23456, "1.235", "1,235"),
    ("%+.1f", 2.25, "+2.3", "+2,3"),
])
def test_a_table_column_writes_numbers_in_the_run_language(fmt, value, en, fr):
    col = Column("x", fmt)
    with i18n.using("en"):
        assert col.text(value) == en
    with i18n.using("fr"):
        assert col.text(value) == fr
    assert col.text(float("nan")) == ""


def test_a_table_shows_french_decimals_and_keeps_numbers_to_sort_by():
    from atlas.ui.explorer import table
    frame = pd.DataFrame({"name": ["Kenya", "Ghana"], "value": [58.39, 9.04], "rank": [1, 2]})
    cols = {"name": Column("Country"), "value": Column("Use (%)", "%.1f"), "rank": Column("Rank", "%d")}
    styled = table(frame, cols)
    with i18n.using("fr"):
        fr = styled.to_string()
    with i18n.using("en"):
        en = styled.to_string()
    assert "58,4" in fr and "9,0" in fr and "58.4" not in fr
    assert "58.4" in en and "9.0" in en
    assert styled.data["value"].dtype == float  # the numbers underneath still sort as numbers
