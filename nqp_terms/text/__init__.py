"""Text: normalisation, match keys, pinyin and Chinese scripts, for any string.

The bottom of the house: nothing here imports from the rest of the package,
and nothing here reads a file.  The one piece of data normalisation needs,
the British/American spelling table, is handed in from above
(:func:`~nqp_terms.text.normalize.use_spelling_variants`).

- :mod:`.normalize`: named, explainable normalisation steps with offset maps;
- :mod:`.keys`: the lookup keys of English and Chinese terms;
- :mod:`.pinyin`: pinyin keys, tone marks and reading checks;
- :mod:`.hanzi`: Simplified/Traditional conversion and script checks (OpenCC).
"""
