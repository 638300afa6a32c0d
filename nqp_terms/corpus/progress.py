"""A progress bar on standard error, only when standard error is a terminal (tqdm).

It counts input bytes (so it shows MB/s and an ETA), with documents and findings beside them.
A pipe, a file or a CI log gets nothing.
"""

from __future__ import annotations

import sys
from typing import IO, Any


class Progress:
    """Progress of a run: ``advance`` with each finished partition's counts, then ``close``."""

    def __init__(self, total_bytes: int, done_bytes: int = 0, *, stream: IO[str] | None = None,
                 enabled: bool | None = None):
        stream = stream or sys.stderr
        if enabled is None:
            enabled = stream.isatty()
        self.documents = 0
        self.findings = 0
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: the run forks worker processes
            self.bar = tqdm(total=total_bytes, initial=done_bytes, unit="B", unit_scale=True, unit_divisor=1000,
                            desc="corpus", file=stream, dynamic_ncols=True, smoothing=0.1)

    def advance(self, tally: dict[str, Any]) -> None:
        self.documents += tally["documents"]
        self.findings += tally["findings"]
        if self.bar is not None:
            self.bar.set_postfix(documents=f"{self.documents:,}", findings=f"{self.findings:,}", refresh=False)
            self.bar.update(tally["bytes"])

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
