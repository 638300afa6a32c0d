"""Linter settings, from ``[tool.nqp-terms]`` in ``pyproject.toml`` or from ``.nqp-terms.toml``.

```toml
[tool.nqp-terms]
select = ["NQP001", "NQP004"]          # rules to run (codes or names); default: all enabled rules
ignore = ["inconsistent-rendering"]    # rules to skip
severity = { NQP003 = "error" }        # change a rule's severity
glossary = ["house-glossary/"]         # your glossaries, layered over the shipped one
fail-on = "warning"                    # error (default), warning, info or never
site-url = "https://example.org/terms/"
# When is a document Chinese policy writing, so that guarded calques fire without a local cue?
# (see nqp_terms.linter.domain; threshold = 0 turns the signal off)
domain = { threshold = 3, min-terms = 1, cues = ["Guangdong"] }
# NQP006 also when two approved renderings are offered side by side in one sentence
consistency = { side-by-side = true }
```

In ``.nqp-terms.toml`` the same keys stand at the top level.

>>> config = LintConfig.from_mapping({"ignore": ["reversed-quotes"], "severity": {"NQP003": "error"}})
>>> config.enabled("NQP004"), config.enabled("NQP001"), config.severity_of("NQP003")
(False, True, 'error')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .rules import RULES, Severity, rule_by_name

#: Where the reference site is published (mkdocs.yml ``site_url``); finding URLs point into it.
SITE_URL = "https://nqp-terms.github.io/nqp-terms/"
FAIL_ON = ("error", "warning", "info", "never")
_KEYS = {"select", "ignore", "severity", "glossary", "fail-on", "site-url", "domain", "consistency"}
_DOMAIN_KEYS = {"threshold": "threshold", "min-terms": "min_terms", "cues": "extra_cues"}


class ConfigError(ValueError):
    """A configuration file or option that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class LintConfig:
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    glossary: tuple[Path, ...] = ()
    fail_on: str = "error"
    site_url: str = SITE_URL
    #: Settings of the domain signal (DomainSignal's fields): threshold, min_terms, extra_cues.
    domain: dict[str, Any] = field(default_factory=dict)
    #: NQP006 also for two approved renderings offered side by side in one sentence.
    side_by_side: bool = False

    @classmethod
    def from_mapping(cls, table: dict[str, Any], *, where: str = "configuration", base: Path = Path(".")) -> LintConfig:
        unknown = set(table) - _KEYS
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; expected {', '.join(sorted(_KEYS))}")

        def codes(key: str) -> frozenset[str]:
            values = table.get(key, [])
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise ConfigError(f"{where}: {key} must be a list of rule codes or names")
            try:
                return frozenset(rule_by_name(v).code for v in values)
            except KeyError as error:
                raise ConfigError(f"{where}: {key}: unknown rule {error.args[0]!r}; expected one of "
                                  f"{', '.join(RULES)}") from None

        severities = table.get("severity", {})
        if not isinstance(severities, dict):
            raise ConfigError(f"{where}: severity must be a table of rule = \"error\" | \"warning\" | \"info\"")
        resolved: dict[str, Severity] = {}
        for name, level in severities.items():
            if level not in ("error", "warning", "info"):
                raise ConfigError(f"{where}: severity of {name}: expected error, warning or info, got {level!r}")
            try:
                resolved[rule_by_name(name).code] = level
            except KeyError:
                raise ConfigError(f"{where}: severity: unknown rule {name!r}") from None
        fail_on = table.get("fail-on", "error")
        if fail_on not in FAIL_ON:
            raise ConfigError(f"{where}: fail-on: expected one of {', '.join(FAIL_ON)}, got {fail_on!r}")
        glossaries = table.get("glossary", [])
        if isinstance(glossaries, str):
            glossaries = [glossaries]
        domain = table.get("domain", {})
        if not isinstance(domain, dict) or set(domain) - set(_DOMAIN_KEYS):
            raise ConfigError(f"{where}: domain must be a table with {', '.join(_DOMAIN_KEYS)}")
        for key in ("threshold", "min-terms"):
            if key in domain and (not isinstance(domain[key], int) or domain[key] < 0):
                raise ConfigError(f"{where}: domain.{key} must be a whole number, 0 or more")
        cues = domain.get("cues", [])
        if not isinstance(cues, list) or not all(isinstance(c, str) and c.strip() for c in cues):
            raise ConfigError(f"{where}: domain.cues must be a list of words")
        consistency = table.get("consistency", {})
        if not isinstance(consistency, dict) or set(consistency) - {"side-by-side"} or \
                not isinstance(consistency.get("side-by-side", False), bool):
            raise ConfigError(f"{where}: consistency must be a table with side-by-side = true or false")
        return cls(
            side_by_side=consistency.get("side-by-side", False),
            domain={_DOMAIN_KEYS[k]: (tuple(v) if k == "cues" else v) for k, v in domain.items()},
            select=codes("select") if "select" in table else None,
            ignore=codes("ignore"),
            severity=resolved,
            glossary=tuple(base / g for g in glossaries),
            fail_on=fail_on,
            site_url=str(table.get("site-url", SITE_URL)).rstrip("/") + "/",
        )

    def enabled(self, code: str) -> bool:
        if code in self.ignore:
            return False
        return code in self.select if self.select is not None else RULES[code].enabled

    def severity_of(self, code: str) -> Severity:
        return self.severity.get(code, RULES[code].severity)


def find_config(start: Path) -> Path | None:
    """The nearest ``.nqp-terms.toml``, or ``pyproject.toml`` with a ``[tool.nqp-terms]`` table, from ``start`` up."""
    for folder in [start, *start.parents]:
        dedicated = folder / ".nqp-terms.toml"
        if dedicated.is_file():
            return dedicated
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "nqp-terms" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only where a configuration file is: most runs have none

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from None


def load_config(path: Path | None) -> LintConfig:
    """Read a configuration file; ``None`` gives the defaults."""
    if path is None:
        return LintConfig()
    table = _read_toml(path)
    if path.name == "pyproject.toml":
        table = table.get("tool", {}).get("nqp-terms", {})
    return LintConfig.from_mapping(table, where=str(path), base=path.parent)
