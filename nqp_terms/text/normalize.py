"""Normalise Chinese and English text in named steps that can be explained and undone.

Each step has a name, and :func:`normalize_and_explain` reports the steps that
changed the text, so a surprising result can be replayed one step at a time
(the idea is ftfy's ``fix_and_explain``).  The seed document's garbled quotes:

>>> normalize_and_explain("adhere to ”Introduced“ and ”Go out“")
('adhere to "introduced" and "go out"', ['fold_quotes', 'lowercase'])

Chinese needs different steps from English.  In particular blanket NFKC is
never applied to Chinese, because it rewrites full-width punctuation (，→ ,)
and changes lengths:

>>> normalize("“揭榜掛帥” 與 「引進來」", lang="zh")
'“揭榜挂帅”与“引进来”'

The linter needs spans in the original text, so :func:`normalize_mapped`
keeps an offset map back to it:

>>> mapped = normalize_mapped("New\\u200b quality  productivity", lang="en")
>>> mapped.text
'new quality productivity'
>>> start = mapped.text.index("productivity")
>>> mapped.original_span(start, start + len("productivity"))
(14, 26)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from .input_policy import Errors, checked
from .lazy_regex import LazyRegex
from .pinyin import HAN

LanguageChoice = Literal["auto", "zh", "en"]

# A step turns text into new text plus, for every character of the new text,
# the span [start, end) of the input it came from; None when the step maps
# characters one to one, so the spans are unchanged.
Spans = tuple[list[int], list[int]]
StepResult = tuple[str, Spans | None]


@dataclass(frozen=True)
class Step:
    """A named normalisation step.

    ``apply`` returns the new text with its span map; ``transform``, when
    given, returns the same text without the map (the fast path for keys).
    """

    name: str
    apply: Callable[[str], StepResult]
    description: str
    transform: Callable[[str], str] | None = None

    def __call__(self, text: str) -> str:
        return self.transform(text) if self.transform else self.apply(text)[0]

    def __repr__(self) -> str:
        return f"Step({self.name!r})"


def _translate_step(name: str, table: dict[str, str], description: str) -> Step:
    """A step that maps single characters to single characters: offsets are unchanged."""
    assert all(len(k) == 1 and len(v) == 1 for k, v in table.items())
    mapping = str.maketrans(table)
    any_of_them = LazyRegex(f"[{re.escape(''.join(table))}]")

    def translate(text: str) -> str:
        # On text that is not ASCII, str.translate looks every character up in the table (about 0.1 µs
        # each); one search for the table's characters is several times faster, and most text has none.
        if not text.isascii() and any_of_them.search(text) is None:
            return text
        return text.translate(mapping)

    return Step(name, lambda text: (translate(text), None), description, translate)


def _regex_step(name: str, pattern: str, replacement: str | Callable[[re.Match[str]], str],
                description: str, flags: int = 0) -> Step:
    compiled = LazyRegex(pattern, flags)  # most steps find nothing to do in most texts: compiled on first use

    def apply(text: str) -> StepResult:
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        position = 0
        for match in compiled.finditer(text):
            start, end = match.span()
            pieces.append(text[position:start])
            starts.extend(range(position, start))
            ends.extend(range(position + 1, start + 1))
            new = replacement(match) if callable(replacement) else match.expand(replacement)
            pieces.append(new)
            # Every character of the replacement stands for the whole span it replaced.
            starts.extend([start] * len(new))
            ends.extend([end] * len(new))
            position = end
        if not pieces:
            return text, None
        pieces.append(text[position:])
        starts.extend(range(position, len(text)))
        ends.extend(range(position + 1, len(text) + 1))
        return "".join(pieces), (starts, ends)

    def transform(text: str) -> str:
        return compiled.sub(replacement if callable(replacement) else replacement, text)

    return Step(name, apply, description, transform)


# --------------------------------------------------------------------- steps

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

remove_invisible = _regex_step(
    "remove_invisible", f"[{INVISIBLE}]", "",
    "Remove zero-width spaces and joiners, soft hyphens, byte-order marks and bidi controls.")

# Full-width ASCII (U+FF01-FF5E) is the same character in a wider cell; the
# ideographic space is a space.  For English every full-width form folds.
fold_width_en = _translate_step(
    "fold_width", {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "},
    "Fold full-width letters, digits and punctuation to ASCII.")

# For Chinese only letters and digits fold: full-width punctuation (，：；) is
# correct Chinese typography and stays.
fold_width_zh = _translate_step(
    "fold_width",
    {chr(c): chr(c - 0xFEE0) for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]},
    "Fold full-width Latin letters and digits to ASCII; keep Chinese punctuation.")

# Curly, low, prime and full-width quotes all become ASCII quotes, which also
# repairs reversed pairs such as the seed's ”Introduced“.  ’ doubles as the
# apostrophe (people’s), so it folds to '.
fold_quotes = _translate_step(
    "fold_quotes",
    {q: '"' for q in "“”„‟〝〞″«»"} | {q: "'" for q in "‘’‚‛′`"},
    "Replace curly, low, prime and guillemet quotes with straight ASCII quotes.")

# Chinese keeps curly quotes (the mainland convention) and folds corner
# brackets and straight quotes into them.
fold_quotes_zh = _translate_step(
    "fold_quotes", {"「": "“", "」": "”", "『": "‘", "』": "’", "＂": '"'},
    "Replace corner-bracket quotes 「」『』 with curly quotes “”‘’.")

fold_hyphens = _regex_step(
    "fold_hyphens", r"[\u2010\u2011\u2012\u2212\ufe63]|(?<=[^\W\d_])[\u2013\u2014](?=[^\W\d_])", "-",
    "Replace Unicode hyphens, and dashes written between two letters, with an ASCII hyphen.")

# One pass, linear however long the runs: each run of white space is taken whole where it starts
# (possessive quantifiers, and no alternative can start inside a run), never retried from each of its characters.
collapse_whitespace = _regex_step(
    "collapse_whitespace", r"^\s++|(?<!\s)\s++$|(?<!\s)(?:\s{2,}+|[^\S ]\s*+)",
    lambda m: "" if m.start() == 0 or m.end() == len(m.string) else " ",
    "Collapse runs of spaces, tabs and line breaks into one space; trim the ends.")


# Letters whose lower case or case folding is another letter or changes length: OCR and old typography
# write the long s (ſ) and the dotless i (ı) for s and i, and ligatures for fi, fl, ff, st.  Folding them
# first keeps keys right ("organiſation" is "organisation") and lengths mapped.  ß stays ß (no
# English word has it, and "ss" would change the length of every German name).
_LETTER_FORMS = {"ſ": "s", "ı": "i", "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
fold_letter_forms = _regex_step(
    "fold_letter_forms", "[" + "".join(_LETTER_FORMS) + "]", lambda match: _LETTER_FORMS[match.group()],
    "Replace the long s, the dotless i and the fi, fl, ff and st ligatures with plain letters.")
# Lower-casing makes Σ final (ς) or not (σ) by what follows it; one form keeps a word's key the same.
_ONE_SIGMA = str.maketrans({"ς": "σ"})


def _lowercase(text: str) -> StepResult:
    # U+0130 (İ) lower-cases to two characters; map it first so lengths hold.
    text = text.replace("\u0130", "I")
    lowered = text.lower().translate(_ONE_SIGMA)
    if len(lowered) == len(text):
        return lowered, None
    pieces, starts, ends = [], [], []
    for index, char in enumerate(text):
        low = char.lower().translate(_ONE_SIGMA)
        pieces.append(low)
        starts.extend([index] * len(low))
        ends.extend([index + 1] * len(low))
    return "".join(pieces), (starts, ends)


lowercase = Step("lowercase", _lowercase, "Lower-case the text (not casefold: ß stays ß, so spans stay valid).",
                 lambda text: text.replace("\u0130", "I").lower().translate(_ONE_SIGMA))


# The British -> American table is data handed in from above (the glossary's
# spelling-variants.yaml, wired by nqp_terms.glossary): this module reads no files.
SpellingPairs = Iterable[tuple[str, str]]
_spelling_source: SpellingPairs | Callable[[], SpellingPairs] = ()


def use_spelling_variants(pairs: SpellingPairs | Callable[[], SpellingPairs]) -> None:
    """Set the British/American pairs that :data:`american_spelling` respells.

    ``pairs`` may be a function that returns them, called on first use, so that
    the table is read only when English text is first normalised.

    >>> previous = _spelling_source
    >>> use_spelling_variants([("colour", "color")])
    >>> normalize("Colour")
    'color'
    >>> use_spelling_variants(previous)
    """
    global _spelling_source  # one table per process, as the shipped glossary has one
    _spelling_source = pairs
    _american_spelling.cache_clear()


@cache
def _american_spelling() -> Step:
    pairs = _spelling_source() if callable(_spelling_source) else _spelling_source
    table = {british.lower(): american.lower() for british, american in pairs}
    if not table:
        return Step("american_spelling", lambda text: (text, None), "", lambda text: text)
    pattern = r"\b(?:" + "|".join(map(re.escape, sorted(table, key=len, reverse=True))) + r")\b"

    def respell(match: re.Match[str]) -> str:
        word = match.group(0)
        # IGNORECASE also matches letters whose lower case is not the table's (the Kelvin sign K, ſ, ı):
        # those words are left as they are.
        american = table.get(word.lower())
        if american is None:
            return word
        if word.isupper():
            return american.upper()
        return american[0].upper() + american[1:] if word[0].isupper() else american

    return _regex_step("american_spelling", pattern, respell, "", re.IGNORECASE)


american_spelling = Step(
    "american_spelling", lambda text: _american_spelling().apply(text),
    "Respell British forms listed in glossary/spelling-variants.yaml the American way (labour → labor).",
    lambda text: _american_spelling()(text))

# Chinese characters and the punctuation set among them, which takes no spaces either.
_CJK = HAN.pattern[:-1] + "“”‘’《》〈〉「」『』【】、，。；：！？（）…·]"

remove_spaces_between_han = _regex_step(
    "remove_spaces_between_han", rf"(?<={_CJK})\s++(?={_CJK})|^\s++|(?<!\s)\s++$", "",
    "Remove spaces between Chinese characters and Chinese punctuation (Chinese is written without them), "
    "and at the ends.")


def _to_simplified(text: str) -> StepResult:
    from .hanzi import to_simplified  # deferred: OpenCC is needed only for Chinese

    converted = to_simplified(text)
    if len(converted) == len(text):
        return converted, None
    # OpenCC changed the length (rare phrase mappings): convert character by
    # character, which keeps a 1:1 map at the cost of those phrase choices.
    return "".join(to_simplified(c) if len(to_simplified(c)) == 1 else c for c in text), None


to_simplified = Step("to_simplified", _to_simplified, "Convert Traditional characters to Simplified (OpenCC t2s).",
                     lambda text: _to_simplified(text)[0])

ENGLISH_STEPS: tuple[Step, ...] = (
    remove_invisible, fold_width_en, fold_letter_forms, fold_quotes, fold_hyphens, collapse_whitespace, lowercase,
    american_spelling,
)
CHINESE_STEPS: tuple[Step, ...] = (
    remove_invisible, fold_width_zh, fold_quotes_zh, remove_spaces_between_han, to_simplified,
)


# ----------------------------------------------------------------- the API


@dataclass(frozen=True)
class Normalized:
    """Normalised text with the way back to the original.

    ``text[i]`` came from ``original[starts[i]:ends[i]]``.
    """

    text: str
    original: str
    steps: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``[start, end)`` of ``text`` back to ``original``."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) is empty or outside the normalised text (length {len(self.text)})")
        return self.starts[start], self.ends[end - 1]


def detect_language(text: str) -> Literal["zh", "en"]:
    """``zh`` if ``text`` contains any Han character, else ``en``."""
    return "zh" if HAN.search(text) else "en"


def steps_for(lang: LanguageChoice, text: str) -> tuple[Step, ...]:
    if lang not in ("auto", "zh", "en"):
        raise ValueError(f"lang must be 'auto', 'zh' or 'en', not {lang!r}")
    chosen = detect_language(text) if lang == "auto" else lang
    return CHINESE_STEPS if chosen == "zh" else ENGLISH_STEPS


def normalize_mapped(text: str, lang: LanguageChoice = "auto", steps: Sequence[Step] | None = None, *,
                     errors: Errors = "strict") -> Normalized:
    """Normalise ``text`` and keep the offset map back to it.  ``errors``: see :mod:`nqp_terms.text.input_policy`."""
    text = checked(text, errors)
    chosen = tuple(steps) if steps is not None else steps_for(lang, text)
    current = text
    spans: Spans | None = None  # None while the map is still the identity
    changed: list[str] = []
    for step in chosen:
        new, step_spans = step.apply(current)
        if new == current:
            continue
        changed.append(step.name)
        if step_spans is not None:
            if spans is None:
                spans = step_spans
            else:
                starts, ends = spans
                spans = ([starts[i] for i in step_spans[0]], [ends[i - 1] for i in step_spans[1]])
        current = new
    if spans is None:
        spans = (list(range(len(current))), list(range(1, len(current) + 1)))
    return Normalized(current, text, tuple(changed), tuple(spans[0]), tuple(spans[1]))


def normalize(text: str, lang: LanguageChoice = "auto", *, errors: Errors = "strict") -> str:
    """Return the canonical form of ``text`` used for comparison and matching.

    >>> normalize("High\\u2011Quality  Development")
    'high-quality development'
    >>> normalize("the Labour Programme")
    'the labor program'
    """
    text = checked(text, errors)
    for step in steps_for(lang, text):
        text = step(text)
    return text


def normalize_and_explain(text: str, lang: LanguageChoice = "auto", *,
                          errors: Errors = "strict") -> tuple[str, list[str]]:
    """Return the normalised text and the names of the steps that changed it, in order.

    >>> normalize_and_explain("adhere to ”Introduced“")
    ('adhere to "introduced"', ['fold_quotes', 'lowercase'])
    """
    result = normalize_mapped(text, lang, errors=errors)
    return result.text, list(result.steps)


def explain_steps(lang: Literal["zh", "en"]) -> list[tuple[str, str]]:
    """Every step for ``lang``, as ``(name, description)``, in the order they run."""
    return [(s.name, s.description) for s in (CHINESE_STEPS if lang == "zh" else ENGLISH_STEPS)]
