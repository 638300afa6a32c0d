"""One page per lint rule, generated from :data:`nqp_terms.linter.rules.RULES`: What it flags / Why / Example / Use instead."""

from __future__ import annotations

from ..linter.rules import RULES, Rule
from .markup import generated_notice, md


def rule_path(rule: Rule) -> str:
    return f"rules/{rule.name}.md"


def rule_page(rule: Rule) -> str:
    default = "on" if rule.enabled else "off (enable it with `select`)"
    bilingual = rule.code.startswith("NQP1")  # NQP1xx: the bilingual check; NQP0xx: the English linter
    scope = "`nqp-terms check` (bilingual)" if bilingual else "`nqp-terms lint`"
    switch_off = (f"`ignore = [\"{rule.code}\"]` in `[tool.nqp-terms]` (or `.nqp-terms.toml`)." if bilingual else
                  f"`--ignore {rule.name}` on the command line, `ignore = [\"{rule.code}\"]` in `[tool.nqp-terms]`, "
                  f"or `<!-- nqp-terms disable {rule.code} -->` … `<!-- nqp-terms enable -->` around a region.")
    return "\n".join([
        generated_notice("nqp_terms/lint/rules.py"),
        f"# {rule.code} {rule.name}", "",
        f"Default severity **{rule.severity}**; {default}; reported by {scope}.", "",
        "## What it flags", "", md(rule.summary), "",
        "## Why", "", md(rule.why), "",
        "## Example", "", "```text", rule.example, "```", "",
        "## Use instead", "", md(rule.instead), "",
        *(["## How it matches", "", rule.details, ""] if rule.details else []),
        "## Switching it off", "", switch_off, "",
    ])


def rules_index() -> str:
    out = [generated_notice("nqp_terms/lint/rules.py"), "# Lint rules 检查规则", "",
           "Codes never change meaning. The JSON and SARIF output is described in "
           "[Linter output](../lint-output.md).", "",
           "| code | name | default severity | what it flags |", "| --- | --- | --- | --- |"]
    out += [f"| {r.code} | [{r.name}]({r.name}.md) | {r.severity} | {md(r.summary)} |" for r in RULES.values()]
    return "\n".join(out) + "\n"
