"""The command line's own messages in English and Simplified Chinese.

Messages are marked with ``_()`` in :mod:`nqp_terms.cli`, extracted with
``pybabel extract`` into ``locale/nqp_terms.pot`` and translated in
``locale/zh_Hans/LC_MESSAGES/nqp_terms.po``.  The catalogs are compiled to
``.mo`` files when the package is built (``hatch_build.py``), so running the
tool reads them with the standard library alone.  Babel's job at run time is
the locale names and tags.

>>> ui = Messages.for_language("zh")
>>> ui.locale.language, ui.gettext("not found")
('zh', '未找到')
>>> ui.language_name("zh-Hant"), Messages.for_language("en").language_name("zh-Hant")
('中文 (繁体)', 'Chinese (Traditional)')
"""

from __future__ import annotations

import gettext
import os
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "nqp_terms"
# Where the user's locale is read from, in the order gettext and Babel read it.
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@cache
def supported_locales() -> dict[str, Locale]:
    """The interface languages as Babel locales.  Babel is imported here, not with the module: a run in
    English needs no locale data, and importing Babel is a noticeable part of the command line's start-up."""
    from babel import Locale

    return {"en": Locale("en"), "zh": Locale("zh", script="Hans")}


def parse_language(tag: str) -> Locale:
    """Parse a language tag or POSIX locale name (``zh``, ``zh-CN``, ``zh_Hans``, ``en_GB.UTF-8``) with Babel.

    Raises ``ValueError`` for a tag Babel does not know.
    """
    from babel import Locale, UnknownLocaleError

    cleaned = tag.split(".")[0].split("@")[0]
    try:
        return Locale.parse(cleaned.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as error:
        raise ValueError(f"unknown language tag {tag!r}") from error


def interface_language(tag: str | None) -> str:
    """``"zh"`` for a Chinese tag or locale name, else ``"en"``; ``None`` reads the user's locale.

    >>> [interface_language(t) for t in ("zh", "zh-CN", "zh_Hant.UTF-8", "en_GB", "C", "fr", "")]
    ['zh', 'zh', 'zh', 'en', 'en', 'en', 'en']
    """
    if tag is None:
        tag = next((os.environ[name] for name in _LOCALE_VARIABLES if os.environ.get(name)), "")
        tag = tag.split(":")[0]  # LANGUAGE may list several, best first
    primary = tag.split(".")[0].split("@")[0].replace("-", "_").split("_")[0]
    return "zh" if primary.lower() == "zh" else "en"


@cache
def _catalog(locale_name: str) -> gettext.NullTranslations:
    path = LOCALE_DIR / locale_name / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not path.is_file():
        # A source tree that was never built (or installed): messages stay in English.
        return gettext.NullTranslations()
    with path.open("rb") as mo:
        return gettext.GNUTranslations(mo)


@dataclass(frozen=True)
class Messages:
    """Translated messages and names for one interface language."""

    language: str  #: ``"en"`` or ``"zh"``
    translations: gettext.NullTranslations

    @classmethod
    def for_language(cls, tag: str | None = None) -> Messages:
        """The interface for ``tag``, or for the user's locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."""
        language = interface_language(tag)
        return cls(language, _catalog("zh_Hans") if language == "zh" else gettext.NullTranslations())

    @cached_property
    def locale(self) -> Locale:
        """The interface language as a Babel locale."""
        return supported_locales()[self.language]

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def language_name(self, tag: str) -> str:
        """The name of a language tag such as ``zh-Hans`` in this interface language."""
        return parse_language(tag).get_display_name(self.locale) or tag
