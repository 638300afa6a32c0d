"""English noun number: the singular lookup keys fold to, and the other number the linter also matches.

Lookup keys (:mod:`nqp_terms.text.keys`) fold a word to a crude singular, alike for terms and queries, so an
imperfect one is harmless.  The linter (:mod:`nqp_terms.linter.terms`) matches a rendering's head noun in both
numbers, so it needs the other number as texts write it.  Both read the plurals that suffix rules get wrong
from one table here.

>>> singular("consortia"), sorted(other_numbers("consortium"))
('consortium', ['consortia', 'consortiums'])
>>> sorted(other_numbers("analysis"))  # the rule's form matches nothing, and costs one pattern
['analyses', 'analysises']
"""

from __future__ import annotations

#: Plurals the suffix rules get wrong, as policy English uses them ("innovation consortia"), with their singular.
IRREGULAR_PLURALS = {
    "consortia": "consortium", "criteria": "criterion", "phenomena": "phenomenon", "indices": "index",
    "analyses": "analysis", "crises": "crisis", "hypotheses": "hypothesis", "syntheses": "synthesis",
    "women": "woman", "men": "man", "children": "child", "curricula": "curriculum", "strata": "stratum",
}
_IRREGULAR_SINGULARS = {single: plural for plural, single in IRREGULAR_PLURALS.items()}

# Nouns in -man whose plural is -mans, and nouns in -men that are singular.
_MANS = frozenset("human humans german germans roman romans shaman talisman caiman ottoman oman".split())
_SINGULAR_MEN = frozenset("specimen abdomen omen regimen stamen acumen".split())


def singular(word: str) -> str:
    """A crude English singular, applied alike to terms and queries.

    >>> [singular(w) for w in ["forces", "industries", "processes", "boxes", "means", "gas", "analysis"]]
    ['force', 'industry', 'process', 'box', 'mean', 'gas', 'analysis']
    >>> [singular(w) for w in ["consortia", "consortiums", "analyses", "women"]]
    ['consortium', 'consortium', 'analysis', 'woman']
    """
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def other_numbers(word: str) -> set[str]:
    """The head noun's other number ("craftsman": "craftsmen", as MT writes the plural of 工匠).

    Suffix rules give one form, and a word of the irregular table its partner too ("crisis": "crises").

    >>> sorted(other_numbers("craftsman")), sorted(other_numbers("craftsmen")), sorted(other_numbers("human"))
    (['craftsmen'], ['craftsman'], ['humans'])
    >>> sorted(other_numbers("industry")), sorted(other_numbers("consortium")), sorted(other_numbers("consortia"))
    (['industries'], ['consortia', 'consortiums'], ['consortias', 'consortium'])
    >>> sorted(other_numbers("criterion")), sorted(other_numbers("children"))
    (['criteria', 'criterions'], ['child', 'childrens'])
    """
    if len(word) <= 3 or not word.isalpha():
        return set()
    forms = set()
    if word.endswith("man") and word not in _MANS:
        forms.add(word[:-3] + "men")
    elif word.endswith("men") and word not in _SINGULAR_MEN:
        forms.add(word[:-3] + "man")
    elif word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.endswith(("sses", "xes", "ches", "shes")):
        forms.add(word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        forms.add(word[:-1])
    else:
        if word.endswith(("s", "x", "ch", "sh", "z")):
            forms.add(word + "es")
        elif word.endswith("y") and word[-2] not in "aeiou":
            forms.add(word[:-1] + "ies")
        else:
            forms.add(word + "s")
    # Latin plurals of policy English ("innovation consortia").  A form no one writes costs one more pattern
    # and matches nothing; short words are left alone ("media", "India").
    if word.endswith("ium"):
        forms.add(word[:-3] + "ia")
    elif word.endswith("ia") and len(word) >= 7:
        forms.add(word[:-2] + "ium")
    partner = IRREGULAR_PLURALS.get(word) or _IRREGULAR_SINGULARS.get(word)
    if partner is not None:
        forms.add(partner)
    return forms
