"""Corpus runs: every input format, the output tables, one linter per worker, resuming a killed run.

The expectations come from the linter and the checker themselves: a corpus run must give, row
for row, what ``nqp_terms.lint`` gives on each document and what the bilingual check gives on
each pair, however the inputs are cut into partitions and however many processes run them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO

pa = pytest.importorskip("pyarrow", reason="the corpus extra: pip install 'nqp-terms[corpus]'")
import pyarrow.parquet as pq  # noqa: E402

import nqp_terms  # noqa: E402
from nqp_terms.checker.bilingual import Checker  # noqa: E402
from nqp_terms.corpus.output import JOURNAL, RunExists, finished_partitions  # noqa: E402
from nqp_terms.corpus.partitions import InputError, iter_partitions, outline, plan_partitions  # noqa: E402
from nqp_terms.corpus.progress import Progress  # noqa: E402
from nqp_terms.corpus import work  # noqa: E402
from nqp_terms.corpus.readers import (DocumentColumns, Fields, _jsonl_columns, read_column_slices,  # noqa: E402
                                     read_columns, read_documents)
from nqp_terms.corpus.run import _partition, run_corpus  # noqa: E402
from nqp_terms.corpus.tables import read_table  # noqa: E402
from nqp_terms.corpus.work import Job  # noqa: E402
from nqp_terms.linter.workers import run_in_workers  # noqa: E402
from nqp_terms.formats.bilingual import read_segments  # noqa: E402

SEED = REPO / "seeds" / "000_cc3756e0a130bcc6.txt"
BILINGUAL = REPO / "tests" / "data" / "bilingual"
FINDING_FIELDS = ("rule", "severity", "start", "end", "match", "suggestion", "concept")


def seed_lines() -> list[str]:
    return [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def expected_rows(texts: list[tuple[str, str]]) -> list[tuple]:  # type: ignore[type-arg]
    """(document, *finding fields) for each finding nqp_terms.lint gives on each (id, text)."""
    return [(document, *(getattr(f, name) for name in FINDING_FIELDS))
            for document, text in texts for f in nqp_terms.lint(text)]


def finding_rows(out: Path) -> list[tuple]:  # type: ignore[type-arg]
    table = read_table(out / "findings")
    columns = [table.column(name).to_pylist() for name in ("document", *FINDING_FIELDS)]
    return list(zip(*columns))


@pytest.fixture(scope="module")
def seed_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article, one JSON line per paragraph, with an id and a date (a month per paragraph)."""
    path = tmp_path_factory.mktemp("corpus") / "seed.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for number, line in enumerate(seed_lines()):
            handle.write(json.dumps({"id": f"p{number}", "text": line, "when": f"2025-{1 + number % 12:02d}-15"},
                                    ensure_ascii=False) + "\n")
    return path


# ------------------------------------------------------------------ lint


def test_a_jsonl_run_gives_the_linters_findings_row_for_row(seed_jsonl: Path, tmp_path: Path) -> None:
    summary = run_corpus([str(seed_jsonl)], tmp_path / "out", fields=Fields(id="id", date="when"), jobs=1)
    texts = [(f"p{n}", line) for n, line in enumerate(seed_lines())]
    expected = expected_rows(texts)
    assert len(expected) > 50  # the seed article is full of calques
    assert finding_rows(tmp_path / "out") == expected
    assert summary["findings"] == len(expected) and summary["documents"] == len(texts)
    assert summary["rules"]["NQP001"] == sum(1 for row in expected if row[1] == "NQP001")
    documents = read_table(tmp_path / "out" / "documents")
    assert documents.column("document").to_pylist() == [document for document, _ in texts]
    assert documents.column("findings").to_pylist() == [len(nqp_terms.lint(text)) for _, text in texts]
    assert sum(day[0] for day in summary["dates"].values()) == len(texts)
    assert summary["labels"]["xinzhi-shengchanli"]["zh"] == "新质生产力"


