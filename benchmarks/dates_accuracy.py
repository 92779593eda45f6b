"""Accuracy of akhbar.dates on real data (prints tables).

1. ANT corpora (../shared/data/antcorpus-*/*.tar.*): every ``<TIME>`` field parsed by
   ``parse_date`` and compared with (a) the same field parsed by a strict stdlib reference
   (``email.utils.parsedate_to_datetime`` for RFC-822, ``datetime.fromisoformat`` for ISO,
   ``strptime('%d/%m/%Y')``, ``'%Y-%m-%dT%H%M%S'``) -- exact value and offset -- and (b) the
   ``yyyymmdd`` (or ``ddmmyyyy``) in the DOCNO (local calendar date as written in the field).
2. SaudiNewsNet (../shared/data/saudinewsnet/*.zip): the date in the URL (``/2015/08/10/``,
   ``/20150810/``) versus the date ``parse_date`` reads from the first lines of the text,
   where both exist; and the SPA (was) datelines versus the crawl date.
3. The 8 Arabic htmldate-mediacloud pages (gold.json): our date (JSON-LD / meta / <time>
   values and the visible text, all read with ``parse_date``) and htmldate's own
   ``find_date`` on the same HTML, against the gold day.

Usage: python benchmarks/dates_accuracy.py [--limit N | --all]   (N ANT docs per corpus, default 3000)
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import html as htmllib
import itertools
import json
import platform
import re
import sys
import tarfile
import time
import zipfile
from collections import Counter
from pathlib import Path

from akhbar.dates import find_dates, parse_date

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _day(v) -> dt.date:
    return v.date() if isinstance(v, dt.datetime) else v


def reference_time(s: str):
    """Strict stdlib parse of an ANT TIME field (the formats SOURCE.md lists), or None."""
    s = s.strip()
    try:
        if re.fullmatch(r"\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} (?:[+-]\d{4}|GMT)", s):
            return email.utils.parsedate_to_datetime(s)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}", s):
            return dt.datetime.fromisoformat(s)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{6}", s):
            return dt.datetime.strptime(s, "%Y-%m-%dT%H%M%S")
        if re.fullmatch(r"\d{2}/\d{2}/\d{4}", s):
            return dt.datetime.strptime(s, "%d/%m/%Y").date()
    except ValueError:
        return None
    return None


def docno_date(s: str) -> dt.date | None:
    """The DOCNO's 8 digits: ``yyyymmdd``, or ``ddmmyyyy`` (some Jawhara FM files, e.g.
    ``JA-politic-53-20052016`` for TIME ``20/05/2016``)."""
    for fmt in ("%Y%m%d", "%d%m%Y"):
        try:
            d = dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
        if 1990 <= d.year <= 2030:
            return d
    return None


def ant(limit: int | None) -> list[tuple]:
    rows = []
    for path in sorted(SHARED.glob("data/antcorpus-*/*.tar.*")):
        t0 = time.perf_counter()
        n = parsed = exact = docno_ok = ref_ok = ref_docno = 0
        fmt = Counter()
        fails: list[str] = []
        with tarfile.open(path) as tf:
            for member in tf:
                if not (member.isfile() and member.name.endswith(".txt")):
                    continue
                raw = tf.extractfile(member).read().decode("utf-8", "replace")
                m = re.search(r"<TIME>(.*?)</TIME>", raw, re.DOTALL)
                d = re.search(r"<DOCNO>.*?(\d{8})\s*</DOCNO>", raw, re.DOTALL)
                if m is None or d is None:
                    continue
                n += 1
                field = m.group(1).strip()
                fmt[re.sub(r"\d", "9", re.sub(r"[A-Za-z]{3}", "Aaa", field))[:40]] += 1
                ours = parse_date(field)
                ref = reference_time(field)
                if ref is not None:
                    ref_ok += 1
                    if _day(ref) == docno_date(d.group(1)):
                        ref_docno += 1
                if ours is not None:
                    parsed += 1
                    if ref is not None and ours.value == ref and (
                        not isinstance(ref, dt.datetime) or ours.value.utcoffset() == ref.utcoffset()
                    ):
                        exact += 1
                    if _day(ours.value) == docno_date(d.group(1)):
                        docno_ok += 1
                if (ours is None or ref is None or ours.value != ref) and len(fails) < 5:
                    fails.append(field)
                if limit is not None and n >= limit:
                    break
        secs = time.perf_counter() - t0
        rows.append((path.parent.name, n, parsed, exact, ref_ok, docno_ok, ref_docno, secs, fmt.most_common(4),
                     fails))
    return rows


URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?:/|$)|/((?:19|20)\d\d)(\d\d)(\d\d)(?:/|[a-z_]|\d{0,})")


def url_date(url: str) -> dt.date | None:
    m = URL_DATE.search(url)
    if m is None:
        return None
    g = [x for x in m.groups() if x is not None][:3]
    try:
        return dt.date(int(g[0]), int(g[1]), int(g[2]))
    except ValueError:
        return None


def saudinewsnet() -> dict:
    st: Counter = Counter()
    examples: list[str] = []
    for z in sorted(SHARED.glob("data/saudinewsnet/*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for art in json.loads(zf.read(name)):
                    st["articles"] += 1
                    # the dateline: the first non-empty line when short; a date near its start,
                    # stated in the text (not relative), with day precision
                    first = next((ln for ln in art["content"].split("\n") if ln.strip()), "")[:300]
                    crawl = art["date_extracted"][:10]
                    ours = None
                    if len(first.strip()) <= 160:
                        ours = parse_date(first, reference=crawl)
                        if ours is not None and (ours.relative or ours.precision not in ("day", "minute", "second")
                                                 or ours.span[0] > 60):
                            ours = None
                    head = first
                    ours_day = _day(ours.value) if ours is not None else None
                    ud = url_date(art["url"])
                    if ud is not None:
                        st["url_date"] += 1
                    if ours_day is not None:
                        st["text_date"] += 1
                    if ud is not None and ours_day is not None:
                        st["both"] += 1
                        if ud == ours_day:
                            st["both_agree"] += 1
                        elif abs((ud - ours_day).days) <= 1:
                            st["both_off_by_one"] += 1
                        elif len(examples) < 6:
                            examples.append(f"{art['url']} | {ours.iso} | {head[:80]!r}")
                    if ours_day is not None:
                        st["dated_" + art["source"]] += 1
                        c = dt.date.fromisoformat(crawl)
                        if ours_day == c or 0 < (c - ours_day).days <= 1:
                            st["dated_eq_crawl"] += 1
                    # every Hijri date stated with its Gregorian equivalent (... هـ الموافق ... م) in the
                    # whole text: our Umm al-Qura conversion of the one against our parse of the other
                    found = find_dates(art["content"], reference=crawl)
                    for a, b in itertools.pairwise(found):
                        if a.calendar == "hijri" and b.calendar == "gregorian" and b.hijri == a.hijri \
                                and a.precision == b.precision == "day":
                            st["pairs"] += 1
                            if _day(a.value) == _day(b.value):
                                st["pairs_agree"] += 1
                            elif abs((_day(a.value) - _day(b.value)).days) == 1:
                                st["pairs_off1"] += 1
                            elif len(st.setdefault("pair_examples", [])) < 5:
                                st["pair_examples"].append(art["content"][a.span[0] - 10 : b.span[1] + 5])
                    if art["source"] == "was":
                        st["spa"] += 1
                        if ours_day is not None:
                            st["spa_dated"] += 1
                            c = dt.date.fromisoformat(crawl)
                            if ours_day == c:
                                st["spa_eq_crawl"] += 1
                            elif 0 < (c - ours_day).days <= 1:
                                st["spa_crawl_next_day"] += 1
                            if ours.calendar == "gregorian" and ours.hijri:
                                st["spa_hijri_pair"] += 1
    st["examples"] = examples
    return st


_LD = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_META = re.compile(
    r"<meta\b[^>]*?(?:property|name|itemprop)=[\"'](?:article:published_time|datePublished|pubdate|publishdate|"
    r"dc\.date|og:published_time|date)[\"'][^>]*>",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"content=[\"']([^\"']+)[\"']", re.IGNORECASE)
_TIME_TAG = re.compile(r"<time\b[^>]*itemprop=[\"']datePublished[\"'][^>]*datetime=[\"']([^\"']+)", re.IGNORECASE)
_TAGS = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]+>", re.IGNORECASE | re.DOTALL)


def our_page_date(page: str) -> tuple[dt.date | None, str]:
    """A small date picker over one HTML page, using only akhbar.dates for parsing."""
    for how, values in (
        ("json-ld", _LD.findall(page)),
        ("meta", [c.group(1) for m in _META.finditer(page) if (c := _CONTENT.search(m.group(0)))]),
        ("time", _TIME_TAG.findall(page)),
    ):
        for v in values:
            m = parse_date(htmllib.unescape(v))
            if m is not None and m.precision in ("day", "minute", "second"):
                return _day(m.value), how
    h1 = page.lower().find("<h1")
    text = htmllib.unescape(_TAGS.sub("\n", page[max(h1, 0) :]))
    found = [m for m in find_dates(text) if m.precision in ("day", "minute", "second")]
    for m in found:
        if m.label == "published":
            return _day(m.value), "text (labelled)"
    if found:
        return _day(found[0].value), "text (first after h1)"
    return None, "none"


def htmldate_pages() -> list[tuple]:
    try:
        from htmldate import find_date
    except ImportError:  # the `bench` extra
        find_date = None
    gold = json.loads((SHARED / "data/htmldate-mediacloud/gold.json").read_text(encoding="utf-8"))
    rows = []
    for g in gold:
        if g["lang"] != "ar":
            continue
        page = (SHARED / "data/htmldate-mediacloud" / g["file"]).read_text(encoding="utf-8", errors="replace")
        ours, how = our_page_date(page)
        theirs = None
        if find_date is not None:
            try:
                theirs = find_date(page, original_date=True)
            except Exception as exc:
                theirs = f"error: {exc}"
        rows.append((g["file"], g["date"], ours.isoformat() if ours else None, how, theirs))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=3000, help="ANT documents per corpus (default 3000)")
    ap.add_argument("--all", action="store_true", help="all ANT documents (41,686)")
    args = ap.parse_args()
    if not (SHARED / "data").is_dir():
        sys.exit("../shared/data is not present")
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    print()
    print("== ANT TIME fields: parse_date vs strict stdlib parse (value and offset) and vs DOCNO yyyymmdd")
    print(f"{'corpus':24} {'docs':>6} {'parsed':>7} {'=stdlib':>8} {'acc':>8} {'=DOCNO':>7} {'acc':>8} "
          f"{'stdlib=DOCNO':>13} {'sec':>6}")
    for name, n, parsed, exact, ref_ok, docno_ok, ref_docno, secs, fmts, fails in ant(
        None if args.all else args.limit
    ):
        print(f"{name:24} {n:6d} {parsed:7d} {exact:8d} {exact / max(ref_ok, 1):8.2%} {docno_ok:7d} "
              f"{docno_ok / max(n, 1):8.2%} {ref_docno:13d} {secs:6.1f}")
        print(f"   formats: {fmts}")
        if fails:
            print(f"   differing (first 5): {fails}")
    print("   (=DOCNO misses where stdlib=DOCNO misses too are corpus inconsistencies: the DOCNO date is not the")
    print("    TIME field's date, e.g. JA-localNews-167-00000000 or JA-politic-47-24012017 with TIME 23/01/2017)")
    print()
    print("== SaudiNewsNet: URL date vs the dateline date (first line, <=160 chars, date stated near its start)")
    st = saudinewsnet()
    print(f"articles {st['articles']}, with URL date {st['url_date']}, with a dateline date {st['text_date']}")
    both = max(st["both"], 1)
    print(f"both: {st['both']}, agree {st['both_agree']} ({st['both_agree'] / both:.2%}), "
          f"off by one day {st['both_off_by_one']}")
    for e in st["examples"]:
        print("   disagree:", e)
    dated = {k[6:]: v for k, v in st.items() if k.startswith("dated_") and k != "dated_eq_crawl"}
    print(f"dateline dates by source: {dated}; equal to the crawl day (or the day before): "
          f"{st['dated_eq_crawl']}/{st['text_date']}")
    pairs = max(st["pairs"], 1)
    print(f"Hijri+Gregorian pairs in all texts (هـ الموافق): {st['pairs']}, Umm al-Qura conversion = stated "
          f"Gregorian {st['pairs_agree']} ({st['pairs_agree'] / pairs:.2%}), off by one day {st['pairs_off1']}")
    for e in st.get("pair_examples", []):
        print("   differ:", repr(e))
    spa = max(st["spa"], 1)
    print(f"SPA (was): {st['spa']} records, dateline read {st['spa_dated']} ({st['spa_dated'] / spa:.2%}), "
          f"Hijri+Gregorian pairs {st['spa_hijri_pair']}, = crawl day {st['spa_eq_crawl']}, "
          f"crawl the next day {st['spa_crawl_next_day']}")
    print()
    print("== htmldate-mediacloud, 8 Arabic pages (gold = publication day)")
    print(f"{'file':18} {'gold':10} {'ours':10} {'ok':3} {'htmldate':10} {'ok':3}  our source")
    rows = htmldate_pages()
    for f, gold, ours, how, theirs in rows:
        print(f"{f:18} {gold:10} {ours or '-':10} {'✓' if ours == gold else '✗':3} {theirs!s:10} "
              f"{'✓' if theirs == gold else '✗':3}  {how}")
    print(f"ours {sum(r[2] == r[1] for r in rows)}/{len(rows)}, htmldate {sum(r[4] == r[1] for r in rows)}/{len(rows)}")


if __name__ == "__main__":
    main()
