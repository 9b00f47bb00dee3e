"""Compare: any two indicators against each other, a bubble per country (declared in atlas.explorers.compare)."""
from atlas.explorers.compare import EXPLORER
from atlas.ui.cache import store
from atlas.ui.entry import through_app
from atlas.ui.explorer import render

through_app()
render(EXPLORER, store())
