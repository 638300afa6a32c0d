"""The whole glossary as one JSON document: every concept, source and subject field, every field spelt out.

The shape is :class:`~nqp_terms.termbase.model.GlossaryData` (the same names as the
YAML, defaults included, so a consumer needs no knowledge of them), under a
``format`` marker.  Keys keep the models' order and the output is indented
with two spaces, so the same glossary always gives the same text.

>>> import json, nqp_terms
>>> from nqp_terms.formats import export
>>> document = json.loads(export(nqp_terms.load(), "json", subject_fields=["set-phrases"]))
>>> document["format"], sorted(document)
('nqp-terms-glossary/1', ['concepts', 'format', 'sources', 'spelling_variants', 'subject_fields'])
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..glossary import Glossary
from ..termbase.model import Concept
from ..termbase.validation import as_data

FORMAT = "nqp-terms-glossary/1"


def render(glossary: Glossary, concepts: Sequence[Concept]) -> str:
    complete = len(concepts) == len(glossary)
    cited = {s for c in concepts for ts in c.terms.values() for t in ts
             for s in (*t.sources, *t.seen_in, *(x.source for x in t.contexts))}
    fields = {f for c in concepts for f in c.subject_fields}
    document = {
        "format": FORMAT,
        "concepts": [as_data(c) for c in concepts],
        "sources": [as_data(glossary.sources[s]) for s in sorted(glossary.sources)
                    if complete or s in cited],
        "subject_fields": [as_data(f) for f in glossary.subject_fields.values()
                           if complete or f.id in fields],
        "spelling_variants": [list(pair) for pair in glossary.data.spelling_variants],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
