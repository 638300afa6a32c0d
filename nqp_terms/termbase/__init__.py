"""The termbase: records, and how glossary files become validated records.

- :mod:`.model`: the records (frozen dataclasses) and the library's exceptions;
- :mod:`.layout`: which files make a glossary directory, and where the shipped one is;
- :mod:`.yamlfile`: YAML with line numbers and duplicate-key detection;
- :mod:`.validation`: pydantic validation of plain data against the records;
- :mod:`.checks`: consistency rules across fields, records and files;
- :mod:`.load`: files in, validated :class:`~.model.GlossaryData` out;
- :mod:`.cache`: the on-disk cache of validated glossaries (and what the layer above derives);
- :mod:`.stats`: counts that describe a glossary.

This room builds no lookup tables and knows nothing of the layers above it.
"""
