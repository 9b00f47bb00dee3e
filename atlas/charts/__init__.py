"""Chart builders by concern: `maps` (one choropleth), `series` (lines, revised figures, milestones,
stacked shares) and `finish` (what every chart shares: title and source, description, cached templates).
Frames in, Vega-Lite specs out; no Streamlit here."""
from .finish import NO_DATA, SEQUENTIAL, ZERO_FILL, Keep, Spec, fmt_value, heading, sized, source_line, walk  # noqa: F401
from .maps import ColourScale, choropleth, quintiles  # noqa: F401
from . import palette  # noqa: F401
from .series import milestone_series, revised_series, stacked_area, time_series  # noqa: F401
