"""Compare: any two indicators against each other, a bubble per country (declared in atlas.views.compare)."""
from atlas.ui import lang
from atlas.ui.cache import store
from atlas.ui.explorer import render
from atlas.views import COMPARE

lang.setup()  # this run's language (`?lang=`), its notice shown on the page
render(COMPARE, store())
