"""One self-contained HTML file about a corpus run: charts people look at, tables they can follow up.

It reads ``summary.json`` (and, for the documents with most findings, ``documents/``), and draws
every chart with matplotlib's Agg backend as inline SVG: the file needs no network, no CDN and no
script.  It shows

- calques found by concept and by rule, as bar charts whose bars link to the concept's (or the
  rule's) page on the reference site (``site_url`` of the run's configuration, as in ``mkdocs.yml``);
- for ``check`` runs, term accuracy per concept (found approved, wrong, missing), worst first;
- findings per document, and for ``check`` runs term accuracy per document, as distributions;
- when the input had a date field, how findings per 1,000 characters (and accuracy) changed over time;
- the documents with most findings.

Text in the charts stays text (``svg.fonttype: none``), so the browser draws Chinese with its own fonts.
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path
from typing import Any

from ..safe_write import write_file

#: Bars in one chart at most (the rest are summed up in the table's last line).
TOP = 25


class ReportError(ValueError):
    """A directory that holds no finished corpus run."""


def write_report(directory: Path, target: Path) -> None:
    """Write the report of the run in ``directory`` to ``target``."""
    write_file(target, render_report(directory).encode("utf-8"))


def render_report(directory: Path) -> str:
    try:
        summary = json.loads((directory / "summary.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(f"{directory}: no summary.json; is the corpus run finished?") from None
    sections = [_overview(summary), _by_concept(summary), _by_rule(summary)]
    if summary["mode"] == "check":
        sections.append(_accuracy_by_concept(summary))
    sections.append(_distributions(summary))
    if summary["dates"]:
        sections.append(_over_time(summary))
    sections.append(_worst_documents(directory, summary))
    title = f"nqp-terms corpus {summary['mode']}: {', '.join(Path(i).name for i in summary['inputs'])}"
    return _PAGE.format(title=html.escape(title), body="\n".join(s for s in sections if s))


# ------------------------------------------------------------------ sections


def _overview(summary: dict[str, Any]) -> str:
    facts = [("documents", f"{summary['documents']:,}"), ("characters", f"{summary['characters']:,}"),
             ("findings", f"{summary['findings']:,}")]
    if summary["characters"]:
        facts.append(("findings per 1,000 characters", f"{1000 * summary['findings'] / summary['characters']:.2f}"))
    for severity in ("error", "warning", "info"):
        if summary["severities"].get(severity):
            facts.append((f"{severity}s", f"{summary['severities'][severity]:,}"))
    if summary["mode"] == "check":
        accuracy = summary.get("accuracy")
        facts.append(("term accuracy", f"{accuracy:.1%}" if accuracy is not None else "no glossary term in the source"))
        facts.append(("source terms found", f"{summary['terms_found']:,}"))
    rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in facts)
    inputs = ", ".join(f"<code>{html.escape(i)}</code>" for i in summary["inputs"])
    return f"<section id='overview'><h2>Overview</h2><p>Inputs: {inputs}</p><table class='facts'>{rows}</table></section>"


def _concept_label(summary: dict[str, Any], concept: str) -> str:
    label = summary["labels"].get(concept)
    return f"{label['zh']} {label['en']}" if label else concept


def _short(label: str, limit: int = 48) -> str:
    """A chart label cut to ``limit`` characters (the table beside the chart has it whole)."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _concept_url(summary: dict[str, Any], concept: str) -> str:
    return f"{summary['site_url']}concepts/{concept}/"


