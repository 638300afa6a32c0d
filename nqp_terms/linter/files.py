"""Lint documents on disk: find them, read them safely, stream the large ones, fix them without loss.

A file that is not UTF-8 is reported and skipped; the run goes on.  Large
files are read in chunks that end at a paragraph break, so memory stays flat
however large the input.  ``--fix`` writes through :mod:`nqp_terms.safe_write`:
a random temporary file beside the document, renamed over it only if the
document is unchanged since it was read; symlinks are written through, hard
links and read-only files refused unless ``--force``; the BOM, line endings
and mode are kept.  One pass reaches a fixed point (:func:`~.fix.fix_converged`).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from .engine import DocumentState, Linter
from .finding import Finding
from .fix import fix_converged
from .report import OutputFormat

#: File suffixes linted when a directory is given.
TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".rst")
#: Files larger than this are linted in chunks (and cannot be fixed in place).
STREAM_THRESHOLD = 8 * 1024 * 1024
CHUNK_CHARACTERS = 1024 * 1024
#: Without --fix, files larger than this are linted a chunk at a time: a whole file's hits, findings and
#: offset maps take about 20 times its size while it is linted, chunks keep that near 20 MB.
CHUNKED_ABOVE = 2 * CHUNK_CHARACTERS


@dataclass
class FileResult:
    """What linting one file gave: findings, or the reason it could not be read."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    fixed_text: str | None = None
    original_text: str | None = None
    #: With ``--fix``: the findings whose fix was applied, and the file as read (to write it safely).
    applied: list[Finding] = field(default_factory=list)
    snapshot: object = None
    bom: bool = False
    written: bool = False
    #: With ``--fix``: the findings left in the fixed text (what the exit status is decided by once written).
    remaining: list[Finding] | None = None


def expand_paths(paths: list[str]) -> tuple[list[str], list[FileResult]]:
    """Files to lint (``-`` for standard input), directories expanded; missing paths are errors."""
    files: list[str] = []
    errors: list[FileResult] = []
    for path in paths:
        if path == "-":
            files.append(path)
        elif os.path.isdir(path):
            files.extend(walk_directory(path))
        elif os.path.isfile(path):
            files.append(path)
        else:
            errors.append(FileResult(path, error="no such file or directory"))
    return files, errors


#: Directories never linted when a directory is walked: dependencies and tool caches, not documents.
SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__", "site-packages"})


def walk_directory(root: str) -> list[str]:
    """The text files under ``root``, sorted, without dot-directories, virtualenvs, ``node_modules``
    or anything the ``.gitignore`` files on the way ignore.

    A virtualenv is recognised by its ``pyvenv.cfg``, whatever it is called.  Each ``.gitignore``
    applies to the directory it is in and below, as git reads it (``pathspec``'s git rules).
    """
    found: list[str] = []
    ignores: list[tuple[str, object]] = []  # (directory, its compiled .gitignore), outermost first
    for folder, folders, names in os.walk(root):
        ignores = [(base, spec) for base, spec in ignores if _inside(folder, base)]
        if ".gitignore" in names:
            spec = _gitignore(os.path.join(folder, ".gitignore"))
            if spec is not None:
                ignores.append((folder, spec))
        folders[:] = sorted(name for name in folders
                            if not name.startswith(".") and name not in SKIPPED_DIRECTORIES
                            and not os.path.isfile(os.path.join(folder, name, "pyvenv.cfg"))
                            and not _ignored(os.path.join(folder, name), ignores, directory=True))
        found.extend(os.path.join(folder, name) for name in names
                     if name.lower().endswith(TEXT_SUFFIXES) and not name.startswith(".")
                     and not _ignored(os.path.join(folder, name), ignores, directory=False))
    return sorted(found)


def _inside(folder: str, base: str) -> bool:
    return folder == base or folder.startswith(base.rstrip(os.sep) + os.sep)


