"""What identifies an event in one article, computed cheaply in a worker: entities, numbers, event cues.

:func:`event_keys` reads the search-normalized words of the title and of the first ``lead_words`` body
words (``akhbar.corpus.dedup.words``, already computed for the duplicate signature) and returns
``(entities, numbers, cues)``, three sorted tuples of str that :class:`akhbar.corpus.stories.StoryClusterer`
compares between an article and a story:

* **entities**: a gazetteer/lexicon pass, not the neural tagger (which costs ~110 ms a page): places of
  ``akhbar/data/gazetteer_places.json`` (single words and phrases, after the proclitics
  ``و ف ب ل ك`` are stripped), multi-word names learned from the NER training data
  (``entities/model/learned.json`` phrases) and persons written as a curated given name
  (``gazetteer_lexicon.json``) followed by a family name or ``بن``/``ابن`` + a name
  (``محمد بن سلمان``, ``عادل الجبير``; a person of the second kind is marked :data:`GUESSED`, because the
  rule often misreads a given name that is also a common word). Each is reduced to its merge key
  (``akhbar.entities.merge.canonical_form``), so spelling variants of one name share a key. When the
  full recognizer ran (``--entities``), its canonical forms are added by the caller;
* **numbers**: numbers of the title and lead (Arabic-Indic digits folded by the search normalization),
  decimals kept whole (``16.2``), a score or a ratio ``3-1`` / ``3/1`` kept as one number; a one-digit
  integer is dropped (counts such as "two ministers" do not identify an event), years are kept (they tell
  a tournament's editions apart);
* **weekdays**: the days of the week named in the title and lead (``اليوم الأربعاء``, ``أمس الاثنين``),
  returned among the numbers as :data:`WEEKDAY` + the day (``@0`` Monday .. ``@6`` Sunday): reports of one
  event name the weekday it happened on, and the same kind of event on another date names another
  (on the development story set, 1 of 137 same-event page pairs that both name weekdays share none of
  them, against 51 of 112 pairs of a hard negative and a report of its event);
* **cues**: event types (``quake``, ``match``, ``meeting``, ``execution``, ...) whose cue words
  (:data:`CUES`, a hand-written list for Arabic news) occur in the title or the first 40 lead words.

All three are bounded (``MAX_KEYS`` each). Pure functions with bounded memos; never raise.
"""

from __future__ import annotations

import functools
import json
import re

from akhbar.memo import fill

__all__ = ["CUES", "GUESSED", "MAX_KEYS", "WEEKDAY", "event_keys", "numbers", "weekdays"]

#: prefix of an entity key guessed from a given name and the next word (see :func:`entities`)
GUESSED = "~"
#: prefix of a weekday key among an article's numbers (``@0`` Monday .. ``@6`` Sunday; see :func:`weekdays`)
WEEKDAY = "@"
#: at most this many entities / numbers / cues kept per article
MAX_KEYS = 24
_CUE_WORDS = 40

#: event type -> cue stems (search form: hamza folded, ة -> ه, ى -> ي); a word matches a stem when it equals
#: it after the proclitics و ف ب ل ك and the article are removed, or starts with it for stems ending in '*'
CUES: dict[str, tuple[str, ...]] = {
    "quake": ("زلزال", "زلازل", "هزه", "ريختر"),
    "explosion": ("تفجير", "انفجار", "انتحاري", "مفخخه", "عبوه"),
    "attack": ("هجوم", "اشتباكات", "غارات", "غاره", "قصف", "ضربه"),
    "execution": ("قصاص", "قصاصا", "تعزيرا", "اعدام"),
    "match": ("مباراه", "مواجهه", "وديه", "يكسب", "يهزم", "يتعادل", "تعادل", "فوز", "يفوز", "فاز", "خساره", "نهائي",
              "هدف", "هدفين"),
    "meeting": ("يستقبل", "استقبل", "يلتقي", "التقي", "مباحثات", "يبحث", "بحث", "لقاء", "اجتماع", "قمه"),
    "greeting": ("تهنئه", "يهنئ", "يهنئان", "برقيه"),
    "condolence": ("تعزيه", "يعزي", "عزاء", "يواسي", "تشييع", "جنازه", "الحداد", "حداد"),
    "weather": ("امطار", "الارصاد", "غبار", "عاصفه", "سيول", "الطقس", "موجه"),
    "market": ("مؤشر", "الاسهم", "الاسواق", "برميل", "برنت", "الاوقيه", "تداولات", "البورصه"),
    "rates": ("الفائده", "الفائدة", "اسعار", "التضخم"),
    "election": ("انتخابات", "الانتخابات", "الاقتراع", "مرشح", "الناخبين"),
    "accident": ("حادث", "اصطدام", "غرق", "حريق", "تحطم", "انقلاب"),
    "health": ("كورونا", "اصابه", "اصابات", "وباء", "فيروس"),
    "court": ("محكمه", "محاكمه", "حكم", "السجن", "المتهمين"),
    "award": ("جائزه", "يتوج", "تتويج", "استضافه", "تنظيم"),
    "deal": ("اتفاق", "اتفاقيه", "صفقه", "توقيع", "يوقع"),
    "results": ("ارباح", "خسائر", "ايرادات", "صافي"),
    # an announcement of what is still to come (a match preview, a scheduled hearing): not its result
    "preview": ("موعد", "مرتقب", "مرتقبه", "المرتقبه", "الناقله", "المتوقعه", "غدا", "استعدادا"),
}
_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
# a number with thousands separators (8,699.17; 1,234,567) first, then decimals, scores and ranges
_NUM = re.compile(r"(?P<k>\d{1,3}(?:[,٬]\d{3})+(?!\d)(?:[.٫]\d+)?)|\d+(?:[.,٫]\d+)?(?:\s*[-/]\s*\d+)?")
_MEMO_MAX = 200_000


