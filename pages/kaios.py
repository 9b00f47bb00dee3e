"""KaiOS and browsers: map by month with Play, trend with milestones, browsers, table, and a StatCounter
export to compare (declared in atlas.explorers.kaios; the upload panel is atlas.ui.upload)."""
from atlas.explorers.kaios import EXPLORER
from atlas.ui.cache import store
from atlas.ui.entry import through_app
from atlas.ui.explorer import render
from atlas.ui.upload import statcounter_panel

through_app()
snap = store()
render(EXPLORER, snap, extras=lambda values: statcounter_panel(snap, values))
