"""Mobile money: headline, country maps (Findex, IMF FAS), trends, table, GSMA regions
(declared in atlas.explorers.mobile_money)."""
from atlas.explorers.mobile_money import EXPLORER
from atlas.ui.cache import store
from atlas.ui.entry import through_app
from atlas.ui.explorer import render

through_app()
render(EXPLORER, store())
