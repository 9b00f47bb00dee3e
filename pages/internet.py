"""Internet use: world map with year slider and Play, trend lines, table (declared in atlas.explorers.internet)."""
from atlas.explorers.internet import EXPLORER
from atlas.ui.cache import store
from atlas.ui.entry import through_app
from atlas.ui.explorer import render

through_app()
render(EXPLORER, store())
