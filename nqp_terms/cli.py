"""The ``nqp-terms`` command line.

Every command prints text for people or, with ``--format json``, one JSON
document for programs.  Exit status: 0 success, 1 a finding (term not found,
glossary problems), 2 a usage or input error.  Messages are in English or
Simplified Chinese (``--lang zh``, or the locale).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .glossary import Glossary, load
from .i18n import Messages
from .index.match import Match
from .termbase.model import LANGUAGES, AmbiguousTerm, GlossaryError, Problem, TermNotFound

if TYPE_CHECKING:
    from .index.compose import Composition


class ExitStatus(IntEnum):
    OK = 0
    FAILURE = 1  # not found, or problems found
    USAGE = 2  # bad arguments or unreadable input


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet (gettext convention)."""
    return message


# Term statuses are data, so their translations are marked here for the catalog.
STATUS_LABELS = {
    "preferred": N_("preferred"), "admitted": N_("admitted"),
    "deprecated": N_("deprecated"), "superseded": N_("superseded"),
}


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


# ------------------------------------------------------------------ lookup


def match_record(match: Match, glossary: Glossary) -> dict[str, Any]:
    """The JSON object ``lookup --format json`` prints for a match."""
    concept = match.concept
    english = concept.preferred("en")
    cited = sorted({s for t in concept.in_language("en") for s in t.sources})
    return {
        "id": concept.id,
        "zh": concept.zh,
        "zh_hant": concept.zh_hant,
        "pinyin": concept.pinyin,
        "en": concept.en,
        "status": english.status if english else None,
        "reliability": glossary.reliability(english) if english else None,
        "unsourced": english.unsourced if english else None,
        "alternatives": [t.term for t in concept.admitted("en") if t is not english],
        "deprecated": [
            {"term": t.term, "status": t.status, "use_instead": t.use_instead, "reason": t.reason}
            for t in concept.deprecated("en")
        ],
        "subject_fields": list(concept.subject_fields),
        "definition": {"en": concept.definition.en, "zh-Hans": concept.definition.zh_hans},
        "usage_note": english.usage_note if english else None,
        "sources": [asdict(glossary.sources[s]) for s in cited if s in glossary.sources],
        "matched": {
            "query": match.query,
            "via": match.via,
            "term": match.term.term,
            "language": match.language,
            "status": match.term.status,
            "deprecated": match.is_deprecated,
            "use_instead": match.use_instead,
            # exact, reordered, part, shortened or corrected; with the text that matched when not exact
            "how": match.how,
            "text": match.matched_text,
        },
        # For a phrase that only contains terms: a draft from its terms, never an attested rendering.
        "composed": _composed_record(glossary.compose(match.query)) if match.how == "part" else None,
    }


def _composed_record(draft: Composition | None) -> dict[str, Any] | None:
    if draft is None:
        return None
    return {"en": draft.en, "attested": False,
            "pieces": [{"zh": p.zh, "en": p.en, "kind": p.kind, "concept": p.concept} for p in draft.pieces]}


def _print_match(match: Match, glossary: Glossary, ui: Messages) -> None:
    _ = ui.gettext
    concept = match.concept
    if match.how == "corrected":
        print(_("not found: {query!r}; showing results for {term!r}").format(query=match.query,
                                                                            term=match.matched_text))
    elif match.how == "part":
        print(_("{query!r} is not a term; it contains the term {term!r}").format(query=match.query, term=match.matched_text))
        draft = glossary.compose(match.query)
        if draft is not None:
            print(_("Draft from glossary terms (no source; check it): {draft}").format(draft=draft.en))
            print()
    elif match.how in ("reordered", "shortened"):
        print(_("{query!r} found as {term!r}").format(query=match.query, term=match.matched_text))
    if match.is_deprecated:
        print(_("{term!r} is a {status} rendering. Use: {use}").format(
            term=match.term.term, status=_(STATUS_LABELS[match.term.status]), use=match.use_instead))
        if match.term.reason:
            print("  " + match.term.reason)
        print()
    print(f"{concept.zh}  {concept.pinyin or ''}  [{concept.id}]")
    for language in LANGUAGES:
        preferred = concept.preferred(language)
        if preferred is not None:
            print(f"  {ui.language_name(language)}: {preferred.term}")
    english = concept.preferred("en")
    if english is not None and english.unsourced:
        print("  " + _("(unsourced: no publication of this rendering was found; low reliability)"))
    admitted = [t.term for t in concept.admitted("en") if t is not english]
    if admitted:
        print("  " + _("Also acceptable:") + " " + "; ".join(admitted))
    deprecated = [t.term for t in concept.deprecated("en")]
    if deprecated:
        print("  " + _("Do not use:") + " " + "; ".join(deprecated))
    if english is not None and english.usage_note:
        print("  " + _("Usage:") + " " + english.usage_note)
    for source_id in english.sources if english else ():
        source = glossary.sources[source_id]
        print("  " + _("Source:") + f" {source.publisher}, “{source.title}”, {source.date or 'n.d.'}, {source.url}")


