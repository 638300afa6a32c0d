"""Corpus runs on a Dask cluster: a LocalCluster of two worker processes gives the local run's findings, row for row.

This is the same code a real cluster runs (``corpus lint --dask tcp://scheduler:8786``): the
partitions go out as a Dask bag, each worker process builds its linter once, and the client
writes what comes back.  Needs the dask extra (``pip install 'nqp-terms[dask]'``, in the test extra).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

pytest.importorskip("distributed", reason="the dask extra: pip install 'nqp-terms[dask]'")
pytest.importorskip("pyarrow", reason="the corpus extra: pip install 'nqp-terms[corpus]'")
from distributed import Client, LocalCluster  # noqa: E402

from nqp_terms.corpus.cluster import run_on_dask  # noqa: E402
from nqp_terms.corpus.partitions import plan_partitions  # noqa: E402
from nqp_terms.corpus.readers import Fields  # noqa: E402
from nqp_terms.corpus.run import run_corpus  # noqa: E402
from nqp_terms.corpus.tables import read_table  # noqa: E402
from nqp_terms.corpus.work import Job  # noqa: E402

SEED = REPO / "seeds" / "000_cc3756e0a130bcc6.txt"
BILINGUAL = REPO / "tests" / "data" / "bilingual"


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      memory_limit="1GiB") as cluster, Client(cluster) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article's paragraphs, ten times over, as JSON lines with ids."""
    path = tmp_path_factory.mktemp("dask") / "seed.jsonl"
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(10):
            for number, line in enumerate(lines):
                handle.write(json.dumps({"id": f"{copy}-{number}", "text": line}) + "\n")
    return path


def rows(out: Path, name: str) -> list[dict]:  # type: ignore[type-arg]
    return read_table(out / name).to_pylist()


def test_the_dask_run_gives_the_local_findings_row_for_row(client: Client, corpus: Path, tmp_path: Path) -> None:
    fields = Fields(id="id")
    local = run_corpus([str(corpus)], tmp_path / "local", fields=fields, jobs=1, partition_bytes=8000)
    on_dask = run_corpus([str(corpus)], tmp_path / "dask", fields=fields, client=client, partition_bytes=8000)
    assert local["findings"] > 500
    assert rows(tmp_path / "dask", "findings") == rows(tmp_path / "local", "findings")
    assert rows(tmp_path / "dask", "documents") == rows(tmp_path / "local", "documents")
    assert on_dask == local


def test_a_check_run_on_dask_matches_the_local_one(client: Client, tmp_path: Path) -> None:
    inputs = [str(BILINGUAL / name) for name in ("sample.tsv", "sample.tmx", "sample-1.2.xlf", "sample.po")]
    local = run_corpus(inputs, tmp_path / "local", mode="check", jobs=1)
    on_dask = run_corpus(inputs, tmp_path / "dask", mode="check", client=client)
    assert rows(tmp_path / "dask", "findings") == rows(tmp_path / "local", "findings")
    assert on_dask["accuracy"] == local["accuracy"] is not None


def test_each_dask_worker_builds_its_linter_once(client: Client, corpus: Path) -> None:
    partitions = plan_partitions([str(corpus)], partition_bytes=4000)
    assert len(partitions) > 10
    outputs = list(run_on_dask(client, Job(), partitions))
    assert sorted(o.number for o in outputs) == [p.number for p in partitions]
    assert len({o.pid for o in outputs}) == 2  # both workers took part
    # A worker's count of builds never grows past one, whichever test ran on it first.
    assert {o.builds for o in outputs} == {1}


def test_the_command_line_takes_a_scheduler_address(client: Client, corpus: Path, tmp_path: Path) -> None:
    from nqp_terms.cli import main

    status = main(["corpus", "lint", str(corpus), "--out", str(tmp_path / "out"), "--dask", client.scheduler.address,
                   "--partition-size", "0.01"])
    assert status == 0
    local = run_corpus([str(corpus)], tmp_path / "local", jobs=1)
    assert rows(tmp_path / "out", "findings") == rows(tmp_path / "local", "findings")
