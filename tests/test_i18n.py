"""The Chinese catalog covers every message the command line can print."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from nqp_terms.i18n import LOCALE_DIR, Messages, parse_language

PACKAGE = Path(__file__).parent.parent / "nqp_terms"


def _source_messages() -> set[str]:
    return {entry[2] for entry in extract_from_dir(str(PACKAGE)) if isinstance(entry[2], str)}


def test_the_template_lists_every_message_in_the_code() -> None:
    with (LOCALE_DIR / "nqp_terms.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert template == _source_messages(), "run: pybabel extract --no-location --omit-header --sort-output " \
                                           "-o nqp_terms/locale/nqp_terms.pot nqp_terms"


def test_every_message_is_translated_into_chinese() -> None:
    with (LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "nqp_terms.po").open("rb") as handle:
        catalog = read_po(handle)
    untranslated = [m.id for m in catalog if m.id and not m.string]
    assert not untranslated
    assert {m.id for m in catalog if m.id} == _source_messages()


def test_the_compiled_catalog_is_in_step_with_the_po_file() -> None:
    """Installing the package compiles the .po (hatch_build.py); run `pip install -e .` again after editing it."""
    import gettext

    messages = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES"
    with (messages / "nqp_terms.po").open("rb") as handle:
        catalog = read_po(handle)
    with (messages / "nqp_terms.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert {m.id: compiled.gettext(m.id) for m in catalog if m.id and isinstance(m.id, str)} == \
        {m.id: m.string for m in catalog if m.id and isinstance(m.id, str)}


def test_placeholders_survive_translation() -> None:
    ui = Messages.for_language("zh")
    assert ui.gettext("valid: {concepts} concepts, {sources} sources").format(concepts=3, sources=2) == \
        "校验通过：3 个概念，2 个出处"


def test_language_tags_are_parsed_by_babel() -> None:
    assert str(parse_language("zh-CN")) == "zh_Hans_CN"
    assert str(parse_language("zh_TW.UTF-8")) == "zh_Hant_TW"
    assert Messages.for_language("zh-TW").locale.language == "zh"
    assert Messages.for_language("fr").locale.language == "en"   # no catalog: English
