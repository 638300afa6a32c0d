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
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import default_locale

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "nqp_terms"
#: Interface languages with a catalog, as Babel locales.
SUPPORTED = {"en": Locale("en"), "zh": Locale("zh", script="Hans")}


def parse_language(tag: str) -> Locale:
    """Parse a language tag or POSIX locale name (``zh``, ``zh-CN``, ``zh_Hans``, ``en_GB.UTF-8``) with Babel.

    Raises ``ValueError`` for a tag Babel does not know.
    """
    cleaned = tag.split(".")[0].split("@")[0]
    try:
        return Locale.parse(cleaned.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as error:
        raise ValueError(f"unknown language tag {tag!r}") from error


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

    locale: Locale
    translations: gettext.NullTranslations

    @classmethod
    def for_language(cls, tag: str | None = None) -> Messages:
        """The interface for ``tag``, or for the user's locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."""
        if tag is None:
            tag = default_locale(("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")) or "en"
        try:
            wanted = parse_language(tag)
        except ValueError:
            wanted = SUPPORTED["en"]
        locale = SUPPORTED["zh"] if wanted.language == "zh" else SUPPORTED["en"]
        name = "zh_Hans" if locale.language == "zh" else "en"
        return cls(locale, _catalog(name) if name != "en" else gettext.NullTranslations())

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def language_name(self, tag: str) -> str:
        """The name of a language tag such as ``zh-Hans`` in this interface language."""
        return parse_language(tag).get_display_name(self.locale) or tag
