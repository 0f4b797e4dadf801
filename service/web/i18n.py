"""Every word the pages show, in Bahasa Indonesia (the default) and English.

Templates call `t("key", n=3)`; a key missing in English falls back to Indonesian, and a key
missing in both shows itself, which the page tests catch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from service.web.texts_en import EN
from service.web.texts_id import ID

TEXTS: dict[str, dict[str, str]] = {"id": ID, "en": EN}


def translator(lang: str) -> Callable[..., str]:
    """`t(key, **values)` for one language."""
    texts = TEXTS.get(lang, ID)

    def t(key: str, **values: Any) -> str:
        text = texts.get(key) or ID.get(key)
        if text is None:
            return key
        return text.format(**values) if values else text

    return t
