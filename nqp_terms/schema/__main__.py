"""Regenerate the shipped JSON Schemas: ``python -m nqp_terms.schema``.

Only files whose content changes are written, so that regenerating an up-to-date tree touches
nothing; ``--help`` only prints help.
"""

import argparse

from . import write

argparse.ArgumentParser(prog="python -m nqp_terms.schema",
                        description="Regenerate the JSON Schemas in nqp_terms/schema/ from the record classes; "
                                    "print the files written.").parse_args()
for path in write():
    print(path)
