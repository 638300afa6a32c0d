"""TBX, both generations and both ways: TBX v3 (ISO 30042:2019) and v2 (``martif``), written and read back.

- :mod:`.vocabulary`: the names reading and writing share (namespaces, v2 element names, note labels);
- :mod:`.write`: the TBX v3 (TBX-Basic, DCA style) document of a glossary;
- :mod:`.v2`: the same document under TBX v2 names, for translate-toolkit and Weblate;
- :mod:`.read`: a TBX v3 or v2 file back into glossary records, through
  :mod:`.elements` (names and text), :mod:`.concepts`, :mod:`.terms` and
  :mod:`.sources`, with the running :mod:`.state` of one file.

What was read is written as a glossary directory by
:func:`nqp_terms.formats.glossary_yaml.write_glossary`.

>>> import nqp_terms
>>> from nqp_terms.formats import export
>>> shipped = nqp_terms.load()
>>> read_tbx(export(shipped, "tbx2")).warnings
[]
"""

from .read import ImportedGlossary, TbxError, read_tbx
from .terms import UNCHECKED_PINYIN
from .vocabulary import NAMESPACE, OLD_NAMESPACES, V2_NAMES

__all__ = ["NAMESPACE", "OLD_NAMESPACES", "UNCHECKED_PINYIN", "V2_NAMES", "ImportedGlossary", "TbxError", "read_tbx"]
