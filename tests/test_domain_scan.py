"""The domain signal reads cue words where an automaton says one may begin: the same matches as its regex.

``DomainSignal.evidence`` counts the distinct cue words of Chinese policy writing in a document.  The
regex that defines a cue (whole word, any case, not glued to a hyphen) is tried only where the automaton
over the lower-cased text finds a cue word beginning, and must find exactly what ``finditer`` over the
whole text finds: the same matches in the same order, whatever the case, the neighbours, the blocks
the text is read in, or the letters that a case-blind regex treats specially.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nqp_terms.linter.domain import CUES, DomainSignal

PIECES = [*CUES, *(c.upper() for c in CUES[:10]), "the", "party", "-", " ", "  ", "\n", "x", "9", "_", "'s",
          "“", "”", "ſ", "K", "ı", "é", "CPCs", "Chinese-", "state council", "STATE  COUNCIL", "s"]


def spans(signal: DomainSignal, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in signal._cue_matches(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80))
def test_the_automaton_finds_what_the_regex_finds(pieces: list[str]) -> None:
    signal = DomainSignal(extra_cues=("Made in China 2025", "dual circulation"))
    text = "".join(pieces)
    assert spans(signal, text) == [m.span() for m in signal._cue_pattern.finditer(text)]


def test_blocks_of_a_long_text_join_without_a_seam() -> None:
    # Cue words across every block edge (the first block is 65,536 characters, the next four times that).
    signal = DomainSignal()
    unit = "the State Council and the CPC Central Committee; Xi Jinping's five-year plan, county-level. "
    text = unit * 4000
    assert len(text) > 65536 * 5
    assert spans(signal, text) == [m.span() for m in signal._cue_pattern.finditer(text)]


def test_a_cue_word_that_is_not_ascii_leaves_the_regex_alone_at_work() -> None:
    signal = DomainSignal(extra_cues=("réforme",))
    assert signal._cue_automaton is None
    assert [m.group() for m in signal._cue_matches("La Réforme du State Council")] == ["Réforme", "State Council"]


def test_the_verdict_on_a_document_is_unchanged() -> None:
    evidence = DomainSignal().evidence("The Party Central Committee and the State Council set out the plan.", 2)
    assert (evidence.is_policy, sorted(evidence.cues)) == (True, ["central committee", "state council", "the party"])
