"""The fuzz targets and their invariants, shared by ``tests/test_fuzz.py`` (Hypothesis, a fixed budget in CI)
and ``bench/fuzz.py`` (any number of inputs from a seeded generator).

Each target takes generated input and raises ``AssertionError`` when an invariant fails:

- no exception but the documented ones (``ValueError`` for a lone surrogate or NUL under
  ``errors="strict"``, ``TermNotFound``/``AmbiguousTerm`` from lookup, ``GlossaryError``,
  ``SegmentError``, ``TbxError``);
- every span within the text, and ``text[start:end]`` equal to the reported match;
- findings sorted and deterministic;
- normalisation idempotent, with a monotone offset map;
- fix reaches a fixed point and never joins sentences;
- the pure-Python matcher finds what Aho-Corasick finds.
"""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

import nqp_terms
from nqp_terms.glossary import Glossary
from nqp_terms.linter.engine import _SENTENCE_BREAK, Linter
from nqp_terms.linter.matcher import Matcher, PurePythonMatcher
from nqp_terms.termbase.model import AmbiguousTerm, GlossaryError, TermNotFound
from nqp_terms.text.normalize import normalize_mapped

FIXTURE = Path(__file__).parent / "fixtures" / "glossary"
DATA = Path(__file__).parent / "data"
_UNHANDLED = re.compile("[\ud800-\udfff\x00]")


# ------------------------------------------------------------------ the pieces generated text is made of

@cache
def glossary_terms() -> tuple[str, ...]:
    """Every English and Chinese term of the shipped glossary: where the matcher's work is."""
    glossary = nqp_terms.load()
    return tuple(sorted({t.term for c in glossary for lang in ("en", "zh-Hans", "zh-Hant")
                         for t in c.in_language(lang)}))


MARKDOWN = ("```", "```python\n", "~~~", "~~~~\n", "`", "``", "<!--", "-->", "<!-- nqp-terms disable -->",
            "<!-- nqp-terms enable -->", "<!-- nqp-terms disable NQP001 niubizi -->", "<!-- nqp-terms disable",
            "](", "](http://x.cn/a)", "]:", "[a]: http://x", "    ", "\t", "\n", "\n\n", "- ", "# ", "> ",
            "<div>", "</div>", "<script>", "---\n", "http://", "www.", "<", ">", "[", "]", "(", ")")
PUNCTUATION = (". ", "! ", "? ", ", ", "; ", ": ", "。", "，", "、", "“", "”", "‘", "’", "\"", "'", "-", "‐", "–", "—",
               "\u00a0", "\u3000", "\u200b", "\ufeff", "«", "»", "(", ")", "…")
ODD = ("\ud800", "\udfff", "\udcff", "\x00", "\U0001F600", "\U00020000", "ſ", "ı", "İ", "ß", "ﬁ", "Σ", "ς", "K",
       "\u0301", "\u202e", "\r\n", "\r", "\x0b", "\x85", "\u2028")
LATIN = ("the", "new", "three", "quality", "policies", "grew", "by", "and", "of", "a", "Bull", "nose", "Go", "out",
         "forces", "productive", "Introduced", "labour", "organisation", "modernisation", "industrial", "system")
CJK = ("新", "质", "生", "产", "力", "揭", "榜", "挂", "帅", "牛", "鼻", "子", "發", "展", "質", "產", "一", "的")


def mutate_term(term: str, rng: random.Random) -> str:
    """A glossary term as text writes it: case, hyphens, line breaks, NBSP, quotes, plurals."""
    choice = rng.randrange(9)
    if choice == 0:
        return term.upper()
    if choice == 1:
        return term.title()
    if choice == 2:
        return term.replace(" ", "-")
    if choice == 3:
        return term.replace(" ", "\n", 1)
    if choice == 4:
        return term.replace(" ", "\u00a0")
    if choice == 5:
        return f"“{term}”" if rng.random() < 0.5 else f"”{term}“"
    if choice == 6:
        return term + "s"
    if choice == 7:
        return term.replace(" ", ". ", 1)  # across a sentence end: must not match
    return term