def _by_concept(summary: dict[str, Any]) -> str:
    counts = sorted(summary["concepts"].items(), key=lambda item: (-item[1], item[0]))
    if not counts:
        return "<section id='concepts'><h2>Findings by concept</h2><p>No finding names a glossary concept.</p></section>"
    shown = counts[:TOP]
    chart = _bar_chart([_concept_label(summary, c) for c, _ in shown], [n for _, n in shown],
                       [_concept_url(summary, c) for c, _ in shown], "findings", "#c0392b")
    rows = [(f"<a href='{html.escape(_concept_url(summary, c))}'>{html.escape(_concept_label(summary, c))}</a>",
             _rules_of(summary, c), f"{n:,}") for c, n in shown]
    rest = counts[TOP:]
    if rest:
        rows.append((f"{len(rest)} more concepts", "", f"{sum(n for _, n in rest):,}"))
    return ("<section id='concepts'><h2>Findings by concept</h2>"
            "<p>Calques and other renderings the glossary marks deprecated or superseded, by the concept they "
            "render. Each bar links to the concept's page on the reference site.</p>"
            f"{chart}{_table(('concept', 'rules', 'findings'), rows)}</section>")


def _rules_of(summary: dict[str, Any], concept: str) -> str:
    rules = summary["concept_rules"].get(concept, {})
    return ", ".join(f"{code} × {n:,}" for code, n in sorted(rules.items()))


def _rule_url(summary: dict[str, Any], code: str) -> str:
    return f"{summary['site_url']}rules/{summary['rule_names'].get(code, code)}/"


def _by_rule(summary: dict[str, Any]) -> str:
    counts = sorted(summary["rules"].items(), key=lambda item: (-item[1], item[0]))
    if not counts:
        return "<section id='rules'><h2>Findings by rule</h2><p>No findings.</p></section>"
    labels = [f"{code} {summary['rule_names'].get(code, '')}" for code, _ in counts]
    chart = _bar_chart(labels, [n for _, n in counts], [_rule_url(summary, c) for c, _ in counts], "findings",
                       "#2c6e9b")
    rows = [(f"<a href='{html.escape(_rule_url(summary, c))}'>{html.escape(label)}</a>", f"{n:,}")
            for (c, n), label in zip(counts, labels)]
    return f"<section id='rules'><h2>Findings by rule</h2>{chart}{_table(('rule', 'findings'), rows)}</section>"


def _accuracy_by_concept(summary: dict[str, Any]) -> str:
    terms = summary["terms"]
    if not terms:
        return "<section id='accuracy'><h2>Term accuracy by concept</h2><p>No glossary term in the sources.</p></section>"
    # Worst first: the lowest share approved, then the most occurrences (the biggest problem first).
    ranked = sorted(terms.items(), key=lambda item: (item[1][1] / item[1][0] if item[1][0] else 1, -item[1][0], item[0]))
    shown = ranked[:TOP]
    chart = _stacked_chart([_concept_label(summary, c) for c, _ in shown],
                           [("approved", [n[1] for _, n in shown], "#2e8b57"),
                            ("wrong", [n[2] for _, n in shown], "#c0392b"),
                            ("missing", [n[3] for _, n in shown], "#e0a030")],
                           [_concept_url(summary, c) for c, _ in shown])
    rows = [(f"<a href='{html.escape(_concept_url(summary, c))}'>{html.escape(_concept_label(summary, c))}</a>",
             f"{n[0]:,}", f"{n[1]:,}", f"{n[2]:,}", f"{n[3]:,}", f"{n[1] / n[0]:.1%}" if n[0] else "–")
            for c, n in ranked]
    return ("<section id='accuracy'><h2>Term accuracy by concept, worst first</h2>"
            "<p>Each time the Chinese source names a glossary concept, the English target has an approved "
            "rendering (approved), a deprecated one (wrong), or none (missing).</p>"
            f"{chart}{_table(('concept', 'in the source', 'approved', 'wrong', 'missing', 'accuracy'), rows)}"
            "</section>")