def _gitignore(path: str) -> object | None:
    import pathspec  # deferred: only a directory walk reads .gitignore files

    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return pathspec.GitIgnoreSpec.from_lines(handle)
    except OSError:
        return None


def _ignored(path: str, ignores: list[tuple[str, object]], *, directory: bool) -> bool:
    for base, spec in ignores:
        relative = os.path.relpath(path, base).replace(os.sep, "/") + ("/" if directory else "")
        if spec.match_file(relative):  # type: ignore[attr-defined]
            return True
    return False


def _read(path: str) -> str:
    """The text of ``path`` (or standard input); raises ``ValueError`` for text that is not UTF-8."""
    raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    return _decode(raw)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ValueError(f"not UTF-8 (byte 0x{raw[error.start]:02x} at byte offset {error.start}, line {line}); "
                         "file skipped") from None


def _chunks(path: str) -> Iterator[str]:
    """The file's text in pieces that end at a paragraph break (or a line break if a paragraph is huge)."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
    pending = ""
    consumed = 0  # bytes read before this block, to say where undecodable bytes are
    with open(path, "rb") as handle:
        while True:
            block = handle.read(CHUNK_CHARACTERS)
            held = len(decoder.getstate()[0])  # bytes of a character begun in the block before
            try:
                pending += decoder.decode(block, final=not block)
            except UnicodeDecodeError as error:
                offset = consumed - held + error.start
                raise ValueError(f"not UTF-8 (byte at byte offset {offset}); file skipped") from None
            consumed += len(block)
            if not block:
                break
            cut = _cut(pending)
            if cut > 0:
                yield pending[: cut + 1]
                pending = pending[cut + 1:]
    if pending:
        yield pending


_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)
# Where a chunk of a text without line breaks may end: after a sentence, else after any white space.
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)\]]*\s")
_WHITE_SPACE = re.compile(r"\s")


def _cut(pending: str) -> int:
    r"""Where a chunk may end: the last blank line outside a code fence and an HTML comment.

    Markup is read a chunk at a time, so a cut inside a fence would leave the code after it unquoted.
    Without such a blank line the text waits for more, up to :data:`STREAM_THRESHOLD`; past that, any
    blank line or line break will do.

    >>> _cut("para one\n\n```\ncode\n\nmore code\n```\n\npara two\n")
    33
    >>> _cut("a\n\n```\nopen fence\n\nstill code\n")
    1
    """
    cut = pending.rfind("\n\n")
    fenced = "```" in pending or "~~~" in pending  # a search in C, where counting fence lines is a regex
    commented = "<!--" in pending  # else no comment is open, and neither count need be taken
    for _ in range(16):
        if cut <= 0:
            break
        if (not fenced or len(_FENCE.findall(pending, 0, cut)) % 2 == 0) and \
                (not commented or pending.count("<!--", 0, cut) <= pending.count("-->", 0, cut)):
            return cut
        cut = pending.rfind("\n\n", 0, cut)
    if len(pending) < STREAM_THRESHOLD:
        return -1
    cut = pending.rfind("\n\n")
    cut = cut if cut > 0 else pending.rfind("\n")
    if cut > 0:
        return cut
    # A line longer than a chunk: end at its last sentence (no match spans one), else its last white
    # space, else anywhere, so that memory stays flat on a file without line breaks.
    window = max(0, len(pending) - CHUNK_CHARACTERS)
    ends = [m.end() for m in _SENTENCE_END.finditer(pending, window)]
    if ends:
        return ends[-1] - 1
    spaces = [m.end() for m in _WHITE_SPACE.finditer(pending, window)]
    return (spaces[-1] if spaces else len(pending)) - 1


def _locate(findings: list[Finding], text: str, path: str, first_line: int) -> list[Finding]:
    from .finding import line_starts

    starts = line_starts(text)
    located = [finding.located(text, starts, path) for finding in findings]
    return [replace(f, line=f.line + first_line - 1) for f in located] if first_line != 1 else located


def lint_file(linter: Linter, path: str, *, fix: bool = False) -> FileResult:
    """Lint one file; with ``fix``, also compute its fixed text (nothing is written here)."""
    shown = "<stdin>" if path == "-" else path
    try:
        streamed = path != "-" and not fix and os.path.getsize(path) > STREAM_THRESHOLD
        if not streamed:
            snapshot = None
            if fix and path != "-":
                from ..safe_write import read_snapshot

                snapshot = read_snapshot(path)
                raw = snapshot.raw
            else:
                raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
            text = _decode(raw)
            # A NUL in a file is read as U+FFFD (one character for one: offsets hold); a file cannot hold
            # a lone surrogate, for it was decoded as UTF-8.
            findings = linter.lint(text, errors="replace")
            result = FileResult(shown)
            if fix:
                outcome = fix_converged(text, findings, partial(linter.lint, errors="replace"))
                findings = outcome.findings
                result.original_text, result.fixed_text, result.applied = text, outcome.text, outcome.applied
                result.snapshot, result.bom = snapshot, raw.startswith(b"\xef\xbb\xbf")
                result.remaining = linter.lint(outcome.text, errors="replace") if outcome.text != text else findings
            result.findings = _locate(findings, text, shown, 1)
            return result
        # Findings of a large file are produced chunk by chunk as the caller reads them,
        # so neither the text nor the findings are ever all in memory.
        return FileResult(shown, _streamed_findings(linter, path, shown))  # type: ignore[arg-type]
    except (OSError, ValueError) as error:
        return FileResult(shown, error=str(error) if isinstance(error, ValueError) else
                          f"cannot read: {error.strerror or error}")


def _streamed_findings(linter: Linter, path: str, shown: str) -> Iterator[Finding]:
    state = DocumentState()
    offset, line, column = 0, 1, 0  # column: characters of the current line in the chunks before
    for chunk in _chunks(path):
        for finding in _locate(linter.lint(chunk, state=state, errors="replace"), chunk, shown, line):
            moved = {"column": finding.column + column} if column and finding.line == line else {}
            yield replace(finding, start=finding.start + offset, end=finding.end + offset, **moved)
        offset += len(chunk)
        breaks = chunk.count("\n")
        line += breaks
        column = len(chunk) - chunk.rfind("\n") - 1 if breaks else column + len(chunk)


def write_fixed(result: FileResult, *, force: bool = False) -> str | None:
    """Write the fixed text in place, safely (see :mod:`nqp_terms.safe_write`); return an error message or ``None``.

    Sets ``result.written`` when the file was rewritten.  The BOM and the line endings of the
    original are kept (fixes never add or remove a line break).
    """
    from ..safe_write import Snapshot, WriteRefused, replace_file

    if result.fixed_text is None or result.fixed_text == result.original_text or result.path == "<stdin>":
        return None
    if not isinstance(result.snapshot, Snapshot):
        return "the file was not read for fixing; the file was left unchanged"
    data = ("\ufeff" if result.bom else "") + result.fixed_text
    try:
        replace_file(result.snapshot, data.encode("utf-8"), force=force)
    except WriteRefused as error:
        return str(error).split(": ", 1)[-1]
    except OSError as error:
        return f"cannot write the fix: {error.strerror or error}; the file was left unchanged"
    result.written = True
    return None


def unified_diff(result: FileResult) -> str:
    if result.fixed_text is None or result.original_text is None or result.fixed_text == result.original_text:
        return ""
    import difflib  # only --diff needs it: not paid at every start-up

    return "".join(difflib.unified_diff(
        result.original_text.splitlines(keepends=True), result.fixed_text.splitlines(keepends=True),
        fromfile=f"a/{result.path}", tofile=f"b/{result.path}"))


@dataclass(frozen=True)
class LinterSpec:
    """How to build the linter, picklable so that worker processes can build their own."""

    glossary: tuple[str, ...] = ()
    shipped: bool = True
    config: object = None  # a LintConfig
    engine: str = "aho-corasick"

    def build(self) -> Linter:
        from ..glossary import load

        if self.glossary:
            glossary = load(*self.glossary, over_shipped=self.shipped)
        else:
            glossary = load()
        return Linter(glossary, self.config, engine=self.engine)  # type: ignore[arg-type]


_worker_linter: Linter | None = None


def _start_worker(spec: LinterSpec) -> None:
    global _worker_linter  # one linter per worker process, built once
    _worker_linter = spec.build()


def _lint_in_worker(path: str, fix: bool) -> FileResult:
    assert _worker_linter is not None
    result = lint_file(_worker_linter, path, fix=fix)
    try:
        result.findings = list(result.findings)  # a streamed file's findings cross the process boundary as a list
    except (OSError, ValueError) as error:
        result.findings, result.error = [], str(error)
    return result


def lint_files(spec: LinterSpec, paths: list[str], *, fix: bool = False, jobs: int = 1) -> Iterator[FileResult]:
    """Lint ``paths`` in order, in ``jobs`` worker processes when there is more than one file."""
    if jobs <= 1 or len(paths) < 2 or "-" in paths:
        linter = spec.build()
        for path in paths:
            yield lint_file(linter, path, fix=fix)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(spec,)) as pool:
        yield from pool.map(_lint_in_worker, paths, [fix] * len(paths), chunksize=max(1, len(paths) // (jobs * 4)))


# ------------------------------------------------------- streamed reports, counted


@dataclass
class FileReport:
    """What linting one file left once its findings were written: how many of each severity, or an error."""

    path: str
    counts: dict[str, int] = field(default_factory=dict)  # severity -> number of findings
    error: str | None = None

    @property
    def findings(self) -> int:
        return sum(self.counts.values())

    def count(self, findings: list[Finding]) -> None:
        from collections import Counter
        from operator import attrgetter

        counts = self.counts
        for severity, number in Counter(map(attrgetter("severity"), findings)).items():  # counted in C
            counts[severity] = counts.get(severity, 0) + number


def report_file(linter: Linter, path: str, output: OutputFormat, write: Callable[[str], object]) -> FileReport:
    """Lint one file and hand its findings to ``write``, serialised, a chunk at a time for a large file.

    Only counts are kept, so memory does not grow with the file or its findings.
    """
    shown = "<stdin>" if path == "-" else path
    report = FileReport(shown)
    try:
        if path == "-" or os.path.getsize(path) <= CHUNKED_ABOVE:
            text = _read(path)
            findings = linter.lint(text, errors="replace")
            report.count(findings)
            for piece in output.pieces(findings, shown, text):
                write(piece)
            return report
        state = DocumentState()
        offset, line, column = 0, 1, 0  # column: characters of the current line in the chunks before
        for chunk in _chunks(path):
            findings = linter.lint(chunk, state=state, errors="replace")
            report.count(findings)
            for piece in output.pieces(findings, shown, chunk, first_line=line, offset=offset, first_column=column):
                write(piece)
            offset += len(chunk)
            breaks = chunk.count("\n")
            line += breaks
            column = len(chunk) - chunk.rfind("\n") - 1 if breaks else column + len(chunk)
    except (OSError, ValueError) as error:
        report.error = str(error) if isinstance(error, ValueError) else f"cannot read: {error.strerror or error}"
    return report


#: A worker hands back a file's output inline up to this many characters, and through a spool file beyond.
INLINE_OUTPUT = 1024 * 1024


class _Collected:
    """A worker's output for one file: the pieces, joined by the format's separator, spooled when large."""

    def __init__(self, separator: str, spool: str):
        self.separator, self.spool_name = separator, spool
        self.pieces: list[str] = []
        self.size = 0
        self.spool: Any = None

    def __call__(self, piece: str) -> None:
        if not piece:
            return
        if self.pieces or self.spool is not None:
            piece = self.separator + piece
        if self.spool is not None:
            self.spool.write(piece)
            return
        self.pieces.append(piece)
        self.size += len(piece)
        if self.size > INLINE_OUTPUT:
            self.spool = open(self.spool_name, "w", encoding="utf-8", newline="")  # noqa: SIM115 closed in done()
            self.spool.writelines(self.pieces)
            self.pieces = []

    def done(self) -> tuple[str, str | None]:
        """The output inline, or ``("", spool file name)``."""
        if self.spool is None:
            return "".join(self.pieces), None
        self.spool.close()
        return "", self.spool_name


def _report_in_worker(task: tuple[int, str], output: OutputFormat, spool_directory: str
                      ) -> tuple[FileReport, str, str | None]:
    number, path = task
    assert _worker_linter is not None
    collected = _Collected(output.separator, os.path.join(spool_directory, f"{number}.out"))
    report = report_file(_worker_linter, path, output, collected)
    return (report, *collected.done())


class OutputStream:
    """Writes a format's head, pieces and tail to a text stream, in order, with separators between pieces."""

    def __init__(self, output: OutputFormat, stream: TextIO):
        self.output, self.stream = output, stream
        self.started = False

    def write(self, piece: str) -> None:
        if not piece:
            return
        # Two writes, not one of the two joined: a piece is megabytes, and joining would copy it.
        self.stream.write(self.output.separator if self.started else self.output.head())
        self.stream.write(piece)
        self.started = True

    def copy(self, spool: str) -> None:
        """Write a worker's spooled output (one piece), then delete the spool file.

        The spool is UTF-8; where the stream writes UTF-8 bytes to a file, the rest of it is copied as
        bytes, without decoding and encoding megabytes the workers already encoded: the parent shares
        the cores with the workers, so what it spends copying they lose.
        """
        import io
        import shutil

        with open(spool, "rb") as data:
            first = data.read(4).decode("utf-8", errors="ignore")[:1]  # a character is at most four bytes
            data.seek(len(first.encode("utf-8")))
            self.write(first)  # the head or separator, once
            raw = getattr(self.stream, "buffer", None)
            if raw is not None and (getattr(self.stream, "encoding", "") or "").lower().replace("-", "") == "utf8":
                self.stream.flush()
                shutil.copyfileobj(data, raw, 1024 * 1024)
                raw.flush()
            else:
                shutil.copyfileobj(io.TextIOWrapper(data, encoding="utf-8", newline=""), self.stream, 1024 * 1024)
        os.unlink(spool)

    def close(self) -> None:
        self.stream.write(self.output.tail() if self.started else self.output.empty())


def report_files(spec: LinterSpec, paths: list[str], output: OutputFormat, stream: OutputStream, *,
                 jobs: int = 1) -> Iterator[FileReport]:
    """Lint ``paths`` in order, writing their findings to ``stream`` as they come; yield each file's report.

    With ``jobs`` above one, worker processes build the linter once each (from the cache), lint whole
    files and return their output ready to write, inline or spooled to a temporary file when large; the
    output is written in the order of ``paths``, whatever order the workers finish in.
    """
    if jobs <= 1 or len(paths) < 2 or "-" in paths:
        linter = spec.build()
        for path in paths:
            yield report_file(linter, path, output, stream.write)
        return
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    with tempfile.TemporaryDirectory(prefix="nqp-terms-jobs-") as spool_directory, \
            ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(spec,)) as pool:
        for report, inline, spool in pool.map(partial(_report_in_worker, output=output,
                                                      spool_directory=spool_directory),
                                              enumerate(paths)):
            if spool is not None:
                stream.copy(spool)
            else:
                stream.write(inline)
            yield report
