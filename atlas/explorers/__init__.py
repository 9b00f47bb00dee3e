"""Each theme's explorer, declared once (see `base`). The page, the presenter's slides and the exports
all draw from these declarations; adding a theme means declaring it here, not copying a page."""
from __future__ import annotations

from .base import Column, Control, Explorer, Figure, Headline, View  # noqa: F401
from .compare import EXPLORER as COMPARE
from .internet import EXPLORER as INTERNET
from .kaios import EXPLORER as KAIOS
from .mobile_money import EXPLORER as MOBILE_MONEY

EXPLORERS: dict[str, Explorer] = {e.page: e for e in (INTERNET, MOBILE_MONEY, KAIOS, COMPARE)}