@functools.cache
def _cue_index() -> dict[str, str]:
    out: dict[str, str] = {}
    for kind, stems in CUES.items():
        for s in stems:
            out.setdefault(s, kind)
            if s.startswith("ال"):
                out.setdefault(s[2:], kind)
    return out


@functools.cache
def _lexicon():
    """(places, place phrases by first word, given names, learned phrases by first word, known words)."""
    from akhbar.entities.features import Lexicon
    from akhbar.entities.normalize import fold
    from akhbar.entities.recognize import MODEL_DIR

    lx = Lexicon.curated()
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for ph in lx.place_phrases:
        phrases.setdefault(ph[0], []).append((ph, "LOC"))
    try:
        learned = json.loads((MODEL_DIR / "learned.json").read_text(encoding="utf-8"))["phrases"]
    except (OSError, ValueError, KeyError):
        learned = []
    for text, typ in learned:
        toks = tuple(fold(text).split())
        if len(toks) >= 2 and typ in ("PER", "LOC", "ORG") and all(len(t) >= 2 for t in toks):
            phrases.setdefault(toks[0], []).append((toks, typ))
    for v in phrases.values():
        v.sort(key=lambda p: -len(p[0]))
    known = lx.known_words()
    # على (a preposition) is علي in the search form: not read as the given name
    given = frozenset(lx.given_names - {"علي"})
    return frozenset(lx.places), phrases, given, frozenset(known)


_KEY: dict[tuple[str, str], str] = {}


def _key(text: str, typ: str) -> str:
    k = _KEY.get((text, typ))
    if k is None:
        from akhbar.entities.merge import canonical_form

        if len(_KEY) > _MEMO_MAX:
            _KEY.clear()
        k = _KEY[(text, typ)] = canonical_form(text, typ)
    return k


def _bare(w: str, known: frozenset[str]) -> str:
    """``w`` without proclitics when the rest is a known entity word (``وبالرياض`` -> ``الرياض``)."""
    if w in known:
        return w
    for p in ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"):
        if w.startswith(p) and len(w) - len(p) >= 3:
            rest = w[len(p) :]
            if rest in known:
                return rest
            if p[-1] == "ل" and rest.startswith("ل") and ("ا" + rest) in known:  # لل -> ال
                return "ا" + rest
    return w


def _family_name(w: str, given: frozenset[str], places: frozenset[str]) -> bool:
    """Whether ``w`` can be the family name after a given name. Many Arabic given names are also common
    words (عون "aid", سعيد "happy", تامر "orders", صالح "in favour of", حافظ "kept"), so the word after one is
    often not a name: not when it is a given name or a place (``تأمر إسرائيل``), starts with the conjunction
    و, or ends in the accusative alef of an adverb or a predicate (``عون رئيسا``, ``سعيد رسميا``)."""
    return (len(w) >= 3 and w not in given and w not in places and not w.startswith("و")
            and not (w.endswith("ا") and not w.startswith("ال")) and w not in _stop())


@functools.cache
def _stop() -> frozenset[str]:
    from akhbar.quality import stop_words_search_form

    return stop_words_search_form()


def entities(ws: list[str], mark_guessed: bool = False) -> list[str]:
    """Entity merge keys (list of str, first-occurrence order, distinct) found in the words ``ws``.

    With ``mark_guessed``, a person read from a curated given name and the word after it (not a learned
    phrase, not a ``بن`` name) is returned as :data:`GUESSED` + its key: that rule misreads a given name that
    is also a common word (``سعيد بولاية``, ``عمر يناهز``, ``صالح القرار`` on the development story set), so
    the pair scorer weighs those keys apart (``akhbar.corpus.storymodel``: ``guess_shared``, ``guess_new``)."""
    places, phrases, given, known = _lexicon()
    out: list[str] = []
    seen: set[str] = set()
    memo = _BARE
    fill(memo, ws, lambda w: _bare(w, known), _MEMO_MAX)
    bare = list(map(memo.__getitem__, ws))  # (no Python call per word)
    i, n = 0, len(ws)
    while i < n and len(out) < MAX_KEYS:
        w = bare[i]
        step, found, guessed = 1, None, False
        for toks, typ in phrases.get(w, ()):
            k = len(toks)
            if i + k <= n and (w, *ws[i + 1 : i + k]) == toks:
                found, step = (" ".join(toks), typ), k
                break
        if found is None:
            if w in places:
                found = (w, "LOC")
            elif w in given and i + 1 < n:
                nxt = ws[i + 1]
                if nxt in ("بن", "ابن") and i + 2 < n:
                    found, step = (f"{w} بن {ws[i + 2]}", "PER"), 3
                elif _family_name(nxt, given, places):
                    found, step = (f"{w} {nxt}", "PER"), 2
                    guessed = mark_guessed
        if found is not None:
            key = _key(*found)
            if key and guessed:
                key = GUESSED + key
            if key and key not in seen:
                seen.add(key)
                out.append(key)
        i += step
    return out


