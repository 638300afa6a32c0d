"""Benchmark of the core library: import, first lookup, lookup latency, validating and loading at scale.

Run:  python bench/bench_core.py [--repeat N]

Every figure is a median, printed with a baseline measured in the same run:
bare ``python -c pass`` for the import, a plain dict hit for a lookup,
PyYAML's C loader alone for validation, ``json.loads`` of the same document
for the cache read.
Budgets (issue 2): import <= 150 ms over bare Python, cached first lookup
<= 50 ms, a lookup <= 50 us, 10,000 concepts validate in <= 3 s and load
from cache in <= 0.4 s.
"""

from __future__ import annotations

import argparse
import json
import marshal
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def run_python(code: str, env: dict[str, str] | None = None) -> float:
    """Wall time of a fresh interpreter running ``code``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, **(env or {})}, cwd="/")
    return time.perf_counter() - start


def timed_in_child(code: str, env: dict[str, str]) -> float:
    """Seconds the child reports for the statement ``code`` (imports excluded)."""
    script = ("import time, nqp_terms\nstart = time.perf_counter()\n" + code +
              "\nprint(time.perf_counter() - start)")
    output = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True,
                            env={**os.environ, **env}, cwd="/").stdout
    return float(output.strip().splitlines()[-1])


def bench_import(repeat: int) -> None:
    bare = [run_python("pass") for _ in range(repeat)]
    with tempfile.TemporaryDirectory() as cache:
        env = {"NQP_TERMS_CACHE": cache}
        run_python("import nqp_terms; nqp_terms.load()", env)  # write the cache
        # The records are dataclasses; pydantic is imported only to validate YAML on a cache miss,
        # so its import time is shown for reference, not paid by a lookup served from the cache.
        for label, code in (("import nqp_terms", "import nqp_terms"),
                            ("import + lookup, warm", "import nqp_terms; nqp_terms.lookup('新质生产力')"),
                            ("import pydantic (ref.)", "from pydantic import TypeAdapter, ValidationError")):
            imported = [run_python(code, env) for _ in range(repeat)]
            difference = median_ms(imported) - median_ms(bare)
            print(f"{label:<24}{median_ms(imported):7.1f} ms   python -c pass {median_ms(bare):6.1f} ms"
                  f"   over bare: {difference:6.1f} ms (budget 150)   ratio {median_ms(imported) / median_ms(bare):.1f}x")


def bench_first_lookup(repeat: int) -> None:
    statement = "nqp_terms.lookup('新质生产力')"
    cold, warm = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as cache:
            cold.append(timed_in_child(statement, {"NQP_TERMS_CACHE": cache}))
            warm.append(timed_in_child(statement, {"NQP_TERMS_CACHE": cache}))
    print(f"first lookup, cold cache {median_ms(cold):7.1f} ms   warm cache {median_ms(warm):6.1f} ms (budget 50)"
          f"   cold/warm {median_ms(cold) / median_ms(warm):.1f}x")


def bench_lookup_latency(repeat: int) -> None:
    import nqp_terms

    glossary = nqp_terms.load()
    queries = ["新质生产力", "新質生產力", "xin1 zhi4 sheng1 chan3 li4", "New Quality Productive Forces",
               "Bull nose", "“揭榜挂帅”", "jiebang guashuai", "going global"]
    for query in queries:
        glossary.lookup(query)  # build the index outside the timing
    table = {q: q for q in queries}
    per_call, baseline = [], []
    rounds = 2000
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(rounds):
            for query in queries:
                glossary.lookup(query)
        per_call.append((time.perf_counter() - start) / (rounds * len(queries)))
        start = time.perf_counter()
        for _ in range(rounds):
            for query in queries:
                table.get(query.strip().lower())
        baseline.append((time.perf_counter() - start) / (rounds * len(queries)))
    micro = statistics.median(per_call) * 1e6
    base = statistics.median(baseline) * 1e6
    print(f"lookup latency          {micro:8.2f} us   dict hit {base:8.3f} us (budget 50 us)   ratio {micro / base:.0f}x")


# ------------------------------------------------------------ 10k concepts

# Common characters for synthetic Chinese terms; pinyin and Traditional forms
# come from the same libraries the validator checks with, so the data is valid.
POOL = "发展创新科技产业市场经济改革开放生产力质量数字绿色能源制造服务金融人才教育区域城市农村安全治理体系机制平台网络数据智能"


def write_synthetic_glossary(root: Path, count: int) -> None:
    import opencc
    import pypinyin

    to_traditional = opencc.OpenCC("s2t")
    rng = random.Random(20241125)
    (root / "concepts").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "sources" / "synthetic.yaml").write_text(
        "- id: synthetic-source\n  publisher: Synthetic Publisher\n  title: Synthetic\n  date: 2024\n"
        "  url: https://example.org/synthetic\n  accessed: 2026-11-25\n  kind: official\n", encoding="utf-8")
    for index in range(count):
        chinese = "".join(rng.choice(POOL) for _ in range(4))
        reading = " ".join(s[0] for s in pypinyin.pinyin(chinese, style=pypinyin.Style.TONE))
        concept_id = f"synthetic-{index:05d}"
        (root / "concepts" / f"{concept_id}.yaml").write_text(
            f"id: {concept_id}\nsubject_fields: [science-technology]\n"
            f"definition:\n  en: Synthetic concept number {index}.\n  zh-Hans: 第{index}号合成概念。\n"
            f"terms:\n  zh-Hans:\n    - term: {chinese}\n      status: preferred\n      pinyin: {reading}\n"
            f"  zh-Hant:\n    - term: {to_traditional.convert(chinese)}\n      status: preferred\n"
            f"  en:\n    - term: synthetic term {index} forces\n      status: preferred\n"
            f"      sources: [synthetic-source]\n"
            f"    - term: synthetic bad rendering {index}\n      status: deprecated\n"
            f"      use_instead: synthetic term {index} forces\n", encoding="utf-8")


def bench_scale(repeat: int, count: int) -> None:
    import yaml

    from nqp_terms import Glossary
    from nqp_terms.glossary import load_glossary_data
    from nqp_terms.termbase.load import read_glossary

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "glossary"
        write_synthetic_glossary(root, count)
        files = sorted(root.rglob("*.yaml"))
        validate, parse_only, cached, json_only = [], [], [], []
        for _ in range(repeat):
            start = time.perf_counter()
            read_glossary([root])
            validate.append(time.perf_counter() - start)
            start = time.perf_counter()
            for file in files:
                yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            parse_only.append(time.perf_counter() - start)
        cache = Path(scratch) / "cache"
        os.environ["NQP_TERMS_CACHE"] = str(cache)
        load_glossary_data([root])  # write the cache
        (cache_file,) = cache.glob("glossary-*")
        # The baseline: the same document as JSON (each concept's data inline), parsed by the standard library.
        from nqp_terms.termbase.cache import read_signed

        document = marshal.loads(read_signed(cache_file))  # the file is signed: read its payload
        document["concepts"] = [marshal.loads(blob) for blob in document["concepts"]]
        document["derived"] = marshal.loads(document["derived"])  # stored marshalled, decoded on first use
        as_json = json.dumps(document, ensure_ascii=False)
        looked_up, everything = [], []
        for _ in range(repeat):
            start = time.perf_counter()
            loaded = load_glossary_data([root])
            cached.append(time.perf_counter() - start)
            Glossary(loaded.data, tables=loaded.tables).lookup("synthetic term 4242 forces")
            looked_up.append(time.perf_counter() - start)
            for _concept in loaded.data.concepts:
                pass
            everything.append(time.perf_counter() - start)
            start = time.perf_counter()
            json.loads(as_json)
            json_only.append(time.perf_counter() - start)
    print(f"validate {count:,} concepts {median_ms(validate) / 1000:6.2f} s    CSafeLoader parse alone "
          f"{median_ms(parse_only) / 1000:5.2f} s (budget 3 s)   ratio {median_ms(validate) / median_ms(parse_only):.1f}x")
    print(f"load {count:,} from cache  {median_ms(cached):7.1f} ms   json.loads of the same {median_ms(json_only):6.1f} ms"
          f" (budget 400 ms)   ratio {median_ms(cached) / median_ms(json_only):.2f}x")
    print(f"  + first lookup          {median_ms(looked_up):7.1f} ms   + building all {count:,} concepts"
          f" {median_ms(everything):6.1f} ms")


def compile_package() -> None:
    """Write the package's bytecode first, as ``pip install`` does: an installed package imports from .pyc."""
    import compileall

    compileall.compile_dir(str(REPO / "nqp_terms"), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per measurement; medians are reported")
    parser.add_argument("--concepts", type=int, default=10_000, help="size of the synthetic glossary")
    args = parser.parse_args()
    compile_package()
    print(f"nqp-terms core benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"median of {args.repeat} runs\n")
    bench_import(args.repeat)
    bench_first_lookup(args.repeat)
    bench_lookup_latency(args.repeat)
    bench_scale(max(3, args.repeat // 2), args.concepts)


if __name__ == "__main__":
    main()
