"""A flat CSV table: one row per term, for spreadsheets and for memoQ, Crowdin or MultiTerm Convert.

Each row is one term of one concept in one language, with the concept's data
repeated, so any tool can map the columns it knows and group rows by
``concept_id``.  UTF-8; the ``csv-bom`` format starts with a byte-order mark,
without which Excel reads UTF-8 as the local code page.

>>> import nqp_terms
>>> from nqp_terms.formats import export
>>> table = export(nqp_terms.load(), "csv", subject_fields=["set-phrases"])
>>> table.splitlines()[0]
'concept_id,language,term,status,term_type,pos,pinyin,use_instead,reason,subject_fields,definition,sources,unsourced,usage_note,note'
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ..glossary import Glossary
from ..termbase.model import LANGUAGES, Concept

COLUMNS = ("concept_id", "language", "term", "status", "term_type", "pos", "pinyin", "use_instead", "reason",
           "subject_fields", "definition", "sources", "unsourced", "usage_note", "note")


def render(glossary: Glossary, concepts: Sequence[Concept], *, bom: bool = False) -> str:
    """The table as text; ``bom`` puts U+FEFF first for Excel."""
    buffer = io.StringIO()
    # lineterminator: RFC 4180 ends rows with CRLF, which is also what Excel writes.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for concept in concepts:
        # Only en and zh-Hans have definitions; a zh-Hant row leaves the column empty.
        definitions = {"en": concept.definition.en, "zh-Hans": concept.definition.zh_hans}
        for language in LANGUAGES:
            for term in concept.in_language(language):
                writer.writerow([
                    concept.id, language, term.term, term.status, term.term_type, term.pos or "", term.pinyin or "",
                    term.use_instead or "", term.reason or "", "|".join(concept.subject_fields),
                    definitions.get(language) or "", "|".join(term.sources), "yes" if term.unsourced else "",
                    term.usage_note or "", term.note or "",
                ])
    return ("\ufeff" if bom else "") + buffer.getvalue()


def render_with_bom(glossary: Glossary, concepts: Sequence[Concept]) -> str:
    return render(glossary, concepts, bom=True)