def cmd_lookup(args: argparse.Namespace, glossary: Glossary, ui: Messages) -> ExitStatus:
    _ = ui.gettext
    try:
        match = glossary.lookup(args.query, corrections=True)
    except AmbiguousTerm as error:
        if args.format == "json":
            _print_json({"query": args.query, "error": "ambiguous", "candidates": list(error.candidates)})
        else:
            print(_("{query!r} matches several concepts:").format(query=args.query))
            for concept_id in error.candidates:
                concept = glossary.concepts[concept_id]
                print(f"  {concept_id}: {concept.zh} = {concept.en}")
        return ExitStatus.FAILURE
    except TermNotFound as error:
        if args.format == "json":
            _print_json({"query": args.query, "error": "not found", "suggestions": list(error.suggestions)})
        else:
            print(_("not found") + f": {args.query!r}")
            if error.suggestions:
                print(_("Did you mean:") + " " + "; ".join(error.suggestions))
        return ExitStatus.FAILURE
    if args.format == "json":
        _print_json(match_record(match, glossary))
    else:
        _print_match(match, glossary, ui)
    return ExitStatus.OK


def cmd_search(args: argparse.Namespace, glossary: Glossary, ui: Messages) -> ExitStatus:
    matches = glossary.search(args.text, limit=args.limit)
    if args.format == "json":
        _print_json([{"id": m.concept.id, "zh": m.concept.zh, "pinyin": m.concept.pinyin, "en": m.concept.en,
                      "matched": m.term.term, "status": m.term.status, "how": m.how} for m in matches])
    else:
        for match in matches:
            note = f"  ({match.term.term}: {ui.gettext(STATUS_LABELS[match.term.status])})" if not match.term.is_approved else ""
            why = "" if match.how == "exact" else f"  [{match.how}: {match.term.term}]"
            print(f"{match.concept.id}\t{match.concept.zh}\t{match.concept.en}{note}{why}")
        if not matches:
            print(ui.gettext("not found") + f": {args.text!r}")
    return ExitStatus.OK if matches else ExitStatus.FAILURE


# ---------------------------------------------------------------- validate


def _problem_record(problem: Problem) -> dict[str, Any]:
    return asdict(problem)


#: Problems that a reference to the shipped glossary (a source, a related concept) would resolve.
_REFERENCE_PROBLEMS = frozenset({"unknown-source", "unknown-concept", "unknown-subject-field", "unknown-replacement"})


def cmd_validate(args: argparse.Namespace, glossary_factory: Callable[[], Glossary], ui: Messages) -> ExitStatus:
    """Validate PATHs as ``--glossary PATH`` reads them: layered over the shipped glossary unless ``--no-shipped``."""
    _ = ui.gettext
    paths = [Path(p) for p in args.paths]
    over_shipped = not (args.no_shipped or args.validate_no_shipped)
    try:
        if paths:
            glossary = load(*paths, over_shipped=over_shipped, use_cache=False)
        else:
            glossary = glossary_factory()
    except GlossaryError as error:
        files = len({p.file for p in error.problems})
        if args.format == "json":
            _print_json({"valid": False, "over_shipped": over_shipped,
                         "problems": [_problem_record(p) for p in error.problems]})
        else:
            for problem in error.problems:
                print(problem)
            print(_("{count} problems in {files} files").format(count=len(error.problems), files=files))
            if not over_shipped and any(p.code in _REFERENCE_PROBLEMS for p in error.problems):
                print(_("References were resolved in these files alone (--no-shipped); without --no-shipped they "
                        "are also resolved against the shipped glossary, as --glossary PATH reads them."))
        return ExitStatus.FAILURE
    if args.format == "json":
        _print_json({"valid": True, "over_shipped": over_shipped, "problems": [], "concepts": len(glossary),
                     "sources": len(glossary.sources)})
    elif over_shipped and (paths or args.glossary):
        print(_("valid over the shipped glossary: {concepts} concepts, {sources} sources in all").format(
            concepts=len(glossary), sources=len(glossary.sources)))
    else:
        print(_("valid: {concepts} concepts, {sources} sources").format(
            concepts=len(glossary), sources=len(glossary.sources)))
    return ExitStatus.OK


# ------------------------------------------------------------------- stats


