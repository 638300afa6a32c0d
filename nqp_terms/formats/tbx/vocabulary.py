"""The names TBX reading and writing share: namespaces, TBX v2 element names, and our note labels.

>>> note_label("pinyin: niúbízi")
('pinyin', 'niúbízi')
>>> V2_NAMES["conceptEntry"]
'termEntry'
"""

from __future__ import annotations

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
#: Namespaces of TBX v3 drafts that some tools still write; accepted on import, never written.
OLD_NAMESPACES = ("urn:iso:std:iso:30042:ed:3.0",)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: The labels of the ``<note>`` lines that carry what TBX-Basic has no data category for.
#: The importer reads them back; a note without one of these labels is a plain note.
NOTE_LABELS = {
    "pinyin": "pinyin",
    "grammatical_number": "grammatical number",
    "reliability": "reliability",
    "unsourced": "unsourced",
    "use_instead": "use instead",
    "reason": "reason",
    "seen_in": "seen in",
    "anticipated": "anticipated",
    "context_zh": "context in Chinese",
    "locator": "locator",
    "match": "lint match",
    "examples": "lint examples",
    "usage_note": "usage note",
    "related": "related",
    "sense_rendered": "translated by sense",
    "lookup_form": "lookup form",
}

#: TBX v3 element names and their TBX v2 equivalents.
V2_NAMES = {
    "tbx": "martif", "tbxHeader": "martifHeader", "conceptEntry": "termEntry", "langSec": "langSet",
    "termSec": "tig", "refObjectSec": "refObjectList",
}


def note_label(text: str) -> tuple[str | None, str]:
    """Split a note into its field name and value, or ``(None, text)`` for a plain note.

    >>> note_label("pinyin: niúbízi")
    ('pinyin', 'niúbízi')
    >>> note_label("Related Term: black hole")
    (None, 'Related Term: black hole')
    """
    for key, label in NOTE_LABELS.items():
        if text.startswith(label + ": "):
            return key, text[len(label) + 2:]
    return None, text
