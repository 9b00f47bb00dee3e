"""Pages only lay out (issue 10): no number formatting in a page file, and the theme pages stay short."""
import re
from pathlib import Path

PAGES = Path(__file__).resolve().parents[1] / "pages"
# printf formats ("%.1f"), format specs in f-strings ({x:.1f}, {x:,.0f}) and Streamlit number columns
NUMBER_FORMATTING = re.compile(r"%[+,]?\.\d+f|\{[^{}]*:[+,]?\.\d+[fg%]\}|NumberColumn\(|round\(")


def test_no_page_formats_a_number():
    found = {p.name: NUMBER_FORMATTING.findall(p.read_text()) for p in PAGES.glob("*.py")}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_the_three_theme_pages_together_are_under_250_lines():
    lines = sum(len((PAGES / f).read_text().splitlines()) for f in ("internet.py", "mobile-money.py", "kaios.py"))
    assert lines < 250


def test_the_rule_would_catch_a_formatted_number():
    assert NUMBER_FORMATTING.search('st.metric("Use", f"{value:.1f} %")')
    assert NUMBER_FORMATTING.search('st.column_config.NumberColumn("Use", format="%.1f")')