def cmd_stats(args: argparse.Namespace, glossary: Glossary, ui: Messages) -> ExitStatus:
    from .termbase.stats import glossary_stats

    _ = ui.gettext
    report = glossary_stats(glossary)
    if args.format == "json":
        _print_json(report.as_dict())
        return ExitStatus.OK
    print(_("{concepts} concepts, {sources} sources").format(concepts=report.concepts, sources=report.sources))
    print()
    print(_("Concepts by subject field:"))
    for field_id, count in report.concepts_by_subject_field.items():
        name = glossary.subject_fields[field_id].zh if ui.language == "zh" else glossary.subject_fields[field_id].en
        print(f"  {count:5d}  {name}")
    print()
    print(_("Terms by language and status:"))
    for language, counts in report.terms_by_language_and_status.items():
        listed = ", ".join(f"{_(STATUS_LABELS[status])} {count}" for status, count in counts.items())
        print(f"  {ui.language_name(language)}: {listed}")
    print()
    # The statuses above count deprecated and superseded apart; this line counts both.
    print(_("Deprecated or superseded English renderings: {count} ({evidence} with evidence of use)").format(
        count=report.deprecated_renderings, evidence=report.deprecated_with_evidence))
    print()
    print(_("Preferred English renderings by best source:"))
    for kind, count in report.preferred_english_by_source_kind.items():
        print(f"  {count:5d}  {kind}  ({count / report.concepts:.1%})")
    print(_("Sourced from official or state-media publications: {share:.1%}").format(
        share=report.official_or_state_media_share))
    print()
    print(_("Preferred English renderings by reliability:"))
    for name, count in report.preferred_english_by_evidence.items():
        print(f"  {count:5d}  {name}  ({count / report.concepts:.1%})")
    print()
    print(_("Data policy targets:"))
    for target in report.targets:
        verdict = _("met") if target.met else _("falls short")
        print(f"  [{verdict}] {target.name}: {target.measured} ({target.goal})")
    print()
    print(_("Unsourced renderings (preferred or admitted): {count}").format(count=len(report.unsourced)))
    for item in report.unsourced:
        print(f"  {item.concept}: {item.term} ({_(STATUS_LABELS[item.status])})")
    return ExitStatus.OK


# -------------------------------------------------------------------- lint


def cmd_lint(args: argparse.Namespace, ui: Messages) -> ExitStatus:
    from .linter.config import ConfigError, LintConfig, find_config, load_config
    from .linter.files import LinterSpec, OutputStream, expand_paths, lint_files, unified_diff, write_fixed
    from .linter.report import OutputFormat

    _ = ui.gettext
    try:
        config_path = Path(args.config) if args.config else find_config(Path.cwd())
        config = load_config(config_path)
        overrides: dict[str, Any] = {}
        if args.select:
            overrides["select"] = frozenset(_rule_codes(args.select, "--select", ui))
        if args.ignore:
            overrides["ignore"] = config.ignore | frozenset(_rule_codes(args.ignore, "--ignore", ui))
        if args.fail_on:
            overrides["fail_on"] = args.fail_on
        if overrides:
            config = LintConfig(**{**config.__dict__, **overrides})
    except ConfigError as error:
        print(f"nqp-terms: {error}", file=sys.stderr)
        return ExitStatus.USAGE
    glossaries = tuple(args.glossary) + tuple(str(p) for p in config.glossary)
    spec = LinterSpec(glossary=glossaries, shipped=not args.no_shipped, config=config, engine=args.matcher)
    files, missing = expand_paths(args.paths)
    output = OutputFormat(args.format, pretty=args.pretty, version=_version() if args.format == "sarif" else "")
    # Findings in another interface language are told in it, which the streamed path (templated serialisation)
    # does not do: they take the path that holds each file's findings.
    translating = ui.language != "en"
    if not (args.fix or args.diff or translating):
        return _lint_streamed(args, spec, files, missing, output, config.fail_on, ui)
    errors = bool(missing)
    reported = written = with_findings = 0
    counts: dict[str, int] = {}  # severity -> findings that decide the exit status
    fixing = args.fix and not args.diff
    # `lint --fix -` writes the fixed text to standard output, so the report goes to standard error.
    stream = OutputStream(output, sys.stderr if fixing and "-" in files else sys.stdout)
    for result in lint_files(spec, files, fix=bool(args.fix or args.diff), jobs=args.jobs):
        findings = []
        try:
            findings.extend(result.findings)
        except (OSError, ValueError) as error:  # a streamed file that turned out not to be UTF-8
            result.error = str(error)
        if translating:
            findings = [replace(finding, message=_told(finding.message, ui)) for finding in findings]
        with_findings += bool(findings)
        if not args.diff:
            stream.write(output.piece(findings, result.path))
        reported += len(findings)
        fixed = False
        if result.error:
            print(f"{result.path}: {result.error}", file=sys.stderr)
        elif fixing and result.path == "<stdin>":
            sys.stdout.flush()
            sys.stdout.buffer.write((("\ufeff" if result.bom else "") + (result.fixed_text or "")).encode("utf-8"))
            sys.stdout.buffer.flush()
            fixed = True
        elif fixing:
            problem = write_fixed(result, force=args.force)
            if problem:
                result.error = problem
                print(f"{result.path}: {problem}", file=sys.stderr)
            else:
                fixed = True
        errors = errors or bool(result.error)
        written += bool(result.written)
        # What --fix repaired no longer counts against --fail-on; what it could not repair does.
        for finding in result.remaining if fixed and result.remaining is not None else findings:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
        if args.diff:
            sys.stdout.write(unified_diff(result))
    for result in missing:
        print(f"{result.path}: {result.error}", file=sys.stderr)
    if not args.diff:
        stream.close()
    if args.format == "text" and not args.diff:
        print(_summary(ui, reported, with_findings, written if args.fix else None), file=sys.stderr)
    return _lint_status(errors, counts, config.fail_on)


