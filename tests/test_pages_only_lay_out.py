"""Pages only lay out (issue 10): no number formatting in a page file, page files stay short, and a theme's page
has no file (`atlas.ui.nav`)."""
import re
from pathlib import Path

PAGES = Path(__file__).resolve().parents[1] / "pages"
# printf formats ("%.1f"), format specs in f-strings ({x:.1f}, {x:,.0f}) and Streamlit number columns
NUMBER_FORMATTING = re.compile(r"%[+,]?\.\d+f|\{[^{}]*:[+,]?\.\d+[fg%]\}|NumberColumn\(|round\(")


def test_no_page_formats_a_number():
    found = {p.name: NUMBER_FORMATTING.findall(p.read_text()) for p in PAGES.glob("*.py")}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_no_page_file_is_over_120_lines_and_a_theme_needs_none():
    assert {p.name: n for p in PAGES.glob("*.py") if (n := len(p.read_text().splitlines())) > 120} == {}
    from atlas.themes import themes
    assert not [t.page for t in themes() if (PAGES / f"{t.page}.py").exists()]  # a theme's page is the renderer


def test_the_rule_would_catch_a_formatted_number():
    assert NUMBER_FORMATTING.search('st.metric("Use", f"{value:.1f} %")')
    assert NUMBER_FORMATTING.search('st.column_config.NumberColumn("Use", format="%.1f")')
