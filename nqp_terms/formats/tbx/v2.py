"""TBX v2 (ISO 30042:2008, ``martif``) for tools that cannot read TBX v3.

translate-toolkit, and so Weblate, reads only this older form.  The content is
the TBX v3 export's, element for element; only the names change, as in the
table of LTAC's converter (``tbx2to3``), run backwards: ``tbx`` becomes
``martif``, ``conceptEntry`` ``termEntry``, ``langSec`` ``langSet``, ``termSec``
``tig``, ``refObjectSec`` ``refObjectList``, and there is no namespace.

>>> import nqp_terms
>>> from nqp_terms.formats import export
>>> tbx = export(nqp_terms.load(), "tbx2", subject_fields=["set-phrases"])
>>> b'<martif type="TBX-Basic" xml:lang="en">' in tbx, b"<tig " in tbx
(True, True)
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from ...glossary import Glossary
from ...termbase.model import Concept
from .vocabulary import NAMESPACE, V2_NAMES
from .write import build

def render(glossary: Glossary, concepts: Sequence[Concept]) -> bytes:
    """The TBX v2 document for ``concepts``, as UTF-8 bytes with the TBX 2008 doctype."""
    v3 = build(glossary, concepts)
    root = _rename(v3)
    del root.attrib["style"]  # TBX 2008 knew only the DCA style, and no attribute for it
    body = etree.tostring(root, encoding="UTF-8", pretty_print=True)
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n' + body)


def _rename(element: etree._Element) -> etree._Element:
    local = etree.QName(element).localname if element.tag.startswith(f"{{{NAMESPACE}}}") else element.tag
    copy = etree.Element(V2_NAMES.get(local, local), attrib=dict(element.attrib))
    copy.text, copy.tail = element.text, element.tail
    for child in element:
        copy.append(_rename(child))
    return copy