def _lint_streamed(args: argparse.Namespace, spec: Any, files: list[str], missing: list[Any], output: Any,
                   fail_on: str, ui: Messages) -> ExitStatus:
    """``lint`` without --fix or --diff: findings are written as they are found, and only counted."""
    from .linter.files import OutputStream, report_files

    stream = OutputStream(output, sys.stdout)
    counts: dict[str, int] = {}
    errors = bool(missing)
    with_findings = 0
    for report in report_files(spec, files, output, stream, jobs=args.jobs):
        for severity, number in report.counts.items():
            counts[severity] = counts.get(severity, 0) + number
        with_findings += any(report.counts.values())
        if report.error:
            errors = True
            sys.stdout.flush()
            print(f"{report.path}: {report.error}", file=sys.stderr)
    for result in missing:
        print(f"{result.path}: {result.error}", file=sys.stderr)
    stream.close()
    if args.format == "text":
        print(_summary(ui, sum(counts.values()), with_findings, None), file=sys.stderr)
    return _lint_status(errors, counts, fail_on)


def _lint_status(errors: bool, counts: dict[str, int], fail_on: str) -> ExitStatus:
    from .linter.rules import SeverityLevel

    if errors:
        return ExitStatus.USAGE
    if fail_on == "never":
        return ExitStatus.OK
    threshold = SeverityLevel[fail_on]
    failing = any(SeverityLevel[severity] >= threshold for severity in counts)
    return ExitStatus.FAILURE if failing else ExitStatus.OK


def _told(message: str, ui: Messages) -> str:
    """A finding's message in the interface language."""
    if ui.language == "en":
        return message
    from .linter.messages import translate

    return translate(message, ui.gettext)


def _summary(ui: Messages, count: int, files: int, fixed: int | None) -> str:
    """"1 finding in 1 file", "3 findings in 2 files": only files with findings are counted.

    >>> _summary(Messages.for_language("en"), 1, 1, None), _summary(Messages.for_language("en"), 3, 2, 1)
    ('1 finding in 1 file', '3 findings in 2 files; 1 file fixed')
    """
    _ = ui.gettext
    findings = (_("{count} finding") if count == 1 else _("{count} findings")).format(count=count)
    in_files = (_("{files} file") if files == 1 else _("{files} files")).format(files=files)
    summary = _("{findings} in {files}").format(findings=findings, files=in_files)
    if fixed is not None:
        summary += "; " + (_("{fixed} file fixed") if fixed == 1 else _("{fixed} files fixed")).format(fixed=fixed)
    return summary


def cmd_check(args: argparse.Namespace, ui: Messages) -> ExitStatus:
    import gc
    from collections import Counter
    from dataclasses import replace

    from .checker.bilingual import Checker, CheckResult
    from .checker.files import check_segments
    from .checker.report import JsonWriter, SarifWriter, TextWriter, summary
    from .linter.config import ConfigError, LintConfig, find_config, load_config
    from .linter.files import LinterSpec
    from .linter.rules import SeverityLevel
    from .formats.bilingual import SegmentError, read_segments

    _ = ui.gettext
    try:
        config = load_config(Path(args.config) if args.config else find_config(Path.cwd()))
        if args.fail_on:
            config = LintConfig(**{**config.__dict__, "fail_on": args.fail_on})
    except ConfigError as error:
        print(f"nqp-terms: {error}", file=sys.stderr)
        return ExitStatus.USAGE
    glossaries = tuple(args.glossary) + tuple(str(p) for p in config.glossary)
    linter = LinterSpec(glossary=glossaries, shipped=not args.no_shipped, config=config).build()
    checker = Checker(linter.glossary, config)
    out = sys.stdout
    writer = JsonWriter(out) if args.format == "json" else SarifWriter(out, _version()) \
        if args.format == "sarif" else TextWriter(out)
    threshold = None if config.fail_on == "never" else SeverityLevel[config.fail_on]
    overall, overall_skipped, overall_segments = CheckResult(), Counter[str](), 0
    summaries: list[str] = []
    failed_input = failed_gate = False
    for name in args.files:
        try:
            segments = read_segments(Path(name))
        except SegmentError as error:
            print(str(error), file=sys.stderr)
            failed_input = True
            continue
        per_file, skipped = CheckResult(), Counter[str]()
        # As in Checker.check_many: what is made per pair is freed as it goes, and a collection would walk
        # every segment read and the glossary again and again for nothing (a sixth of the time).
        collecting = gc.isenabled()
        gc.disable()
        try:
            for unit in check_segments(checker, segments, skipped, errors="replace"):
                result = unit.result
                if result.findings:
                    told = result.findings if ui.language == "en" else \
                        [replace(f, message=_told(f.message, ui)) for f in result.findings]
                    writer.findings(told, name, unit.segment.line)
                    if threshold is not None and any(SeverityLevel[f.severity] >= threshold for f in result.findings):
                        failed_gate = True
                per_file.add(result, keep_findings=False)
        finally:
            if collecting:
                gc.enable()
        writer.file(summary(per_file, checker.glossary, path=name, segments=len(segments), skipped=skipped))
        if args.min_accuracy is not None and per_file.accuracy is not None and per_file.accuracy < args.min_accuracy:
            failed_gate = True
        overall.add(per_file, keep_findings=False)
        overall_skipped.update(skipped)
        overall_segments += len(segments)
        summaries.append(_summary_line(name, per_file, ui) + _skipped_note(skipped, ui))
    writer.close(summary(overall, checker.glossary, segments=overall_segments, skipped=overall_skipped))
    if len(args.files) > 1:
        summaries.append(_summary_line(_("overall"), overall, ui) + _skipped_note(overall_skipped, ui))
    for line in summaries:
        print(line, file=sys.stderr if args.format != "text" else sys.stdout)
    if failed_input:
        return ExitStatus.USAGE
    if args.min_accuracy is not None and overall.accuracy is not None and overall.accuracy < args.min_accuracy:
        failed_gate = True
    return ExitStatus.FAILURE if failed_gate else ExitStatus.OK


