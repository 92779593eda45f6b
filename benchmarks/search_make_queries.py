"""Build benchmarks/data/search_queries.jsonl: search queries with the articles they must find.

Each query below is typed the way a user might type it: without hamza, with ي
for ى, ه for ة, with or without diacritics, with or without ال and clitics,
names in another spelling. Its *must-find* set is decided by an oracle that is
independent of akhbar's code: a regular-expression scan over every article of
the benchmark corpus (SaudiNewsNet + ANT, see search_corpus.py) that accepts, for
each query word (less a typed article ال وال بال كال فال لل), the orthographic variants
of the word (hamza forms, ى/ي, ة/ه, diacritics, tatweel) with optional proclitics
(و ف, ب ك ل, ال/لل); an article
must contain every query word (title or body). A spec may list alternative
spellings for a word with ``|`` (``مسؤول|مسئول``). Only queries whose oracle set
has 1..10 articles are kept (so that a perfect ranker reaches recall@10 = 1).

Run: ``python benchmarks/search_make_queries.py [--check]`` (``--check`` prints the
sets without writing).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_corpus import OUT, prepare

QUERIES_PATH = Path(__file__).resolve().parent / "data" / "search_queries.jsonl"

# (query as typed, kind, oracle words or None = the query's words)
SPECS: list[tuple[str, str, str | None]] = [
    # --- hamza: query without hamza (or with a wrong one), articles with it
    ("اوباما واردوغان يبحثان الامن", "hamza", "اوباما اردوغان يبحثان امن"),
    ("الإتفاق النووي خطاب خامنئي نتنياهو", "hamza", None),
    ("يدشن مهرجان ابها للتسوق", "hamza", None),
    ("ايفانكا سيول جنرال", "hamza", None),
    ("اخاء ابها الايتام", "hamza", None),
    ("الاتحاد الاوروبي بروكسل دعم تونس الارهاب", "hamza", None),
    ("الرئيس الفرنسي ماكرون المغرب افطار", "hamza", None),
    ("اسواق ابل عشوائيه", "hamza", None),
    ("تغريده ضد اردوغان اقاله صحفي", "hamza", None),
    ("اسرائيل تهدم منازل الاسري", "hamza", None),
    ("ساركوزي الغام تونس والجزائر", "hamza", None),
    # --- alef maqsura: ي typed for ى
    ("حمي الضنك عدن", "alef_maqsura", None),
    ("مستشفي الملك فهد الجامعي العيد", "alef_maqsura", None),
    ("الزميل مصطفي عمليه", "alef_maqsura", None),
    ("مستشفي علاج الصقور قطر", "alef_maqsura", None),
    ("مجلس الشوري يطالب هيئه", "alef_maqsura", None),
    ("المرضي المنومين محافظ ثادق", "alef_maqsura", None),
    ("الفوضي العربيه الكبري خاشقجي", "alef_maqsura", None),
    ("لقاح حمي الضنك الفلبين", "alef_maqsura", None),
    ("الحوثيين حمي الضنك", "alef_maqsura", None),
    ("مستوطنين يقتحمون الاقصي", "alef_maqsura", None),
    ("مستشفي الولاده والاطفال بريده", "alef_maqsura", None),
    # --- teh marbuta: ه typed for ة
    ("عاصفه الحزم ويكيليكس", "teh_marbuta", None),
    ("رؤيه هلال شوال حوطه سدير", "teh_marbuta", None),
    ("جثه متعفنه طفله", "teh_marbuta", None),
    ("مسابقه القران الكريم جائزه", "teh_marbuta", None),
    ("منظمه الصحه العالميه لقاح الضنك", "teh_marbuta", None),
    ("مدينه الملك عبدالعزيز للعلوم والتقنيه قمر", "teh_marbuta", None),
    ("سوسه حجز بنادق صيد", "teh_marbuta", None),
    ("رئيس الهيئه العامه للرياضه ريو", "teh_marbuta", None),
    # --- diacritics: plain query for marked text, marked query for plain text
    ("انتحاري يفجر نفسه مسجد", "diacritics", None),
    ("رسالة تحد تفجيرات غزة", "diacritics", None),
    ("مجهولون يفجرون سيارات غزة", "diacritics", None),
    ("مُحَمَّد بن سَلْمان ويكيليكس", "diacritics", None),
    ("الرِّياضُ انتحاريٌّ خالَه", "diacritics", None),
    ("حَمَاس غَزَّة تفجيرات رسالة", "diacritics", None),
    ("إرهابيا أحزمة ناسفة مساجد", "diacritics", None),
    # --- clitics and ال: bare query for prefixed text and the other way round
    ("كورونا ابل اسواق", "clitic", None),
    ("اصابات ضنك جده بعوض", "clitic", None),
    ("المهرجان ابها التسوق مواقع نسخته", "clitic", None),
    ("الصقور القطري مستشفى", "clitic", None),
    ("ضحايا حمي الضنك والحر", "clitic", None),
    ("بالرياض انتحاري خاله", "clitic", None),
    ("بالمنامه القائم بالاعمال خامنئي", "clitic", None),
    ("بالمستشفي العام خيريه المزاحميه", "clitic", None),
    ("والقصر الرئاسي بعدن المقاومه استعاده", "clitic", None),
    # --- names spelled differently (orthography of the same name)
    ("قايد السبسي ساركوزي", "name", "قائد|قايد السبسي ساركوزي"),
    ("مسئول بحريني النقطه الواحده", "name", "مسؤول|مسئول بحريني النقطه الواحده"),
    ("خاشقجي الادعاء التركي اختفاء", "name", None),
    ("ايفانكا ترمب بيل كلينتون", "name", "ايفانكا ترمب|ترامب بيل كلينتون"),
    ("الجبالي المرزوقي المحمودي", "name", None),
    ("عيسي الجهني", "name", None),
    ("الامير عبدالله بن مساعد المرداسي", "name", None),
    ("ترمب كيم سنغافوره مكاسب", "name", "ترمب|ترامب كيم سنغافوره مكاسب"),
]

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ئ": "ي", "ؤ": "و"})
_DIG = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_PREFIX = "(?:[وف]?(?:[بك]?ال|لل|[بكل])?)"


def fold(text: str) -> str:
    """The oracle's own orthographic fold (not akhbar's): marks and tatweel removed, hamza forms,
    ى ة and hamza seats folded, digits ASCII, lower case."""
    return _MARKS.sub("", text).translate(_FOLD).translate(_DIG).lower()


def word_pattern(word: str) -> tuple[list[str], re.Pattern[str]]:
    """(substrings that must occur, regex) for one oracle word with ``|`` alternatives."""
    cores = []
    for alt in word.split("|"):
        w = fold(alt)
        # what the user meant: the word without a typed article (Light10's list)
        for art in ("وال", "بال", "كال", "فال", "لل", "ال"):
            if w.startswith(art) and len(w) - len(art) >= 3:
                w = w[len(art):]
                break
        cores.append(w)
    pat = re.compile(rf"(?<!\w){_PREFIX}(?:{'|'.join(map(re.escape, cores))})(?!\w)")
    return cores, pat


def oracle_sets(docs: list[tuple[str, str]]) -> list[tuple[str, str, list[str]]]:
    out = []
    for q, kind, words in SPECS:
        pats = [word_pattern(w) for w in (words or fold(q)).split()]
        hits = []
        for did, text in docs:
            if all(any(c in text for c in cores) and pat.search(text) for cores, pat in pats):
                hits.append(did)
        out.append((q, kind, hits))
    return out


def load_docs() -> list[tuple[str, str]]:
    import pyarrow.parquet as pq

    prepare()
    docs = []
    for name in ("snn", "ant"):
        t = pq.read_table(OUT / name / "articles.parquet", columns=["id", "title", "body"])
        for r in t.to_pylist():
            docs.append((r["id"], fold((r["title"] or "") + "\n" + "\n".join(r["body"] or []))))
    return docs


def main() -> None:
    docs = load_docs()
    kept = []
    for q, kind, hits in oracle_sets(docs):
        ok = 1 <= len(hits) <= 10
        print(f"{'ok ' if ok else 'BAD'} {len(hits):4d}  {kind:13s} {q}")
        if ok:
            kept.append({"q": q, "kind": kind, "must": hits})
    print(f"{len(kept)} queries kept of {len(SPECS)}")
    if "--check" not in sys.argv:
        QUERIES_PATH.parent.mkdir(parents=True, exist_ok=True)
        with open(QUERIES_PATH, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(k, ensure_ascii=False) + "\n" for k in kept)
        print("wrote", QUERIES_PATH)


if __name__ == "__main__":
    main()