def numbers(text: str) -> list[str]:
    """Event numbers of a search-normalized ``text`` (list of str, first-occurrence order, distinct).

    ``"فاز 3-1 وارتفع 0.51 الي 8699.17"`` -> ``["1-3", "0.51", "8699.17"]``: a decimal comma or Arabic
    decimal separator becomes ``.``, except a comma before exactly three digits, a thousands separator
    (``8,699.17`` is ``8699.17``, as another paper prints it); a score or ratio is written smaller-first (``1-3``: either side may be
    named first); one-digit integers are dropped.
    """
    out: list[str] = []
    for m in _NUM.finditer(text):
        if m.group("k"):
            s = m.group(0).replace(",", "").replace("٬", "").replace("٫", ".")
        else:
            s = m.group(0).replace("٫", ".").replace(",", ".").replace(" ", "")
        if "-" in s or "/" in s:
            a, b = re.split(r"[-/]", s, maxsplit=1)
            if len(a) <= 3 and len(b) <= 3:
                x, y = sorted((int(float(a)), int(float(b))))
                s = f"{x}-{y}"
            else:
                s = a  # a date (2015/2016) or a range: its first number only
        elif "." in s:
            s = s.rstrip("0")  # 4.50 and 4.5, 4.00 and 4.0 are one number
            s = s + "0" if s.endswith(".") else s
        if len(s) == 1:
            continue
        if s not in out:
            out.append(s)
            if len(out) >= MAX_KEYS:
                break
    return out


def cues(ws: list[str]) -> list[str]:
    """Event types (list of str, sorted) whose cue words occur among ``ws``."""
    memo = _CUE_OF
    fill(memo, ws, _cue_of, _MEMO_MAX)
    found = set(map(memo.__getitem__, ws))
    found.discard(None)
    return sorted(found)


def _cue_of(w: str) -> str | None:
    """The event type of one word (a cue word, or one after a proclitic), or None."""
    idx = _cue_index()
    kind = idx.get(w)
    if kind is None:
        for p in _PREFIXES:
            if w.startswith(p) and len(w) - len(p) >= 3:
                kind = idx.get(w[len(p) :])
                if kind is not None:
                    break
    return kind


#: word -> ``_bare(word)`` and word -> ``_cue_of(word)``: memos (``akhbar.memo.fill``) for the per-word
#: work of :func:`entities` and :func:`cues`, cleared when they would pass ``_MEMO_MAX`` entries.
_BARE: dict[str, str] = {}
_CUE_OF: dict[str, str | None] = {}


@functools.cache
def _weekday_index() -> dict[str, str]:
    """Search-form weekday word (with the article, also after ``و ف ب ل``) -> its :data:`WEEKDAY` key, from
    ``akhbar.dates.tables.WEEKDAYS`` (the Arabic forms that carry the article: ``الاثنين`` .. ``الاحد``)."""
    from akhbar import arabic
    from akhbar.dates.tables import WEEKDAYS

    out: dict[str, str] = {}
    for day, forms in WEEKDAYS.items():
        for f in forms:
            w = arabic.normalize(f, "search")
            if w.startswith("ال") and len(w) >= 5:
                for p in ("", "و", "ف", "ب", "ل"):
                    out.setdefault(p + w if p != "ل" else "ل" + w[1:], f"{WEEKDAY}{day}")
    return out


def weekdays(ws: list[str]) -> list[str]:
    """The :data:`WEEKDAY` keys (list of str, sorted, distinct) of the days of the week named among the
    search-normalized words ``ws``: ``["اعلن", "اليوم", "الاربعاء"]`` -> ``["@2"]``."""
    idx = _weekday_index()
    return sorted({idx[w] for w in ws if w in idx})


def event_keys(title_words: list[str], body_words: list[str], lead_text: str,
               lead_words: int = 80) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """``(entities, numbers, cues)`` of one article, each a sorted tuple of str (see module docstring); the
    numbers end with the :func:`weekdays` keys of the same words as the entities (``@`` sorts after digits).

    ``title_words`` / ``body_words``: ``akhbar.corpus.dedup.words`` of the title and the body;
    ``lead_text``: the search-normalized title and start of the body (numbers are read there, because
    ``words`` splits ``16.2`` into two words).
    """
    lead = title_words + body_words[:lead_words]
    ents = tuple(sorted(entities(lead, mark_guessed=True)))
    nums = tuple(sorted(numbers(lead_text))) + tuple(weekdays(lead))
    cue = tuple(cues(title_words + body_words[:_CUE_WORDS]))
    return ents, nums, cue
