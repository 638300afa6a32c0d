"""The output directory of a corpus run, and the manifest that makes a run resumable.

```
DIR/findings/part-000000.parquet    one row per finding, a file per partition
DIR/documents/part-000000.parquet   one row per document
DIR/manifest.json                   which partitions are finished, with their counts
DIR/summary.json                    the counts of the whole run, written when it is complete
```

A partition's two files are written first, each atomically (:mod:`nqp_terms.safe_write`: a
temporary file renamed over the target), and only then is the partition added to the manifest,
itself rewritten atomically.  A run killed at any moment leaves a manifest that lists only
partitions whose files are whole; the restarted run skips those and writes the others again
under the same names, so no row is lost or written twice.  Read a table with
``pyarrow.parquet.read_table(DIR / "findings")`` or ``pandas.read_parquet``: the part files are in
partition order, which is the inputs' order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..safe_write import ensure_directory, write_file
from .work import PartitionOutput

MANIFEST_FORMAT = "nqp-terms corpus manifest 1"


class RunExists(ValueError):
    """The output directory holds a different run (other inputs, options or glossary)."""


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
            if manifest.get("job") != fingerprint:
                raise RunExists(f"{path}: holds another run (other inputs, options or glossary); "
                                "choose another --out, or pass --fresh to start this one over")
            self.done = manifest["done"]
        if fresh or manifest is None:
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
        if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
            raise RunExists(f"{self.path}/manifest.json: not a corpus manifest; pass --fresh to start over")
        return manifest

    def _write_manifest(self) -> None:
        manifest = {"format": MANIFEST_FORMAT, "job": self.fingerprint, "done": self.done}
        write_file(self.path / "manifest.json", json.dumps(manifest, sort_keys=True).encode("utf-8"))

    def record(self, key: str, output: PartitionOutput) -> None:
        """Write a finished partition's files, then mark it done."""
        write_file(self.path / "findings" / f"part-{key}.parquet", output.findings)
        write_file(self.path / "documents" / f"part-{key}.parquet", output.documents)
        self.done[key] = output.tally
        self._write_manifest()

    def write_summary(self, summary: dict[str, Any]) -> None:
        text = json.dumps(summary, ensure_ascii=False, indent=1, sort_keys=True)
        write_file(self.path / "summary.json", text.encode("utf-8"))
