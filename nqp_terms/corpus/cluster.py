"""Run a corpus job's partitions on a Dask cluster, as a Dask bag of partitions.

Each bag element is one :class:`~nqp_terms.corpus.partitions.Partition`; each Dask worker process
runs :func:`~nqp_terms.corpus.work.run_partition` on it, which builds the linter once per worker
process and keeps it for every later partition.  Results stream back to the client as they finish,
and the client writes them, so the output directory needs to exist only where the client runs.
The workers need the inputs at the same paths (a shared file system), and nqp-terms installed (the
shipped glossary travels inside the package; a ``--glossary`` directory must be at the same path).

Dask is an optional extra (``pip install 'nqp-terms[dask]'``) and is imported only here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .partitions import Partition
from .work import Job, PartitionOutput, run_partition


def _partition_in_worker(partition: Partition, job: Job) -> PartitionOutput:
    return run_partition(job, partition)


def run_on_dask(client: Any, job: Job, partitions: list[Partition]) -> Iterator[PartitionOutput]:
    """The outputs of ``partitions`` computed on ``client``'s cluster, in the order they finish."""
    if not partitions:
        return
    import dask.bag as bag
    from distributed import as_completed

    work = bag.from_sequence(partitions, npartitions=len(partitions)).map(_partition_in_worker, job)
    futures = client.compute(work.to_delayed())
    for future in as_completed(futures):
        yield from future.result()
        future.release()


def connect(address: str) -> Any:
    """A ``dask.distributed.Client`` for a scheduler address (``tcp://host:8786``)."""
    try:
        from distributed import Client
    except ImportError:
        raise ImportError("--dask needs Dask: pip install 'nqp-terms[dask]'") from None
    return Client(address)
