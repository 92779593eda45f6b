"""The pipeline of named stages: the stage lists, the driver's statistics and errors, the HTML
route under the run's settings, and the shape of the code (imports, module sizes, no probing)."""

from __future__ import annotations

import ast
import dataclasses
import json
import re
from pathlib import Path

import pytest

import akhbar
from akhbar.model import RawRecord
from akhbar.pipeline import Pipeline, Settings, Stage, pipeline_stages

SRC = Path(__file__).resolve().parents[1] / "src" / "akhbar"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

AR_BODY = (
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض بسعة خمسمئة سرير لخدمة المرضى. "
    "وقال المتحدث باسم الوزارة إن المستشفى سيبدأ باستقبال المرضى في الأول من مارس 2024 بعد اكتمال التجهيزات. "
)
FA_BODY = (
    "وزارت بهداشت امروز از افتتاح یک بیمارستان جدید در شهر تهران با ظرفیت پانصد تخت خبر داد. "
    "سخنگوی وزارت گفت که این بیمارستان از اول اسفند پذیرش بیماران را آغاز می‌کند و پزشکان زیادی دارد. "
)


def _html(title: str, body: str, lang: str = "ar") -> str:
    paras = "".join(f"<p>{body}</p>" for _ in range(4))
    return (f'<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><article><h1>{title}</h1>{paras}</article></body></html>")


def test_stage_lists() -> None:
    assert [s.name for s in pipeline_stages()] == [
        "decode", "clean", "export_header", "language", "lines", "segment", "metadata", "dates", "mentioned_dates",
        "quality"]
    assert [s.name for s in pipeline_stages(route="html")] == [
        "html_decode", "html_extract", "html_record", "language", "mentioned_dates", "quality"]
    # the learned furniture's stage only when the run learned some
    assert "html_furniture" in [s.name for s in pipeline_stages(Settings(furniture=object()), route="html")]
    names = [s.name for s in pipeline_stages(Settings(entities=True, quality=False, mentioned_dates=False))]
    assert names[-1] == "entities" and "quality" not in names and "mentioned_dates" not in names
    assert [s.name for s in akhbar.pipeline_stages()] == [s.name for s in pipeline_stages()]
    with pytest.raises(ValueError, match="unknown route"):
        pipeline_stages(route="pdf")


def test_every_stage_names_its_fields_and_module() -> None:
    seen = {}
    for route in ("text", "html"):
        for s in pipeline_stages(Settings(entities=True), route):
            assert s.owns and s.doc, s.name
            assert s.module.startswith("akhbar.stages."), s.module
            seen[s.name] = s
    # every Article field that the pipeline fills is owned by some stage
    owned = {f for s in seen.values() for f in s.owns}
    for f in ("title", "body", "published", "publisher", "authors", "tags", "entities", "mentioned_dates", "signals"):
        assert f"Article.{f}" in owned, f


def test_driver_counts_pages_rejections_and_cpu() -> None:
    pipe = Pipeline(Settings(quality=False))
    for p in sorted(EXAMPLES.glob("0[12]_*.txt")):
        page = pipe(RawRecord(id=p.name, source=str(p), content=p.read_bytes()))
        assert page.rejection is None and page.articles and page.work is None
    pipe(RawRecord(id="bin", source="x", content=b"\x00\x01\x02" * 400))
    pipe(RawRecord(id="en", source="x", content="This page is in English and nothing else. " * 20))
    st = pipe.stats
    assert st["decode"].pages == 4 and st["decode"].rejected == 1
    assert st["language"].pages == 3 and st["language"].rejected == 1
    assert st["metadata"].pages == 2 and st["metadata"].rejected == 0
    assert all(s.cpu_seconds >= 0 for s in st.values())
    assert st["segment"].cpu_seconds > 0


def test_a_failing_stage_is_a_rejection_naming_the_stage() -> None:
    def boom(page, settings):
        raise KeyError("lost")

    pipe = Pipeline(Settings(quality=False))
    bad = Stage("boom", boom, ("nothing",), (), "fails")
    pipe.routes["text"] = (*pipe.routes["text"][:3], bad)
    pipe.stats["boom"] = type(pipe.stats["decode"])()
    page = pipe(RawRecord(id="r1", source="s.txt", content=AR_BODY))
    assert page.rejection is not None and page.rejection.reason == "internal_error"
    assert page.rejection.record_id == "r1" and "stage boom: KeyError" in page.rejection.message
    assert "\n" not in page.rejection.message
    assert pipe.stats["boom"].rejected == 1


def test_html_route_applies_the_language_setting() -> None:
    fa = _html("بیمارستان جدید در تهران", FA_BODY, "fa")
    page = akhbar.refine_html(fa)
    assert page.rejection is not None and page.rejection.reason == "not_arabic"
    page = akhbar.refine_html(fa, languages=("ar", "fa"))
    assert page.rejection is None and page.language == "fa" and page.articles[0].language == "fa"
    ar = akhbar.refine_html(_html("افتتاح مستشفى جديد في الرياض", AR_BODY))
    assert ar.rejection is None and ar.language == "ar"


def test_html_route_gets_quality_signals_mentioned_dates_and_entities() -> None:
    html = _html("افتتاح مستشفى جديد في الرياض", AR_BODY)
    page = akhbar.refine_html(html, quality=True, entities=True)
    a = page.articles[0]
    assert "arabic_ratio" in a.signals and "trafilatura_paragraphs" in a.signals
    assert "2024-03-01" in a.mentioned_dates
    assert any(e.type == "LOC" for e in a.entities)
    with pytest.raises(TypeError, match="unknown setting"):
        akhbar.refine_html(html, entitis=True)


def test_refine_files_html_and_text_share_settings(tmp_path: Path) -> None:
    (tmp_path / "ar.html").write_text(_html("افتتاح مستشفى جديد في الرياض", AR_BODY), encoding="utf-8")
    (tmp_path / "fa.html").write_text(_html("بیمارستان جدید در تهران", FA_BODY, "fa"), encoding="utf-8")
    (tmp_path / "fa.txt").write_text("بیمارستان جدید در تهران\n" + FA_BODY, encoding="utf-8")
    out = tmp_path / "out"
    r = akhbar.refine([str(tmp_path)], str(out), entities=True, stories=False)
    rej = [json.loads(x) for x in (out / "rejected.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(x["reason"] for x in rej) == ["not_arabic", "not_arabic"]
    assert r.articles == 1
    import pyarrow.parquet as pq

    row = pq.read_table(out / "articles.parquet").to_pylist()[0]
    assert row["entities"] and row["signals"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    stages = manifest["stages"]
    names = [s["name"] for s in stages]
    # stages that saw no page (the one text page was Persian) are left out
    assert names == ["html_decode", "html_extract", "html_record", "html_furniture", "decode", "clean", "export_header", "language", "mentioned_dates",
                     "quality", "entities"]
    by = {s["name"]: s for s in stages}
    assert by["html_extract"]["pages"] == 2 and by["language"]["rejected"] == 2
    assert by["entities"]["pages"] == 1 and by["entities"]["cpu_seconds"] >= 0


# ---------------------------------------------------------------------------- shape of the code


def _imports(path: Path) -> set[str]:
    """Every ``akhbar...`` module a file imports, at any depth of the file (lazy imports too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pkg = ".".join(path.relative_to(SRC.parent).with_suffix("").parts[:-1])
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("akhbar")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = pkg.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            if base.startswith("akhbar"):
                out.add(base)
                out |= {f"{base}.{a.name}" for a in node.names}
    return out


def _module_file(name: str) -> Path | None:
    p = SRC.parent.joinpath(*name.split("."))
    if p.with_suffix(".py").is_file():
        return p.with_suffix(".py")
    if (p / "__init__.py").is_file():
        return p / "__init__.py"
    return None


def test_readers_import_nothing_from_extraction_page_or_run() -> None:
    todo = [f"akhbar.sources.{p.stem}" if p.stem != "__init__" else "akhbar.sources" for p in (SRC / "sources").glob("*.py")]
    seen: set[str] = set()
    while todo:
        mod = todo.pop()
        if mod in seen or mod == "akhbar":
            continue
        seen.add(mod)
        f = _module_file(mod)
        if f is not None:
            todo.extend(_imports(f))
    bad = sorted(m for m in seen if re.match(r"akhbar\.(html|page|run|stages|pipeline|corpus|entities|store)\b", m))
    assert not bad, bad


def test_no_probing_of_the_package_own_modules() -> None:
    for p in SRC.rglob("*.py"):
        text = p.read_text(encoding="utf-8")
        assert "import inspect" not in text, p
        for m in re.finditer(r"except (?:ImportError|ModuleNotFoundError)", text):
            # only optional third-party extras may be guarded (ray, datatrove, resiliparse)
            before = text[max(0, m.start() - 300): m.start()]
            assert any(f"{w} {x}" in before for w in ("import", "from") for x in ("ray", "datatrove", "resiliparse")), \
                f"{p}: {before[-120:]}"
        assert not re.search(r"getattr\((?:arabic|dates|quality|entities|_decode_mod\(\))\b", text), p


def test_settings_fields_are_documented_and_shared() -> None:
    doc = Settings.__doc__ or ""
    for f in dataclasses.fields(Settings):
        assert f"``{f.name}``" in doc, f.name


#: Modules that are data tables, not code, may be longer (none today).
DATA_TABLE_MODULES: set[str] = set()


def test_no_code_module_over_500_lines() -> None:
    long = {str(p.relative_to(SRC)): n for p in SRC.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert not {k: v for k, v in long.items() if k not in DATA_TABLE_MODULES}, long


def test_an_unparseable_crawl_date_is_no_reference_not_an_error() -> None:
    text = (EXAMPLES / "01_crawler_page.txt").read_text(encoding="utf-8")
    page = akhbar.refine_text(text, crawl_date="not a date")
    assert page.rejection is None and page.articles
    assert page.signals.get("bad_crawl_date") == 1.0
    html = akhbar.refine_html(_html("افتتاح مستشفى جديد في الرياض", AR_BODY), crawl_date="not a date")
    assert html.rejection is None and "2024-03-01" in html.articles[0].mentioned_dates


def test_a_page_over_its_cpu_bound_is_a_timeout_and_the_next_page_runs() -> None:
    import re as _re
    import time as _time

    def spin(page, settings):
        try:  # a stage's own "except Exception" must not swallow the timeout
            end = _time.process_time() + 30
            while _time.process_time() < end:
                pass
        except Exception:  # noqa: S110 - on purpose: the timeout is not an Exception
            pass
        return page

    def backtrack(page, settings):
        _re.match(r"(a+)+$", "a" * 60 + "b")  # catastrophic: far beyond the bound
        return page

    for slow in (spin, backtrack):
        pipe = Pipeline(Settings(quality=False, max_page_cpu_seconds=0.3))
        pipe.routes["text"] = (*pipe.routes["text"][:2], Stage("slow", slow, ("nothing",), (), "slow"))
        pipe.stats["slow"] = type(pipe.stats["decode"])()
        t0 = _time.process_time()
        page = pipe(RawRecord(id="r1", source="s.txt", content=AR_BODY))
        assert _time.process_time() - t0 < 5
        assert page.rejection is not None and page.rejection.reason == "timeout"
        assert "stage slow" in page.rejection.message and pipe.stats["slow"].rejected == 1
        # the timer is disarmed: a normal page afterwards is not cut short
        ok = Pipeline(Settings(quality=False, max_page_cpu_seconds=0.3))(
            RawRecord(id="r2", source="s.txt", content=(EXAMPLES / "01_crawler_page.txt").read_bytes()))
        assert ok.rejection is None


LANGID = Path(__file__).resolve().parent / "data" / "langid"


@pytest.mark.parametrize(("name", "code"), [("ar_with_script_blob", "ar"), ("en_page_with_code", "en"),
                                            ("fa_page", "fa")])
def test_language_is_that_of_the_prose_not_of_embedded_code(name: str, code: str) -> None:
    """An Arabic article carrying a 5 KB JavaScript/CSS/JSON/base64 blob is Arabic (it was 'en' on
    the whole text); an English page with a little code stays English, a Persian page Persian."""
    from akhbar.arabic import identify_language
    from akhbar.stages.language import page_language

    text = (LANGID / f"{name}.txt").read_text(encoding="utf-8")
    if name == "ar_with_script_blob":
        assert identify_language(text).code == "en"  # what the whole text says
    assert page_language(text).code == code
    page = Pipeline(Settings(quality=False))(RawRecord(id=name, source=f"{name}.txt", content=text))
    assert page.language == code
    if code == "ar":
        assert page.rejection is None and page.articles
    else:
        assert page.rejection is not None and page.rejection.reason == "not_arabic"


def test_code_lines() -> None:
    from akhbar.stages.language import code_line

    code = ["var a = b || {}; a.cmd = a.cmd || [];", "(function() { var s = document.createElement('script'); })();",
            ".share a { display: inline-block; padding: 4px 8px; color: #333; }",
            '{"@type": "NewsArticle", "headline": "x", "datePublished": "2015-07-21"}',
            "https://www.example.com/static/js/main.bundle.min.js?v=2015",
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="]
    prose = [("RIYADH (Reuters) - The minister said the hospital (500 beds) would open; if this is new, it is "
              "a function of the plan to return services to the north, officials said."),
             "افتتح الوزير المستشفى الجديد (انظر: https://example.com/a?b=c&d=e) في الرياض.", "", "Page 2 of 3"]
    assert all(code_line(x) for x in code)
    assert not any(code_line(x) for x in prose)