def _skipped_note(skipped: Any, ui: Messages) -> str:
    if not skipped:
        return ""
    reasons = ", ".join(f"{reason} {count}" for reason, count in sorted(skipped.items()))
    return "; " + ui.gettext("{count} pairs skipped ({reasons})").format(count=sum(skipped.values()),
                                                                        reasons=reasons)


# ------------------------------------------------------------------ corpus


def cmd_corpus(args: argparse.Namespace, ui: Messages) -> ExitStatus:
    _ = ui.gettext
    if args.corpus_command == "report":
        return _corpus_report(args, ui)
    from .linter.config import ConfigError, load_config, find_config
    from .linter.files import LinterSpec

    try:
        config = load_config(Path(args.config) if args.config else find_config(Path.cwd()))
    except ConfigError as error:
        print(f"nqp-terms: {error}", file=sys.stderr)
        return ExitStatus.USAGE
    try:
        from .corpus.output import RunExists
        from .corpus.partitions import InputError
        from .corpus.readers import Fields
        from .corpus.run import run_corpus
        import pyarrow  # noqa: F401  (the corpus extra: say so now rather than inside a worker)
    except ImportError:
        print(_("nqp-terms: corpus runs need pyarrow: pip install 'nqp-terms[corpus]'"), file=sys.stderr)
        return ExitStatus.USAGE
    fields = Fields(text=args.text_field or args.target_field or "text", source=args.source_field or "source",
                    target=args.target_field or "target", id=args.id_field, date=args.date_field)
    glossaries = tuple(args.glossary) + tuple(str(p) for p in config.glossary)
    spec = LinterSpec(glossary=glossaries, shipped=not args.no_shipped, config=config)
    client = None
    try:
        if args.dask:
            from .corpus.cluster import connect

            client = connect(args.dask)
        summary = run_corpus(args.inputs, args.out, mode=args.corpus_command, fields=fields, spec=spec,
                             jobs=args.jobs, client=client, partition_bytes=int(args.partition_size * 1024 * 1024),
                             fresh=args.fresh)
    except (InputError, RunExists, ImportError) as error:
        print(f"nqp-terms: {error}", file=sys.stderr)
        return ExitStatus.USAGE
    finally:
        if client is not None:
            client.close()
    line = _("{documents} documents, {findings} findings; written to {out}").format(
        documents=summary["documents"], findings=summary["findings"], out=args.out)
    if summary.get("accuracy") is not None:
        line += "; " + _("term accuracy {accuracy:.1%}").format(accuracy=summary["accuracy"])
    print(line, file=sys.stderr)
    return ExitStatus.OK


def _corpus_report(args: argparse.Namespace, ui: Messages) -> ExitStatus:
    _ = ui.gettext
    try:
        from .corpus.report import ReportError, write_report
    except ImportError:
        print(_("nqp-terms: corpus runs need pyarrow: pip install 'nqp-terms[corpus]'"), file=sys.stderr)
        return ExitStatus.USAGE
    target = Path(args.output) if args.output else Path(args.directory) / "report.html"
    try:
        write_report(Path(args.directory), target)
    except (ReportError, ImportError) as error:
        print(f"nqp-terms: {error}", file=sys.stderr)
        return ExitStatus.USAGE
    print(target)
    return ExitStatus.OK