def _distributions(summary: dict[str, Any]) -> str:
    per_document = {int(k): v for k, v in summary["findings_per_document"].items()}
    if not per_document:
        return ""
    bins = _findings_bins(per_document)
    parts = ["<section id='distribution'><h2>Findings per document</h2>",
             _bar_chart([label for label, _ in bins], [n for _, n in bins], None, "documents", "#6a5acd",
                        horizontal=False, xlabel="findings in the document")]
    if summary["mode"] == "check" and summary["accuracy_per_document"]:
        deciles = summary["accuracy_per_document"]
        labels = [f"{10 * d}–{10 * d + 10}%" if d < 10 else "100%" for d in range(11)]
        parts += ["<h2>Term accuracy per document</h2>",
                  "<p>Documents whose source names at least one glossary concept.</p>",
                  _bar_chart(labels, [deciles.get(str(d), 0) for d in range(11)], None, "documents", "#2e8b57",
                             horizontal=False, xlabel="term accuracy of the document")]
    parts.append("</section>")
    return "".join(parts)


def _findings_bins(per_document: dict[int, int]) -> list[tuple[str, int]]:
    """Documents by number of findings: 0 to 9 one by one, then 10–19, 20–49, 50–99, 100 or more."""
    edges = [(n, n, str(n)) for n in range(10)] + [(10, 19, "10–19"), (20, 49, "20–49"), (50, 99, "50–99"),
                                                  (100, 10**12, "100+")]
    bins = [(label, sum(v for k, v in per_document.items() if low <= k <= high)) for low, high, label in edges]
    while bins and bins[-1][1] == 0:
        bins.pop()
    return bins


def _over_time(summary: dict[str, Any]) -> str:
    days = sorted(summary["dates"].items())
    monthly = len({day[:7] for day, _ in days}) > 2
    periods: dict[str, list[int]] = {}
    for day, counts in days:
        period = periods.setdefault(day[:7] if monthly else day, [0, 0, 0, 0, 0])
        for i, value in enumerate(counts):
            period[i] += value
    labels = list(periods)
    rate = [1000 * p[1] / p[4] if p[4] else 0.0 for p in periods.values()]
    series = [("findings per 1,000 characters", rate, "#c0392b")]
    if summary["mode"] == "check":
        series.append(("term accuracy (%)", [100 * p[3] / p[2] if p[2] else float("nan") for p in periods.values()],
                       "#2e8b57"))
    chart = _line_chart(labels, series)
    rows = [(html.escape(label), f"{p[0]:,}", f"{p[1]:,}", f"{r:.2f}") +
            ((f"{p[3] / p[2]:.1%}" if p[2] else "–",) if summary["mode"] == "check" else ())
            for label, p, r in zip(labels, periods.values(), rate)]
    head = ("month" if monthly else "day", "documents", "findings", "per 1,000 characters") + \
        (("term accuracy",) if summary["mode"] == "check" else ())
    return f"<section id='time'><h2>Over time</h2>{chart}{_table(head, rows)}</section>"


def _worst_documents(directory: Path, summary: dict[str, Any], count: int = 20) -> str:
    import heapq

    import pyarrow.parquet as pq

    worst: list[tuple[int, str, str, float | None]] = []
    columns = ["input", "document", "findings", "accuracy"]
    for part in sorted((directory / "documents").glob("part-*.parquet")):
        table = pq.read_table(part, columns=columns)
        for row in zip(*(table.column(c).to_pylist() for c in columns)):
            if row[2]:
                item = (row[2], row[0], row[1], row[3])
                if len(worst) < count:
                    heapq.heappush(worst, item)
                else:
                    heapq.heappushpop(worst, item)
    if not worst:
        return ""
    rows = [(html.escape(document), html.escape(Path(where).name), f"{n:,}") +
            ((f"{accuracy:.0%}" if accuracy is not None else "–",) if summary["mode"] == "check" else ())
            for n, where, document, accuracy in sorted(worst, key=lambda w: (-w[0], w[1], w[2]))]
    head = ("document", "input", "findings") + (("term accuracy",) if summary["mode"] == "check" else ())
    return f"<section id='documents'><h2>Documents with most findings</h2>{_table(head, rows)}</section>"


# ------------------------------------------------------------------ drawing


