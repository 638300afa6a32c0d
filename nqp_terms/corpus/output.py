"""The output directory of a corpus run, and the manifest that makes a run resumable.

```
DIR/findings/part-000000.parquet    one row per finding, a file per partition
DIR/documents/part-000000.parquet   one row per document
DIR/manifest.json                   which run this is (its inputs, options and glossary)
DIR/finished.jsonl                  the finished partitions, one line each, with their counts
DIR/summary.json                    the counts of the whole run, written when it is complete
```

A partition's two files are written first, each atomically (:mod:`nqp_terms.safe_write`: a
temporary file renamed over the target), and only then is a line naming the partition appended to
``finished.jsonl`` (one write, then ``fsync``).  Recording a partition costs the same however many
came before it (the manifest of earlier versions was rewritten whole each time, which grew with
the run).  A run killed at any moment leaves a journal of whole lines for partitions whose files
are whole, and at most a last line cut short, which the next run drops; the restarted run skips
the finished partitions and writes the others again under the same names, so no row is lost or
written twice.  Read a table with ``pyarrow.parquet.read_table(DIR / "findings")`` or
``pandas.read_parquet``: the part files are in partition order, which is the inputs' order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..safe_write import append_to, ensure_directory, write_file
from .work import PartitionOutput

MANIFEST_FORMAT = "nqp-terms corpus manifest 3"
#: Runs begun by earlier versions: they cut the inputs into other partitions (format 1 also kept the finished
#: ones inside manifest.json), so their part files cannot be continued; they are named, and started over on --fresh.
_EARLIER_FORMATS = ("nqp-terms corpus manifest 1", "nqp-terms corpus manifest 2")
JOURNAL = "finished.jsonl"


class RunExists(ValueError):
    """The output directory holds a different run (other inputs, options or glossary)."""


def finished_partitions(path: Path) -> dict[str, dict[str, Any]]:
    """The finished partitions recorded in the output directory ``path``: key -> counts.

    Whole lines only: a last line cut short by a crash (no line break) is not a finished partition.
    """
    try:
        data = (path / JOURNAL).read_bytes()
    except FileNotFoundError:
        return {}
    done = {}
    for line in data[: data.rfind(b"\n") + 1].splitlines():
        record = json.loads(line)
        done[record["key"]] = record["tally"]
    return done


class RunDirectory:
    """An output directory: the finished partitions, and writing more of them."""

    def __init__(self, path: Path, fingerprint: str, *, fresh: bool = False):
        self.path = path
        self.fingerprint = fingerprint
        for folder in (path, path / "findings", path / "documents"):
            ensure_directory(folder)
        self.done: dict[str, dict[str, Any]] = {}
        manifest = self._read_manifest()
        if manifest is not None and not fresh:
            if manifest["format"] in _EARLIER_FORMATS:
                raise RunExists(f"{path}: holds a run begun by an earlier version of nqp-terms, which cut the inputs "
                                "into other partitions; pass --fresh to start it over")
            if manifest.get("job") != fingerprint:
                raise RunExists(f"{path}: holds another run (other inputs, options or glossary); "
                                "choose another --out, or pass --fresh to start this one over")
            self.done = self._read_journal()
        if fresh or manifest is None:
            # The journal is emptied first: a crash while the old files go leaves none of them listed as done.
            self._write_journal({})
            for folder in ("findings", "documents"):
                for old in (path / folder).glob("part-*.parquet"):
                    old.unlink()
            (path / "summary.json").unlink(missing_ok=True)
            self._write_manifest()

    def _read_manifest(self) -> dict[str, Any] | None:
        try:
            manifest = json.loads((self.path / "manifest.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            raise RunExists(f"{self.path}/manifest.json: cannot be read ({error}); pass --fresh to start over") \
                from None
        if not isinstance(manifest, dict) or manifest.get("format") not in (MANIFEST_FORMAT, *_EARLIER_FORMATS):
            raise RunExists(f"{self.path}/manifest.json: not a corpus manifest; pass --fresh to start over")
        return manifest

    def _read_journal(self) -> dict[str, dict[str, Any]]:
        try:
            done = finished_partitions(self.path)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise RunExists(f"{self.path}/{JOURNAL}: cannot be read ({error}); pass --fresh to start over") \
                from None
        # A line cut short by a crash is dropped here, so that the next one appended starts a line of its own.
        self._write_journal(done)
        return done

    def _write_journal(self, done: dict[str, dict[str, Any]]) -> None:
        write_file(self.path / JOURNAL, b"".join(_journal_line(key, tally) for key, tally in done.items()))

    def _write_manifest(self) -> None:
        manifest = {"format": MANIFEST_FORMAT, "job": self.fingerprint}
        write_file(self.path / "manifest.json", json.dumps(manifest, sort_keys=True).encode("utf-8"))

    def record(self, key: str, output: PartitionOutput) -> None:
        """Write a finished partition's files, then mark it done."""
        write_file(self.path / "findings" / f"part-{key}.parquet", output.findings)
        write_file(self.path / "documents" / f"part-{key}.parquet", output.documents)
        append_to(self.path / JOURNAL, _journal_line(key, output.tally))
        self.done[key] = output.tally

    def write_summary(self, summary: dict[str, Any]) -> None:
        text = json.dumps(summary, ensure_ascii=False, indent=1, sort_keys=True)
        write_file(self.path / "summary.json", text.encode("utf-8"))


def _journal_line(key: str, tally: dict[str, Any]) -> bytes:
    return json.dumps({"key": key, "tally": tally}, sort_keys=True).encode("utf-8") + b"\n"