def _add_corpus_command(commands: Any, ui: Messages) -> None:
    _ = ui.gettext
    help_text = _("lint or check a whole corpus (JSONL, Parquet, CSV/TSV, TMX, XLIFF, PO, text) into tables and a report")
    corpus = commands.add_parser("corpus", help=help_text, description=help_text)
    actions = corpus.add_subparsers(dest="corpus_command", metavar="ACTION", required=True)
    for name, action_help in (("lint", _("lint the English text of every document")),
                              ("check", _("check every source/target pair"))):
        action = actions.add_parser(name, help=action_help, description=action_help)
        action.add_argument("inputs", nargs="+", metavar="INPUT",
                            help=_("JSONL, Parquet, CSV, TSV, TMX, XLIFF or PO files, or directories of text"))
        action.add_argument("--out", required=True, metavar="DIR", help=_("the output directory (resumed if it exists)"))
        action.add_argument("--text-field", metavar="NAME", help=_("the field holding the English text (default: text)"))
        action.add_argument("--source-field", metavar="NAME", help=_("the field holding the Chinese source (default: source)"))
        action.add_argument("--target-field", metavar="NAME", help=_("the field holding the English target (default: target)"))
        action.add_argument("--id-field", metavar="NAME", help=_("the field holding a document id"))
        action.add_argument("--date-field", metavar="NAME", help=_("the field holding a date, for change over time"))
        action.add_argument("--jobs", type=int, metavar="N", help=_("worker processes (default: the CPU count)"))
        action.add_argument("--dask", metavar="ADDRESS", help=_("run on the Dask scheduler at ADDRESS instead"))
        action.add_argument("--partition-size", type=float, default=16, metavar="MB",
                            help=_("about this many megabytes of input per partition"))
        action.add_argument("--fresh", action="store_true", help=_("start over instead of resuming"))
        action.add_argument("--config", metavar="FILE",
                            help=_("a .nqp-terms.toml or pyproject.toml to read settings from"))
    report = actions.add_parser("report", help=_("write an HTML report of a corpus run"),
                                description=_("write an HTML report of a corpus run"))
    report.add_argument("directory", metavar="DIR", help=_("the output directory of a corpus run"))
    report.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (default: DIR/report.html)"))


def _summary_line(name: str, result: Any, ui: Messages) -> str:
    if result.accuracy is None:
        return ui.gettext("{name}: no glossary terms in the source").format(name=name)
    return ui.gettext("{name}: term accuracy {accuracy:.1%} ({approved} of {found} source terms rendered as approved)"
                      ).format(name=name, accuracy=result.accuracy, approved=result.terms_approved,
                               found=result.terms_found)


def _rule_codes(names: Sequence[str], option: str, ui: Messages) -> list[str]:
    """The rule codes ``--select`` or ``--ignore`` names (codes or names, comma-separated or repeated)."""
    from .linter.config import ConfigError
    from .linter.rules import RULES, rule_by_name

    codes = []
    for name in (n.strip() for value in names for n in value.split(",")):
        if not name:
            continue
        try:
            codes.append(rule_by_name(name).code)
        except KeyError:
            rules = ", ".join(f"{code} ({rule.name})" for code, rule in RULES.items())
            raise ConfigError(ui.gettext("{option}: unknown rule {name!r}; use one of these codes or names: {rules}")
                              .format(option=option, name=name, rules=rules)) from None
    return codes


# --------------------------------------------------------------- normalize


def cmd_normalize(args: argparse.Namespace, ui: Messages) -> ExitStatus:
    from .text.normalize import explain_steps, normalize_mapped

    result = normalize_mapped(args.text, lang=args.as_)
    descriptions = dict(explain_steps("zh") + explain_steps("en"))
    if args.format == "json":
        _print_json({"input": args.text, "output": result.text, "steps": list(result.steps)})
    else:
        print(result.text)
        if args.explain:
            for step in result.steps:
                print(f"  {step}: {descriptions.get(step, '')}")
            if not result.steps:
                print("  " + ui.gettext("(no step changed the text)"))
    return ExitStatus.OK


# ---------------------------------------------------------- export, import


def cmd_export(args: argparse.Namespace, glossary: Glossary, ui: Messages) -> ExitStatus:
    from .formats import export

    output = export(glossary, args.format, subject_fields=args.subject_field, statuses=args.status)
    # Bytes, not text: CSV rows end in CRLF, which a text stream would change on Windows.
    data = output if isinstance(output, bytes) else output.encode("utf-8")
    if args.output and args.output != "-":
        from .safe_write import write_file

        try:  # atomically, through a symlink, never over a hard-linked or read-only file
            write_file(args.output, data)
        except OSError as error:
            print(f"nqp-terms: {error if error.strerror is None else f'{args.output}: {error.strerror}'}",
                  file=sys.stderr)
            return ExitStatus.USAGE
        print(ui.gettext("wrote {format} to {path}").format(format=args.format, path=args.output), file=sys.stderr)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return ExitStatus.OK


