"""Regenerate the shipped JSON Schemas: ``python -m nqp_terms.schema``."""

from . import write

for path in write():
    print(path)