def _table(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    header = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def _figure(width: float, height: float) -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")  # no display: draw to memory only
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "nqp-terms", "font.size": 10,
                         "font.family": ["DejaVu Sans", "Noto Sans CJK SC", "sans-serif"]})
    figure, axes = plt.subplots(figsize=(width, height))
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def _svg(figure: Any) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]  # drop the XML declaration and doctype: the SVG sits inside HTML
    svg = re.sub(r"^<svg ", '<svg role="img" ', svg)
    return f"<figure>{svg}</figure>"


def _bar_chart(labels: list[str], values: list[int], urls: list[str] | None, unit: str, colour: str, *,
               horizontal: bool = True, xlabel: str = "") -> str:
    if horizontal:
        labels = [_short(label) for label in labels]
        figure, axes = _figure(9, 0.8 + 0.32 * len(labels))
        bars = axes.barh(range(len(labels)), values, color=colour)
        axes.set_yticks(range(len(labels)), labels)
        axes.invert_yaxis()
        axes.set_xlabel(unit)
        for bar, value in zip(bars, values):
            axes.annotate(f"{value:,}", (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(3, 0),
                          textcoords="offset points", va="center", fontsize=8)
    else:
        figure, axes = _figure(9, 3.2)
        bars = axes.bar(range(len(labels)), values, color=colour)
        axes.set_xticks(range(len(labels)), labels, rotation=45 if len(labels) > 8 else 0, ha="right"
                        if len(labels) > 8 else "center")
        axes.set_ylabel(unit)
        axes.set_xlabel(xlabel)
    from matplotlib.ticker import MaxNLocator

    (axes.xaxis if horizontal else axes.yaxis).set_major_locator(MaxNLocator(integer=True))  # counts: whole numbers
    for bar, url in zip(bars, urls or []):
        bar.set_url(url)  # the SVG backend wraps the bar in <a href=...>
    return _svg(figure)


def _stacked_chart(labels: list[str], series: list[tuple[str, list[int], str]], urls: list[str]) -> str:
    labels = [_short(label) for label in labels]
    figure, axes = _figure(9, 1.2 + 0.32 * len(labels))
    left = [0] * len(labels)
    for name, values, colour in series:
        bars = axes.barh(range(len(labels)), values, left=left, color=colour, label=name)
        for bar, url in zip(bars, urls):
            bar.set_url(url)
        left = [a + b for a, b in zip(left, values)]
    axes.set_yticks(range(len(labels)), labels)
    axes.invert_yaxis()
    axes.set_xlabel("times the source names the concept")
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(series), frameon=False)
    return _svg(figure)


def _line_chart(labels: list[str], series: list[tuple[str, list[float], str]]) -> str:
    figure, axes = _figure(9, 3.2)
    first = series[0]
    axes.plot(labels, first[1], marker="o", color=first[2], label=first[0])
    axes.set_ylabel(first[0], color=first[2])
    axes.set_ylim(bottom=0)
    if len(series) > 1:
        second = axes.twinx()
        second.plot(labels, series[1][1], marker="s", color=series[1][2], label=series[1][0])
        second.set_ylabel(series[1][0], color=series[1][2])
        second.set_ylim(0, 100)
    axes.tick_params(axis="x", rotation=45 if len(labels) > 8 else 0)
    return _svg(figure)


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, "Noto Sans CJK SC", sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em;
       color: #222; line-height: 1.45; }}
h1 {{ font-size: 1.5em; }} h2 {{ font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }}
table {{ border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }}
th, td {{ padding: 0.25em 0.8em; border-bottom: 1px solid #eee; text-align: left; }}
td:not(:first-child) {{ font-variant-numeric: tabular-nums; }}
table.facts th {{ font-weight: normal; color: #555; }}
figure {{ margin: 1em 0; }} figure svg {{ max-width: 100%; height: auto; }}
a {{ color: #1a5d8f; }}
</style>
</head>
<body>
<h1>{title}</h1>
{body}
</body>
</html>
"""