def cmd_import(args: argparse.Namespace, ui: Messages) -> ExitStatus:
    from .formats.glossary_yaml import write_glossary
    from .formats.tbx import TbxError, read_tbx

    _ = ui.gettext
    source = Path(args.file)
    target = Path(args.output) if args.output else source.with_suffix("")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        print("nqp-terms: " + _("{path} already exists and is not empty; choose another directory with -o").format(
            path=target), file=sys.stderr)
        return ExitStatus.USAGE
    try:
        imported = read_tbx(source)
    except OSError as error:
        print(f"nqp-terms: {source}: {error.strerror or error}", file=sys.stderr)
        return ExitStatus.USAGE
    except TbxError as error:
        print(f"nqp-terms: {error}", file=sys.stderr)
        return ExitStatus.USAGE
    try:
        write_glossary(imported, target)
    except OSError as error:
        print(f"nqp-terms: {error if error.strerror is None else f'{error.filename}: {error.strerror}'}",
              file=sys.stderr)
        return ExitStatus.USAGE
    problems: list[Problem] = []
    try:
        load(target, use_cache=False)
    except GlossaryError as error:
        problems = error.problems
    if args.format == "json":
        _print_json({"directory": str(target), "concepts": len(imported.concepts), "sources": len(imported.sources),
                     "warnings": imported.warnings, "valid": not problems,
                     "problems": [_problem_record(p) for p in problems]})
    else:
        for warning in imported.warnings:
            print(_("warning:") + " " + warning, file=sys.stderr)
        for problem in problems:
            print(problem)
        print(_("imported {concepts} concepts and {sources} sources into {path}").format(
            concepts=len(imported.concepts), sources=len(imported.sources), path=target))
        if problems:
            print(_("the imported glossary does not validate: {count} problems").format(count=len(problems)))
    return ExitStatus.FAILURE if problems else ExitStatus.OK


# ------------------------------------------------------------------ parser