def random_text(rng: random.Random, size: int = 16) -> str:
    """Text from all the pieces above, and random code points (surrogates and astral ones included)."""
    terms = glossary_terms()
    pieces = []
    for _ in range(rng.randrange(size)):
        kind = rng.randrange(10)
        if kind < 3:
            pieces.append(mutate_term(rng.choice(terms), rng))
        elif kind == 3:
            pieces.append(rng.choice(MARKDOWN))
        elif kind == 4:
            pieces.append(rng.choice(PUNCTUATION))
        elif kind == 5:
            pieces.append(rng.choice(ODD))
        elif kind == 6:
            pieces.append(rng.choice(CJK) * rng.randrange(1, 4))
        elif kind == 7:
            pieces.append(chr(rng.choice((rng.randrange(0x20, 0x3000), rng.randrange(0x110000)))))
        else:
            pieces.append(rng.choice(LATIN))
        pieces.append(rng.choice((" ", " ", " ", "", "\n")))
    return "".join(pieces)


# ---------------------------------------------------------------------------------------------- targets

@cache
def _linter() -> Linter:
    return Linter(nqp_terms.load())


@cache
def _python_linter() -> Linter:
    return Linter(nqp_terms.load(), engine="python")


def _has_unhandled(text: str) -> bool:
    return bool(_UNHANDLED.search(text))


def _strict_raises(function, text: str) -> bool:
    """Under errors="strict", a lone surrogate or NUL raises ValueError and nothing else does."""
    if not _has_unhandled(text):
        return False
    try:
        function(text)
    except ValueError as error:
        assert "position" in str(error), error
        return True
    raise AssertionError(f"no ValueError for {text!r}")


def target_lint(text: str) -> None:
    linter = _linter()
    _strict_raises(linter.lint, text)  # then the replace policy is checked below
    findings = linter.lint(text, errors="replace")
    if len(text) % 8 == 0:  # determinism on one input in eight: a second lint doubles the cost
        assert findings == linter.lint(text, errors="replace"), "not deterministic"
    keys = [(f.start, f.end, f.rule) for f in findings]
    assert keys == sorted(keys), "not sorted"
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(text), finding
        expected = _UNHANDLED.sub("\ufffd", text[finding.start:finding.end])
        assert finding.match == expected, (finding.match, expected)
        if finding.rule in ("NQP001", "NQP002"):
            assert not _SENTENCE_BREAK.search(text, finding.start, finding.end), f"across a sentence: {finding.match!r}"


def target_fix(text: str) -> None:
    text = _UNHANDLED.sub("\ufffd", text)
    fixed, applied = nqp_terms.fix(text)
    again, more = nqp_terms.fix(fixed)
    assert (again, more) == (fixed, []), f"no fixed point: {text!r} -> {fixed!r} -> {again!r}"
    before = len(_SENTENCE_BREAK.findall(text))
    after = len(_SENTENCE_BREAK.findall(fixed))
    assert before == after, f"sentences joined or split: {text!r} -> {fixed!r}"
    assert not applied or fixed != text, "findings applied but nothing changed"


def target_check(source: str, target: str) -> None:
    if _has_unhandled(source) or _has_unhandled(target):
        try:
            nqp_terms.check(source, target)
        except ValueError:
            pass
        else:
            raise AssertionError("no ValueError")
    result = nqp_terms.check(source, target, errors="replace")
    assert result.terms_approved <= result.terms_found
    assert result.accuracy is None or 0.0 <= result.accuracy <= 1.0
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(target), finding
        assert finding.match == _UNHANDLED.sub("\ufffd", target[finding.start:finding.end])


def target_lookup(query: str) -> None:
    if _strict_raises(nqp_terms.get, query):
        query = _UNHANDLED.sub("\ufffd", query)
    try:
        match = nqp_terms.get(query)
    except ValueError as error:  # documented: a query with nothing to look up
        assert str(error).startswith("a lookup query must be a non-empty string"), error
        return
    try:
        looked = nqp_terms.lookup(query)
    except (TermNotFound, AmbiguousTerm):
        looked = None
    assert match is None or looked is None or looked.concept.id == match.concept.id
    found = nqp_terms.search(query, limit=5)
    assert len(found) <= 5 and all(m.concept.id for m in found)


def target_normalize(text: str) -> None:
    if _strict_raises(nqp_terms.normalize, text):
        text = _UNHANDLED.sub("\ufffd", text)
    for lang in (("en", "zh", "auto")[len(text) % 3],):  # one language per input: each is as likely
        once = nqp_terms.normalize(text, lang=lang)
        if lang != "auto":  # auto may choose another language for the normalised text
            assert nqp_terms.normalize(once, lang=lang) == once, f"not idempotent ({lang}): {text!r} -> {once!r}"
        mapped = normalize_mapped(text, lang=lang)
        assert mapped.text == once, (lang, text)
        starts, ends = list(mapped.starts), list(mapped.ends)
        assert starts == sorted(starts) and ends == sorted(ends), f"offset map not monotone: {text!r}"
        assert all(0 <= s < e <= len(text) for s, e in zip(starts, ends)), f"offset outside the text: {text!r}"


