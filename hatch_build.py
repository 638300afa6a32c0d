"""Compile the message catalogs when the package is built (wheel, sdist-to-wheel or editable).

The command line's translations are edited as ``.po`` files; users get the
compiled ``.mo`` files, so that running the tool never needs Babel's catalog
machinery.  Hatchling runs this hook because ``pyproject.toml`` names it under
``[tool.hatch.build.hooks.custom]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):  # type: ignore[type-arg]
    """Write ``nqp_terms.mo`` beside every ``nqp_terms.po`` and ship it as a build artifact."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale_dir = Path(self.root) / "nqp_terms" / "locale"
        for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
            with po_path.open("rb") as po:
                catalog = read_po(po, locale=po_path.parent.parent.name)
            mo_path = po_path.with_suffix(".mo")
            with mo_path.open("wb") as mo:
                write_mo(mo, catalog)
            # .mo files are ignored by git, so hatchling would leave them out unless told.
            build_data["artifacts"].append(mo_path.relative_to(self.root).as_posix())