class _JoinWords(argparse.Action):
    """``lookup Bull nose`` without quotes: the shell splits the term, the parser joins it again."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        setattr(namespace, self.dest, " ".join(values))


def build_parser(ui: Messages) -> argparse.ArgumentParser:
    _ = ui.gettext
    parser = argparse.ArgumentParser(
        prog="nqp-terms",
        description=_("Look up, search and validate the nqp-terms Chinese-English termbase."))
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("--lang", metavar="TAG", help=_("interface language: en or zh (default: from the locale)"))
    parser.add_argument("--glossary", metavar="PATH", action="append", default=[],
                        help=_("your own glossary directory, layered over the shipped one (repeatable)"))
    parser.add_argument("--no-shipped", action="store_true",
                        help=_("use only the --glossary directories, not the shipped glossary"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--format", choices=("text", "json"), default="text", help=_("output format"))
        _add_lang(sub, ui)
        return sub

    lookup = add("lookup", _("find the concept for a Chinese term, pinyin or English rendering"))
    lookup.add_argument("query", nargs="+", action=_JoinWords,
                        help=_("Chinese (Simplified or Traditional), pinyin, or English; "
                               "words without quotes are joined with spaces"))
    search = add("search", _("list concepts whose terms start with or contain TEXT"))
    search.add_argument("text", nargs="+", action=_JoinWords, help=_("words without quotes are joined with spaces"))
    search.add_argument("--limit", type=int, default=20, help=_("at most this many results"))
    validate = add("validate", _("check glossary files and report every problem"))
    validate.add_argument("paths", nargs="*", metavar="PATH",
                          help=_("glossary directories or files, layered over the shipped glossary as --glossary "
                                 "reads them (default: the shipped glossary)"))
    # Its own dest: a subcommand's default would overwrite the global --no-shipped given before the command.
    validate.add_argument("--no-shipped", dest="validate_no_shipped", action="store_true",
                          help=_("validate the PATHs alone, without the shipped glossary"))
    # The default since PATH and --glossary PATH agree; still accepted, so scripts that pass it keep working.
    validate.add_argument("--over-shipped", action="store_true", help=argparse.SUPPRESS)
    add("stats", _("count concepts, terms, deprecated renderings and sourced renderings"))
    lint = add("lint", _("find deprecated renderings and other term problems in English text"))
    lint.add_argument("paths", nargs="+", metavar="PATH", help=_("files or directories to lint; - for standard input"))
    lint.set_defaults(format="text")
    for action in lint._actions:
        if action.dest == "format":
            action.choices = ("text", "json", "jsonl", "sarif")
    lint.add_argument("--pretty", action="store_true",
                      help=_("indent JSON output for people (it is written one finding per line by default)"))
    lint.add_argument("--fix", action="store_true", help=_("rewrite files in place with the suggestions"))
    lint.add_argument("--diff", action="store_true", help=_("print the fixes as a unified diff instead"))
    lint.add_argument("--force", action="store_true",
                      help=_("with --fix: also rewrite read-only files, and hard-linked files in place"))
    lint.add_argument("--fail-on", choices=("error", "warning", "info", "never"),
                      help=_("exit 1 when a finding has at least this severity (default: error)"))
    lint.add_argument("--select", action="append", metavar="RULES", help=_("only these rules (codes or names)"))
    lint.add_argument("--ignore", action="append", metavar="RULES", help=_("skip these rules (codes or names)"))
    lint.add_argument("--config", metavar="FILE", help=_("a .nqp-terms.toml or pyproject.toml to read settings from"))
    lint.add_argument("--jobs", type=int, default=1, metavar="N", help=_("lint files in N processes"))
    lint.add_argument("--matcher", choices=("aho-corasick", "python"), default="aho-corasick",
                      help=_("the pattern matcher: the compiled one, or the pure-Python fallback"))
    check = add("check", _("check Chinese-English segment pairs: each source term needs an approved rendering"))
    check.add_argument("files", nargs="+", metavar="FILE", help=_("TSV (source<TAB>target), XLIFF, TMX or PO files"))
    for action in check._actions:
        if action.dest == "format":
            action.choices = ("text", "json", "sarif")
    check.add_argument("--fail-on", choices=("error", "warning", "info", "never"),
                       help=_("exit 1 when a finding has at least this severity (default: error)"))
    check.add_argument("--config", metavar="FILE", help=_("a .nqp-terms.toml or pyproject.toml to read settings from"))
    check.add_argument("--min-accuracy", type=float, metavar="X",
                       help=_("fail when the term accuracy of a file, or overall, is below X (0 to 1)"))
    normalize = add("normalize", _("show the normalised form of a text"))
    normalize.add_argument("text")
    normalize.add_argument("--as", dest="as_", choices=("auto", "zh", "en"), default="auto",
                           help=_("treat the text as Chinese or English (default: auto)"))
    normalize.add_argument("--explain", action="store_true", help=_("list the steps that changed the text"))
    _add_exchange_commands(commands, add, ui)
    _add_corpus_command(commands, ui)
    return parser


def _add_exchange_commands(commands: Any, add: Callable[[str, str], argparse.ArgumentParser], ui: Messages) -> None:
    from .formats import FORMATS
    from .formats.selection import STATUSES

    _ = ui.gettext
    help_text = _("write the glossary as TBX, TBX v2, CSV, OmegaT, JSON, a prh dictionary or a Vale style")
    export = commands.add_parser("export", help=help_text, description=help_text)
    _add_lang(export, ui)
    export.add_argument("--format", required=True, choices=FORMATS, help=_("export format"))
    export.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE instead of standard output"))
    export.add_argument("--subject-field", action="append", metavar="ID",
                        help=_("only concepts in this subject field (repeatable)"))
    export.add_argument("--status", action="append", choices=STATUSES,
                        help=_("only terms with this status (repeatable)"))
    import_ = add("import", _("read a TBX file (v3 or v2) into a new glossary directory and validate it"))
    import_.add_argument("file", metavar="FILE.tbx", help=_("the TBX file to read"))
    import_.add_argument("-o", "--output", metavar="DIR",
                         help=_("the directory to write (default: the file name without its suffix)"))


def _add_lang(sub: argparse.ArgumentParser, ui: Messages) -> None:
    """``--lang`` after the command too (``nqp-terms lint --lang zh FILE``); main() reads it from argv."""
    sub.add_argument("--lang", metavar="TAG", default=argparse.SUPPRESS,
                     help=ui.gettext("interface language: en or zh (default: from the locale)"))


def _version() -> str:
    from . import __version__

    return __version__


def _interface_language(argv: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ui = Messages.for_language(_interface_language(argv))
    parser = build_parser(ui)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)

    def glossary() -> Glossary:
        if args.no_shipped:
            if not args.glossary:
                parser.error(ui.gettext("--no-shipped needs at least one --glossary PATH"))
            return load(*args.glossary)
        return load(*args.glossary, over_shipped=True) if args.glossary else load()

    try:
        if args.command == "validate":
            return cmd_validate(args, glossary, ui)
        if args.command == "normalize":
            return cmd_normalize(args, ui)
        if args.command == "lint":
            return cmd_lint(args, ui)
        if args.command == "check":
            return cmd_check(args, ui)
        if args.command == "corpus":
            return cmd_corpus(args, ui)
        if args.command == "export":
            return cmd_export(args, glossary(), ui)
        if args.command == "import":
            return cmd_import(args, ui)
        command = {"lookup": cmd_lookup, "search": cmd_search, "stats": cmd_stats}[args.command]
        return command(args, glossary(), ui)
    except BrokenPipeError:  # the reader (head, less) closed the pipe: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed stream for the exit flush
        return ExitStatus.OK
    except GlossaryError as error:
        print(str(error), file=sys.stderr)
        return ExitStatus.USAGE
    except ValueError as error:
        print(f"nqp-terms: {error}", file=sys.stderr)
        return ExitStatus.USAGE


if __name__ == "__main__":
    sys.exit(main())