def test_tiny_partitions_and_two_processes_change_nothing(seed_jsonl: Path, tmp_path: Path) -> None:
    run_corpus([str(seed_jsonl)], tmp_path / "one", jobs=1)
    run_corpus([str(seed_jsonl)], tmp_path / "many", jobs=2, partition_bytes=1500)
    assert len(list((tmp_path / "many" / "findings").glob("part-*.parquet"))) > 5
    assert finding_rows(tmp_path / "many") == finding_rows(tmp_path / "one")
    assert json.loads((tmp_path / "many" / "summary.json").read_text())["rules"] == \
        json.loads((tmp_path / "one" / "summary.json").read_text())["rules"]


def test_jsonl_partitions_end_at_line_breaks_and_know_their_first_line(seed_jsonl: Path) -> None:
    raw = seed_jsonl.read_bytes()
    partitions = plan_partitions([str(seed_jsonl)], partition_bytes=1000)
    assert partitions[0].start == 0 and partitions[-1].end == len(raw)
    for before, after in zip(partitions, partitions[1:]):
        assert before.end == after.start and raw[before.end - 1:before.end] == b"\n"
        assert after.first_line == raw[:after.start].count(b"\n") + 1


def test_the_last_inputs_last_partitions_are_smaller_so_that_workers_finish_together(tmp_path: Path) -> None:
    path = tmp_path / "mt.jsonl"
    path.write_text("".join(json.dumps({"text": f"segment {n:05d} " + "x" * 30}) + "\n" for n in range(2000)))
    line, size = len(path.read_bytes()) // 2000, path.stat().st_size  # 57 bytes a line, 114 KB
    alone = plan_partitions([str(path)], partition_bytes=10_000)
    assert sum(p.size for p in alone) == size
    # Whole partitions while four or more are left, then each about a quarter of what is left, down to a sixteenth.
    for partition in alone:
        planned = 10_000 if size - partition.start >= 40_000 else max((size - partition.start) // 4, 10_000 // 16)
        assert planned <= partition.size <= planned + line or partition is alone[-1]
    assert len(alone) > 12 and alone[-1].size <= 10_000 // 16 + line
    # Not the last input: partitions of one size.
    before = [p.size for p in plan_partitions([str(path), str(BILINGUAL / "sample.tmx")], partition_bytes=10_000)]
    assert len(before) == 13 and all(10_000 <= s <= 10_000 + line for s in before[:-2])


def test_partitions_are_planned_as_they_are_handed_out_and_every_input_is_checked_first(
        seed_jsonl: Path, tmp_path: Path) -> None:
    inputs = [str(seed_jsonl), str(BILINGUAL / "sample.tmx"), str(BILINGUAL / "sample.po")]
    streamed = iter_partitions(inputs, partition_bytes=1000)
    assert next(streamed) == plan_partitions(inputs, partition_bytes=1000)[0]  # one handed out, the rest to come
    assert [next(streamed), *streamed] == plan_partitions(inputs, partition_bytes=1000)[1:]
    # What a run knows before it reads: the bytes the partitions cover, and how many there are at most.
    planned = plan_partitions(inputs, partition_bytes=1000)
    size, most = outline(inputs, partition_bytes=1000)
    assert size == sum(p.size for p in planned) and len(planned) <= most  # JSONL: from its size, at most
    assert outline(inputs[1:], partition_bytes=1000) == (sum(p.size for p in planned if p.format != "jsonl"), 2)
    # A missing input stops the run before a partition is handed out or an output directory is made.
    with pytest.raises(InputError, match="missing.jsonl: no such file"):
        next(iter_partitions([str(seed_jsonl), str(tmp_path / "missing.jsonl")]))
    with pytest.raises(InputError, match="missing.jsonl: no such file"):
        run_corpus([str(seed_jsonl), str(tmp_path / "missing.jsonl")], tmp_path / "out", jobs=1)
    assert not (tmp_path / "out").exists()


def test_a_run_with_another_partition_size_is_another_run(seed_jsonl: Path, tmp_path: Path) -> None:
    # The partitions (and so the part files and the journal's keys) follow from the files and the partition size.
    run_corpus([str(seed_jsonl)], tmp_path / "out", jobs=1, partition_bytes=2000)
    with pytest.raises(RunExists, match="another run"):
        run_corpus([str(seed_jsonl)], tmp_path / "out", jobs=1, partition_bytes=3000)


def test_the_linter_is_built_once_per_worker_process(seed_jsonl: Path) -> None:
    partitions = plan_partitions([str(seed_jsonl)], partition_bytes=800)
    assert len(partitions) >= 8
    outputs = list(run_in_workers(_partition, partitions, jobs=2, args=(Job(),)))
    assert sorted(o.number for o in outputs) == [p.number for p in partitions]
    assert {o.pid for o in outputs} - {os.getpid()}  # the work ran in worker processes
    assert {o.builds for o in outputs} == {1}  # each process built its linter once, for all its partitions


def test_findings_are_the_same_however_many_wait_to_become_columns(seed_jsonl: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # A partition's findings are copied into columns a few thousand at a time; here every few findings.
    monkeypatch.setattr(work, "_CHUNK", 3)
    # And documents are read and linted a slice at a time; here two at a time.
    monkeypatch.setattr(work, "_TEXTS_AT_ONCE", 2)
    run_corpus([str(seed_jsonl)], tmp_path / "out", fields=Fields(id="id"), jobs=1)
    assert finding_rows(tmp_path / "out") == expected_rows([(f"p{n}", line) for n, line in enumerate(seed_lines())])


JSON_LINES = [
    '{"id": "a", "text": "We Go out and grasp the Bull nose.", "day": "2025-01-02", "zh": "走出去"}',
    '{"id": 7, "text": "A number as the id, no date.", "day": null, "zh": "牛鼻子"}',
    '{"text": "No id: the file and line name it.", "day": "2025-02-03T10:00", "zh": "新质生产力"}',
    '{"id": "b", "text": 12, "zh": null}',
]


@pytest.mark.parametrize("content, read_whole", [
    ("\n".join(JSON_LINES) + "\n", True),
    ("\n".join(JSON_LINES), True),  # no line break at the end
    ("\r\n".join(JSON_LINES) + "\r\n", False),  # Windows line ends
    ("\n\n".join(JSON_LINES) + "\n", False),  # blank lines
    ("  " + "\n  ".join(JSON_LINES) + "\n", False),  # indented lines
    ("\ufeff" + "\n".join(JSON_LINES) + "\n", False),  # a byte order mark
], ids=["common", "no final break", "crlf", "blank lines", "indented", "bom"])
def test_json_lines_read_as_columns_are_the_documents_the_line_reader_gives(content: str, read_whole: bool,
                                                                              tmp_path: Path) -> None:
    path = tmp_path / "mt.jsonl"
    path.write_text(content, encoding="utf-8")
    for fields, bilingual in ((Fields(id="id", date="day"), False), (Fields(), False),
                              (Fields(source="zh", target="text", id="id"), True)):
        for partition in plan_partitions([str(path)], partition_bytes=150):
            columns = read_columns(partition, fields, bilingual=bilingual)
            documents = list(read_documents(partition, fields, bilingual=bilingual))  # line by line
            assert (columns.ids, columns.texts, columns.dates) == \
                ([d.id for d in documents], [d.text for d in documents], [d.date for d in documents])
            assert columns.sources == ([d.source for d in documents] if bilingual else [])
            for size in (1, 2, 3):  # a slice at a time, as a run reads them: the same documents, in order
                sliced = DocumentColumns()
                for piece in read_column_slices(partition, fields, bilingual=bilingual, documents=size):
                    assert len(piece) <= size
                    sliced.extend(piece)
                assert sliced == columns
        # The common shape is read in one go; the others are left to the line reader.
        assert (_jsonl_columns(plan_partitions([str(path)])[0], fields, bilingual) is not None) == read_whole
    whole = read_columns(plan_partitions([str(path)])[0], Fields(id="id", date="day"))
    line_without_id = content[:content.index("No id")].count("\n") + 1  # blank lines count
    assert whole.ids == ["a", "7", f"mt.jsonl:{line_without_id}", "b"]
    assert whole.texts[3] == "12" and whole.dates[:3] == ["2025-01-02", None, "2025-02-03T10:00"]


def test_a_malformed_json_line_is_named_by_its_number(tmp_path: Path) -> None:
    path = tmp_path / "mt.jsonl"
    path.write_text("\n".join([JSON_LINES[0], JSON_LINES[1], '{"text": "cut short', JSON_LINES[2]]) + "\n")
    with pytest.raises(InputError, match=r"mt.jsonl:3: not a JSON line"):
        run_corpus([str(path)], tmp_path / "out", jobs=1)
    path.write_text("\n".join([JSON_LINES[0], '["a list"]']) + "\n")
    with pytest.raises(InputError, match=r"mt.jsonl:2: expected an object"):
        run_corpus([str(path)], tmp_path / "out", jobs=1, fresh=True)


def test_parquet_csv_tsv_and_text_directories_are_read(tmp_path: Path) -> None:
    lines = seed_lines()[:12]
    table = pa.table({"segment": [f"s{n}" for n in range(len(lines))], "mt": lines})
    pq.write_table(table, tmp_path / "mt.parquet", row_group_size=5)  # three row groups, three partitions
    with (tmp_path / "mt.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["segment", "mt"])
        writer.writerows([f"s{n}", line] for n, line in enumerate(lines))
    (tmp_path / "mt.tsv").write_text("segment\tmt\n" + "".join(f"s{n}\t{line}\n" for n, line in enumerate(lines)),
                                     encoding="utf-8")
    folder = tmp_path / "articles"
    (folder / "2025").mkdir(parents=True)
    (folder / "2025" / "a.md").write_text("# Go out\n\nWe grasp the Bull nose.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Nothing here.\n", encoding="utf-8")
    (folder / "skip.bin").write_bytes(b"\x00")
    fields = Fields(text="mt", id="segment")
    for name in ("mt.parquet", "mt.csv", "mt.tsv"):
        out = tmp_path / f"out-{name}"
        run_corpus([str(tmp_path / name)], out, fields=fields, jobs=1)
        assert finding_rows(out) == expected_rows([(f"s{n}", line) for n, line in enumerate(lines)]), name
    assert len(plan_partitions([str(tmp_path / "mt.parquet")])) == 3
    run_corpus([str(folder)], tmp_path / "out-text", jobs=1)
    assert finding_rows(tmp_path / "out-text") == expected_rows(
        [("2025/a.md", (folder / "2025" / "a.md").read_text()), ("b.txt", "Nothing here.\n")])


def test_an_unknown_format_or_a_missing_field_is_a_clear_error(tmp_path: Path, seed_jsonl: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK")
    with pytest.raises(InputError, match="unknown input format '.docx'"):
        run_corpus([str(tmp_path / "notes.docx")], tmp_path / "out", jobs=1)
    with pytest.raises(InputError, match="no field 'mt'.*--text-field"):
        run_corpus([str(seed_jsonl)], tmp_path / "out2", fields=Fields(text="mt"), jobs=1)


# ------------------------------------------------------------------ check


def test_a_check_run_gives_the_checkers_findings_and_term_accuracy(tmp_path: Path) -> None:
    inputs = [BILINGUAL / name for name in ("sample.tsv", "sample.tmx", "sample-1.2.xlf", "sample-2.0.xlf",
                                            "sample.po")]
    summary = run_corpus([str(p) for p in inputs], tmp_path / "out", mode="check", jobs=1)
    checker = Checker(nqp_terms.load())
    expected, found, approved = [], 0, 0
    for path in inputs:
        for segment in read_segments(path):
            result = checker.check(segment.source, segment.target, segment=segment.id)
            expected += [(segment.id, *(getattr(f, name) for name in FINDING_FIELDS)) for f in result.findings]
            found, approved = found + result.terms_found, approved + result.terms_approved
    assert expected and finding_rows(tmp_path / "out") == expected
    assert (summary["terms_found"], summary["terms_approved"]) == (found, approved)
    assert summary["accuracy"] == approved / found
    # Per concept: found in the source = approved + wrong + missing.
    assert all(counts[0] == counts[1] + counts[2] + counts[3] for counts in summary["terms"].values())
    assert summary["terms"]["jiebang-guashuai"][2] >= 1  # "Uncover the list and take the lead" is wrong


def test_check_reads_source_and_target_fields_of_jsonl(tmp_path: Path) -> None:
    pairs = [{"zh": "发展新质生产力", "en": "develop new quality productivity"},
             {"zh": "发展新质生产力", "en": "develop new quality productive forces"}]
    (tmp_path / "pairs.jsonl").write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs))
    summary = run_corpus([str(tmp_path / "pairs.jsonl")], tmp_path / "out", mode="check",
                         fields=Fields(source="zh", target="en"), jobs=1)
    assert summary["accuracy"] == 0.5
    assert finding_rows(tmp_path / "out") == [("pairs.jsonl:1", "NQP101", "error", 8, 32, "new quality productivity",
                                               "new quality productive forces", "xinzhi-shengchanli")]
    documents = read_table(tmp_path / "out" / "documents")
    assert documents.column("accuracy").to_pylist() == [0.0, 1.0]


# ------------------------------------------------------------------ resuming


def test_a_run_refuses_an_output_directory_of_another_run(seed_jsonl: Path, tmp_path: Path) -> None:
    run_corpus([str(seed_jsonl)], tmp_path / "out", jobs=1)
    with pytest.raises(RunExists, match="another run"):
        run_corpus([str(seed_jsonl)], tmp_path / "out", mode="lint", fields=Fields(text="other"), jobs=1)
    run_corpus([str(seed_jsonl)], tmp_path / "out", fields=Fields(id="id"), jobs=1, fresh=True)
    assert read_table(tmp_path / "out" / "documents").column("document")[0].as_py() == "p0"


def test_a_killed_run_resumes_without_redoing_or_duplicating(tmp_path: Path) -> None:
    # A corpus large enough to take several seconds, cut into many partitions.
    lines = seed_lines()
    with (tmp_path / "big.jsonl").open("w", encoding="utf-8") as handle:
        for copy in range(150):
            for line in lines:
                handle.write(json.dumps({"text": line}) + "\n")
    command = [sys.executable, "-m", "nqp_terms", "corpus", "lint", str(tmp_path / "big.jsonl"), "--out",
               str(tmp_path / "out"), "--jobs", "1", "--partition-size", "0.1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if len(finished_partitions(tmp_path / "out")) >= 3:
                break
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    partitions = plan_partitions([str(tmp_path / "big.jsonl")], partition_bytes=int(0.1 * 1024 * 1024))
    done_before = finished_partitions(tmp_path / "out")
    assert 3 <= len(done_before) < len(partitions), "the run was not killed midway"
    assert not (tmp_path / "out" / "summary.json").exists()
    stamps = {key: (tmp_path / "out" / "findings" / f"part-{key}.parquet").stat().st_mtime_ns for key in done_before}

    resumed = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    # The partitions finished before the kill were not done again ...
    assert {key: (tmp_path / "out" / "findings" / f"part-{key}.parquet").stat().st_mtime_ns
            for key in done_before} == stamps
    # ... and the output is what one uninterrupted run gives, with no row twice.
    run_corpus([str(tmp_path / "big.jsonl")], tmp_path / "clean", jobs=1)
    assert finding_rows(tmp_path / "out") == finding_rows(tmp_path / "clean")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["documents"] == 150 * len(lines) and summary["partitions"] == len(partitions)


def test_recording_a_partition_appends_one_line_and_rewrites_nothing(seed_jsonl: Path, tmp_path: Path) -> None:
    # Linear in the partitions: each one adds a line to the journal; the manifest is written once.
    run_corpus([str(seed_jsonl)], tmp_path / "out", jobs=1, partition_bytes=2000)
    manifest = (tmp_path / "out" / "manifest.json").stat()
    journal = (tmp_path / "out" / JOURNAL).read_bytes()
    partitions = plan_partitions([str(seed_jsonl)], partition_bytes=2000)
    assert len(partitions) > 3 and journal.count(b"\n") == len(partitions)
    assert json.loads((tmp_path / "out" / "manifest.json").read_text()).keys() == {"format", "job"}
    run_corpus([str(seed_jsonl)], tmp_path / "out", jobs=1, partition_bytes=2000)  # all done: nothing redone
    assert (tmp_path / "out" / "manifest.json").stat().st_mtime_ns == manifest.st_mtime_ns
    assert (tmp_path / "out" / JOURNAL).read_bytes() == journal


def test_a_journal_line_cut_short_by_a_crash_is_done_again(seed_jsonl: Path, tmp_path: Path) -> None:
    run_corpus([str(seed_jsonl)], tmp_path / "clean", jobs=1, partition_bytes=2000)
    run_corpus([str(seed_jsonl)], tmp_path / "out", jobs=1, partition_bytes=2000)
    journal = tmp_path / "out" / JOURNAL
    lines = journal.read_bytes().splitlines(keepends=True)
    # Killed while appending the third partition's line (and before the summary).
    journal.write_bytes(b"".join(lines[:2]) + lines[2][:40])
    (tmp_path / "out" / "summary.json").unlink()
    assert len(finished_partitions(tmp_path / "out")) == 2
    summary = run_corpus([str(seed_jsonl)], tmp_path / "out", jobs=1, partition_bytes=2000)
    assert finding_rows(tmp_path / "out") == finding_rows(tmp_path / "clean")
    assert len(finished_partitions(tmp_path / "out")) == summary["partitions"] == len(lines)
    assert all(line.endswith(b"}\n") for line in journal.read_bytes().splitlines(keepends=True))


def test_a_run_begun_by_an_earlier_version_is_named_and_started_over_on_fresh(seed_jsonl: Path,
                                                                             tmp_path: Path) -> None:
    # Earlier versions cut the inputs into other partitions (and the first kept the finished ones inside
    # manifest.json): their part files cannot be continued, so such a run is refused with the reason.
    run_corpus([str(seed_jsonl)], tmp_path / "clean", jobs=1, partition_bytes=2000)
    out = tmp_path / "out"
    run_corpus([str(seed_jsonl)], out, jobs=1, partition_bytes=2000)
    job = json.loads((out / "manifest.json").read_text())["job"]
    for earlier in ({"format": "nqp-terms corpus manifest 1", "job": job, "done": {}},
                    {"format": "nqp-terms corpus manifest 2", "job": job}):
        (out / "manifest.json").write_text(json.dumps(earlier))
        with pytest.raises(RunExists, match="begun by an earlier version.*--fresh"):
            run_corpus([str(seed_jsonl)], out, jobs=1, partition_bytes=2000)
    summary = run_corpus([str(seed_jsonl)], out, jobs=1, partition_bytes=2000, fresh=True)
    assert finding_rows(out) == finding_rows(tmp_path / "clean") and summary["findings"] == len(finding_rows(out))
    assert json.loads((out / "manifest.json").read_text())["format"] == "nqp-terms corpus manifest 3"


# ------------------------------------------------------------------ progress and the command line


def test_progress_is_drawn_on_a_terminal_only(seed_jsonl: Path, tmp_path: Path) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    bar = Progress(2_000_000, stream=screen)
    bar.advance({"documents": 120, "findings": 45, "bytes": 1_000_000})
    bar.close()
    drawn = screen.getvalue()
    assert "B/s" in drawn and "documents=120" in drawn and "findings=45" in drawn and "1.00M/2.00M" in drawn
    piped = io.StringIO()
    Progress(2_000_000, stream=piped).advance({"documents": 1, "findings": 1, "bytes": 1})
    assert piped.getvalue() == ""
    # The command line, with standard error a pipe, prints only its closing line there.
    result = subprocess.run([sys.executable, "-m", "nqp_terms", "corpus", "lint", str(seed_jsonl), "--out",
                             str(tmp_path / "out"), "--jobs", "1"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"{len(seed_lines())} documents, {len(expected_rows([('', l) for l in seed_lines()]))} findings; "
        f"written to {tmp_path / 'out'}"]
