"""``python -m nqp_terms`` runs the command line."""

import sys

from .cli import main

sys.exit(main())