def target_matcher(text: str) -> None:
    text = _UNHANDLED.sub("\ufffd", text)
    compiled: Matcher = _linter().terms.matcher
    pure: PurePythonMatcher = _python_linter().terms.matcher
    assert compiled.find_spans(text) == pure.find_spans(text), text


def target_validate(yaml_text: str, directory: Path) -> None:
    """A mutated glossary file among good ones: GlossaryError or a glossary, nothing else."""
    (directory / "concepts").mkdir(parents=True, exist_ok=True)
    (directory / "concepts" / "fuzzed.yaml").write_text(yaml_text, encoding="utf-8", errors="surrogatepass")
    try:
        glossary = nqp_terms.load(directory, use_cache=False)
    except GlossaryError as error:
        assert error.problems and all(p.code for p in error.problems)
    else:
        assert isinstance(glossary, Glossary)


def target_reader(suffix: str, data: bytes, directory: Path) -> None:
    """A damaged TBX, XLIFF, TMX or PO file: its reader's documented error, or segments."""
    from nqp_terms.formats.bilingual import SegmentError, read_segments
    from nqp_terms.formats.tbx import TbxError, read_tbx

    path = directory / f"fuzzed{suffix}"
    path.write_bytes(data)
    try:
        if suffix == ".tbx":
            read_tbx(path)
        else:
            for segment in read_segments(path):
                assert isinstance(segment.source, str) and isinstance(segment.target, str)
    except (SegmentError, TbxError):
        pass


# --------------------------------------------------------------------------- seeds for the file targets

@cache
def seed_files() -> dict[str, bytes]:
    """One real file of each bilingual format and a TBX, to be damaged."""
    bilingual = DATA / "bilingual"
    return {".xlf": (bilingual / "sample-1.2.xlf").read_bytes(), ".xliff": (bilingual / "sample-2.0.xlf").read_bytes(),
            ".tmx": (bilingual / "sample.tmx").read_bytes(), ".po": (bilingual / "sample.po").read_bytes(),
            ".tsv": (bilingual / "sample.tsv").read_bytes(),
            ".tbx": sorted((DATA / "tbx").glob("*.tbx"))[0].read_bytes()}


@cache
def seed_concept() -> str:
    return (FIXTURE / "concepts" / "niubizi.yaml").read_text(encoding="utf-8")


def damage(data: bytes, rng: random.Random) -> bytes:
    """Bytes flipped, cut, repeated or spliced: the shapes a broken or hostile file takes."""
    data = bytearray(data)
    for _ in range(rng.randrange(1, 4)):
        if not data:
            break
        kind = rng.randrange(5)
        at = rng.randrange(len(data))
        if kind == 0:
            data[at] = rng.randrange(256)
        elif kind == 1:
            del data[at:at + rng.randrange(1, 64)]
        elif kind == 2:
            data[at:at] = data[at:at + rng.randrange(1, 64)] * rng.randrange(1, 4)
        elif kind == 3:
            data[at:at] = rng.choice((b"<!ENTITY x 'y'>", b"&x;", b"<![CDATA[", b"\xff\xfe", b"\x00", b"\"", b"<",
                                      b"msgid \"", b"\t", b"]]>", b"&amp;", b"<?xml version='1.0'?>"))
        else:
            data = data[:at]
    return bytes(data)


def damage_yaml(text: str, rng: random.Random) -> str:
    """YAML cut, with keys misspelt or repeated, anchors and aliases, odd scalars."""
    lines = text.splitlines(keepends=True)
    for _ in range(rng.randrange(1, 4)):
        if not lines:
            break
        kind = rng.randrange(6)
        at = rng.randrange(len(lines))
        if kind == 0:
            del lines[at]
        elif kind == 1:
            lines.insert(at, lines[rng.randrange(len(lines))])
        elif kind == 2:
            lines[at] = lines[at].replace(":", rng.choice((": &a", ": *a", "::", ": [", ": {", ": !!python/object")), 1)
        elif kind == 3:
            lines[at] = lines[at][: rng.randrange(len(lines[at]) + 1)]
        elif kind == 4:
            lines[at] = lines[at].replace("term", rng.choice(("terms", "Term", "term ", "tem")), 1)
        else:
            lines.insert(at, random_text(rng, 4) + "\n")
    return "".join(lines)
