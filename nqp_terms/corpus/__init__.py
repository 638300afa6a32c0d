"""Corpus runs: lint or check millions of segments, locally or on a Dask cluster, and report on them.

>>> from nqp_terms.corpus import run_corpus  # doctest: +SKIP
>>> run_corpus(["mt-2025.jsonl"], "qa-2025", mode="lint", jobs=4)  # doctest: +SKIP

- :mod:`.partitions` cuts the inputs into partitions, :mod:`.readers` reads their documents;
- :mod:`.work` lints or checks one partition (the same code in every worker), :mod:`.tables` holds
  the output schemas;
- :mod:`nqp_terms.linter.workers` runs partitions in local processes, :mod:`.cluster` on Dask;
- :mod:`.output` writes the output directory and its manifest, :mod:`.run` drives a run;
- :mod:`.progress` draws the progress bar, :mod:`.report` writes the HTML report.

pyarrow (and Dask, for a cluster) are optional extras imported on first use:
``pip install 'nqp-terms[corpus]'`` or ``'nqp-terms[dask]'``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["run_corpus"]


def run_corpus(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """Lint or check a corpus into an output directory; see :func:`nqp_terms.corpus.run.run_corpus`."""
    from .run import run_corpus as run

    return run(*args, **kwargs)
