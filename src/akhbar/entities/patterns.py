"""Pattern pass: institution and place names built on a head noun, and country names.

News writes most institutions and many places as a head noun and its complement:
``وزارة الخارجية``, ``هيئة الانتخابات``, ``مجلس الأمن الدولي``, ``البنك المركزي المصري``,
``محافظة البحر الأحمر``, ``مطار العلمين الدولي``. The statistical tagger, trained on ANERcorp
(2007 news), misses many of them (issue 16: open-web ORG recall 0.13). ``apply`` adds them.

Rules (lists in akhbar/data/ner_patterns.json, listed from the unlabelled news in
../shared/data; see its ``source``):

- an ORG head (``org_heads``; the first word may carry a proclitic و ف ب ل ك), a LOC head
  (``loc_heads``) or a state head (``state_heads``: ``دولة``, ``سلطنة``) followed by up to
  ``MAX_COMPLEMENT`` complement words: a definite word (``ال...``, not a function or time word of
  ``not_complements`` or the stop-word list), a direction word (``شمال``) before one, a known
  place, or a LOC entity the tagger found (taken in whole, ``ABSORB``); after the first
  complement a ل + ال word (``الهيئة العامة للأرصاد``), a و + ال word (``هيئة الطرق
  والمواصلات``) or ل + noun + definite word (``المجلس الوطني لحقوق الإنسان``); right after an
  indefinite head up to ``MAX_INDEFINITE`` indefinite nouns when a definite word or place follows
  (``مؤسسة كهرباء لبنان``); the name ends on a definite word, place or entity. A definite head
  (``org_definite_heads``: ``الجيش``, ``البنك``) needs a definite word (an adjective:
  ``الجيش السوداني``) as its first complement; a state head needs a place. An entity the tagger
  found that starts on a head is carried on by the same rules (``هيئة الطرق`` + ``والمواصلات``);
- a title word (``الدكتور``, ``الفريق``) ends the name; و + a head noun, title or
  ``not_conjuncts`` word (``والمنتخب``, ``والجهات``) is not a coordinated complement; after
  a place a LOC name takes only ``after_place`` words (``مطار صنعاء الدولي``, not ``مدينة سوتشي
  الروسية``); a direction word is taken only right after the head (``ولاية شمال دارفور``), nor is ل +
  a ت-initial verbal noun (``لتأمين``); و + noun + definite word is (``وزارة الاتصالات
  وتكنولوجيا المعلومات``); a head of ``named_heads`` (``جامعة``, ``شارع``, ``قناة``) takes
  in a PER or ORG entity right after it (``جامعة محمد الخامس``, ``نادي الزمالك``);
- a tagged ORG is carried on over definite relative adjectives (``البنك المركزي`` + ``اليمني``);
- the span may not start inside, or cross, a PER entity; entities it covers are replaced;
- country names (``countries``), the gazetteer's cities and the GeoNames towns of
  ``gazetteer_geonames.json`` (less ``ambiguous_places``) on words no entity covers become LOC
  (the first word may carry a proclitic), so ``المجر`` and ``تلمسان`` are found in every frame. Only this place pass runs when ``apply(..., heads=False)``.

``apply`` returns new ``(start_token, end_token, type)`` spans and the entity indices they
replace; it never raises.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache

from akhbar.entities.features import DATA_DIR, fold

#: proclitics a name may carry on its first word: none, و ف ب ل ك and their pairs
CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")
MAX_COMPLEMENT = 6
#: whether a head noun takes in a LOC entity the tagger found after it (``بورصة`` + ``الكويت``,
#: ``محافظة`` + ``إدلب``): the open-web annotation (and most readers) take the whole name; ANERcorp
#: tags the place alone (its test F1 of ``recognize()`` with the pass on is in ``enabled``'s doc)
ABSORB = True
#: at most this many indefinite nouns right after an indefinite head, before the definite word or
#: place that must end the name (``هيئة أسواق المال``, ``مؤسسة كهرباء لبنان``)
MAX_INDEFINITE = 2


def enabled() -> bool:
    """Whether ``recognize`` runs the pass: on by default, off with ``AKHBAR_NER_PATTERNS=0``.

    On, open-web recall of the fast tagger rises from 0.512 to 0.722 (ORG 0.139 -> 0.622, LOC 0.621
    -> 0.745; ``python benchmarks/openweb_eval.py --entities-only [--half look|held]``), while
    ANERcorp test F1 of the full ``recognize()`` falls from 0.729 to 0.693: ANERcorp leaves most
    institutions untagged (``وزارة الداخلية``, ``البرلمان العراقي``) and tags the place alone in
    ``قطاع غزة`` / ``دولة الكويت``, which the open-web annotation and this pass take whole (model
    card, "Today's news"). ``AKHBAR_NER_PATTERNS=0`` gives ANERcorp's convention back."""
    return os.environ.get("AKHBAR_NER_PATTERNS", "1") != "0"


@lru_cache(maxsize=1)
def tables() -> dict:
    """The folded pattern tables: ``org``, ``org_def``, ``loc``, ``state`` (head nouns), ``dirs``,
    ``stop``, ``countries`` (word tuples: ner_patterns.json countries plus the gazetteer's cities
    and the GeoNames towns of ``gazetteer_geonames.json``, less ``ambiguous_places``)."""
    d = json.loads((DATA_DIR / "ner_patterns.json").read_text(encoding="utf-8"))
    stop = {fold(w) for w in d["not_complements"]}
    for line in (DATA_DIR / "stopwords_ar.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            stop.update(fold(w) for w in line.split())
    gaz = json.loads((DATA_DIR / "gazetteer_places.json").read_text(encoding="utf-8"))
    ambiguous = {tuple(fold(w) for w in c.split()) for c in d.get("ambiguous_places", [])}
    places = {tuple(fold(w) for w in c.split()) for c in gaz["cities"] if "(" not in c} - ambiguous
    geo = DATA_DIR / "gazetteer_geonames.json"  # towns from GeoNames (build_geonames)
    if geo.exists():
        places |= {tuple(fold(w) for w in c.split()) for c in json.loads(geo.read_text(encoding="utf-8"))["places"]}
        places -= ambiguous
    countries = {tuple(fold(w) for w in c.split()) for c in d["countries"]}
    lex = json.loads((DATA_DIR / "gazetteer_lexicon.json").read_text(encoding="utf-8"))
    heads = {fold(w) for w in d["org_heads"] + d["org_definite_heads"] + d["loc_heads"]}
    return {
        "org": {fold(w) for w in d["org_heads"]},
        "org_def": {fold(w) for w in d["org_definite_heads"]},
        "loc": {fold(w) for w in d["loc_heads"]},
        "state": {fold(w) for w in d.get("state_heads", [])},
        "named": {fold(w) for w in d.get("named_heads", [])},
        "place_only": {fold(w) for w in d.get("place_only_heads", [])},
        "describing": {fold(w) for w in d.get("describing", [])},
        "wrappers": {fold(w) for w in d.get("wrapper_heads", [])},
        "no_indefinite": {fold(w) for w in d.get("no_indefinite_heads", [])},
        "wrapped_not": {fold(w) for w in d.get("wrapped_not", [])},
        "after_place": {fold(w) for w in d.get("after_place", [])},
        "titles": {fold(w) for w in lex["titles"]},
        "not_conj": heads | {fold(w) for w in lex["titles"] + d.get("not_conjuncts", [])},
        "dirs": {fold(w) for w in d["directions"]},
        "stop": stop,
        "countries": countries | places,
        "place_words": {k[0] for k in countries | places if len(k) == 1},
    }


def _head(f: str, heads: set[str]) -> int:
    """Length of the proclitic before a head noun of ``heads`` in folded ``f``, or -1."""
    for cl in CLITICS:
        if f.startswith(cl) and f[len(cl) :] in heads:
            return len(cl)
    return -1


def _definite(f: str, stop: set[str]) -> bool:
    return f.startswith("ال") and len(f) >= 4 and f not in stop and f.isalpha()


def _noun(f: str, stop: set[str]) -> bool:
    """An indefinite word that may stand inside a name: letters only, 3+ long, not a function word,
    not an imperfect verb form (``ي...``) and not definite."""
    return len(f) >= 3 and f.isalpha() and f not in stop and not f.startswith(("ال", "ي"))


def _inner_head(folded: list[str], gaps: list[bool], owner: list[int], i: int, heads: set[str],
                stop: set[str]) -> bool:
    """Whether an indefinite ORG head (``heads``) follows the head at ``i`` within one or two
    indefinite words, before any definite word: ``مجلس إدارة شركة``, ``رئاسة حزب``, ``مجلس أمناء
    مؤسسة``; the name then starts at that inner head."""
    for k in (i + 1, i + 2):
        if k >= len(folded) or not gaps[k - 1] or owner[k] >= 0:
            return False
        if folded[k] in heads:
            return True
        if not _noun(folded[k], stop):
            return False
    return False


def light_minister(f: str) -> bool:
    """Whether folded ``f`` is ``وزير`` / ``وزيرة`` (with و ف ل ب before it)."""
    return any(f == cl + w for cl in CLITICS for w in ("وزير", "وزيره"))


def _nationality(f: str, place_words: set[str]) -> bool:
    """A nisba of a country or place name in ``place_words``: ``الأمريكية`` (أمريكا), ``الفرنسي``
    (فرنسا), ``العراقي`` (العراق), ``الإيطالية`` (إيطاليا)."""
    if not f.startswith("ال") or len(f) < 6:
        return False
    stem = f[2:-2] if f.endswith(("يه", "ية")) else f[2:-1] if f.endswith("ي") else ""
    return bool(stem) and any(x in place_words for x in (stem, stem + "ا", stem + "يا", "ال" + stem, stem + "ه"))


def _nisba(f: str, stop: set[str]) -> bool:
    """A definite relative adjective (``الأمريكي``, ``اليمنية``)."""
    return _definite(f, stop) and len(f) >= 6 and f.endswith(("ي", "يه", "ية"))


def apply(words: list[str], folded: list[str], gaps: list[bool], owner: list[int], types: list[str],
          places: set[str], heads: bool = True) -> list[tuple[int, int, str, set[int], int]]:
    """New spans ``(s, e, type, replaced entity indices, proclitic length)`` over tokens (module doc).
    ``heads=False``: the place pass alone (what ``recognize`` runs by default).

    ``gaps[i]``: whether only spaces separate token ``i`` from token ``i + 1``; ``owner[i]``:
    index of the entity covering token ``i`` or -1; ``types``: the type of each entity;
    ``places``: folded known place words.
    """
    t = tables()
    stop = t["stop"]
    n = len(words)
    places = places | t["place_words"]

    def _direction(g: str, j: int) -> bool:  # شمال + a definite word or a place
        nxt = folded[j + 1] if j + 1 < n else ""
        return g in t["dirs"] and gaps[j] and (_definite(nxt, stop) or nxt in places)

    def _place(g: str) -> bool:
        return g in places and g not in stop and len(g) >= 3

    out: list[tuple[int, int, str, set[int], int]] = []
    i = 0 if heads else n
    while i < n:
        f = folded[i]
        cl, typ, definite, state = _head(f, t["org"]), "ORG", False, False
        if cl < 0:
            cl, typ = _head(f, t["loc"]), "LOC"
        if cl < 0:
            cl, typ, state = _head(f, t["state"]), "LOC", True
        if cl < 0:
            cl = _head(f, t["org_def"])  # also behind a proclitic: بالحكومة الأردنية, والجيش السوداني
            cl, typ, definite, state = (cl, "ORG", True, False) if cl >= 0 else (0, None, False, False)
        own = owner[i]
        if definite and i > 0 and light_minister(folded[i - 1]):
            typ = None  # وزير الدفاع السوداني: a title, not the ministry's name
        if typ is None or (own >= 0 and types[own] == "PER"):
            i += 1
            continue
        if own >= 0 and i > 0 and owner[i - 1] == own:
            i += 1  # the head lies inside an entity the tagger found: keep it
            continue
        if own < 0 and f[cl:] in t["wrappers"] and i + 1 < n and gaps[i] and (
                (owner[i + 1] >= 0 and types[owner[i + 1]] == "ORG")
                or (folded[i + 1] in t["org_def"] and folded[i + 1] not in t["wrapped_not"]
                    and i + 2 < n and gaps[i + 1] and _definite(folded[i + 2], stop))):
            i += 1  # مكتب + الوكالة الموريتانية للأنباء, قوات + المجلس الانتقالي: the name is inside
            continue
        if not definite and own < 0 and _inner_head(folded, gaps, owner, i, t["org"], stop):
            i += 1  # مجلس إدارة شركة ..., رئاسة حزب ...: the name starts at the inner head
            continue
        j, replaced, good, indefinite, placed = i + 1, set(), i + 1, 0, False
        inside = 0  # words of entities taken in, past their first: not counted as complements
        named_end = -1  # where a PER/ORG entity taken in after a named head ends
        place_only = f[cl:] in t["place_only"]
        own_end = -1
        if own >= 0:  # the tagger's entity starts at the head: the name may go on after it
            while j < n and owner[j] == own:
                j += 1
            replaced.add(own)
            good = own_end = j
        while j < n and j - i - inside <= MAX_COMPLEMENT and gaps[j - 1]:
            g, o = folded[j], owner[j]
            first = j == i + 1
            if placed and typ == "LOC":  # after the place only a few adjectives: مطار صنعاء الدولي
                if o < 0 and g in t["after_place"]:
                    j += 1
                    good = j
                    continue
                break
            if j == named_end and _nationality(g, t["place_words"]):
                break  # مجلة فوربس + الأمريكية, نادي نانت + الفرنسي: a nationality after a name
            if not first and g in t["describing"]:
                break  # وكالة الأنباء السعودية + الرسمية, جمعية الوفاق الوطني الإسلامية + المعارضة
            if not first and g[:1] == "ب" and (g[1:] in t["place_words"] or (
                    o >= 0 and types[o] == "LOC" and g.startswith("بال"))):
                break  # ب + place after the name: وزارة الصحة + بغزة, هيئة الطرق والمواصلات + بدبي
            if not first and g[:1] == "و" and (
                    (owner[j - 1] >= 0 and types[owner[j - 1]] == "LOC") or folded[j - 1] in t["place_words"]
                    or (_nisba(folded[j - 1], stop) and not _nisba(g[1:], stop))):
                break  # no coordination after a place or a nisba: منظمة التحرير الفلسطينية + والكتل
            if place_only and first and o < 0 and not _place(g):
                break  # طريق/قطاع take a place: قطاع غزة, not قطاع الإعلام
            if o >= 0:  # an entity the tagger found: a place is taken in whole, a person after a
                # head that takes names (جامعة محمد الخامس) too
                named = first and types[o] in ("PER", "ORG") and f[cl:] in t["named"]
                if not ABSORB or (types[o] != "LOC" and not named) or owner[j - 1] == o or (definite and first):
                    break
                replaced.add(o)
                k0 = j
                while j < n and owner[j] == o:
                    j += 1
                inside += j - k0 - 1
                good, placed = j, types[o] == "LOC"
                named_end = -1 if placed else j
                continue
            if g in t["titles"]:
                break  # a title starts the next phrase: وكيل إمارة الرياض الدكتور ...
            if state and first:
                if not _place(g):
                    break
                j += 1
                good, placed = j, True
            elif definite and first and not _definite(g, stop):
                break
            elif _place(g):
                j += 1
                good, placed = j, True
            elif _definite(g, stop) or (first and _direction(g, j)):
                j += 1
                good = j
            elif not first and g.startswith("لل") and _definite("ا" + g[1:], stop):
                j += 1  # ل + ال after the first complement: الهيئة العامة للأرصاد
                good = j
            elif not first and g.startswith("وال") and _definite(g[1:], stop) and g[1:] not in t["not_conj"] \
                    and g[3:] not in t["not_conj"]:
                j += 1  # coordinated: هيئة الطرق والمواصلات
                good = j
            elif (not first and g.startswith("و") and _noun(g[1:], stop) and g[1:] not in t["not_conj"]
                  and j + 1 < n and gaps[j] and owner[j + 1] < 0 and _definite(folded[j + 1], stop)
                  and folded[j + 1] not in t["titles"]):
                j += 2  # و + noun + definite word: وزارة الاتصالات وتكنولوجيا المعلومات
                good = j
            elif (not first and g.startswith("ل") and _noun(g[1:], stop) and not g.startswith("لت")
                  and j + 1 < n and gaps[j]
                  and owner[j + 1] < 0 and _definite(folded[j + 1], stop)):
                j += 2  # ل + noun + definite word: المجلس الوطني لحقوق الإنسان
                good = j
            elif (not definite and not state and j - i - 1 == indefinite < MAX_INDEFINITE and _noun(g, stop)
                  and f[cl:] not in t["no_indefinite"]):
                indefinite += 1  # an indefinite noun right after the head: مؤسسة كهرباء لبنان
                j += 1
                nxt = folded[j] if j < n else ""
                if indefinite == 1 and gaps[j - 1] and owner[j] < 0 and _nationality(nxt, t["place_words"]):
                    good = j  # head + name + nationality: مجلة فوربس (الأمريكية), جزيرة لامبيدوزا (الإيطالية)
                    break
            else:
                break
        j = good
        if j > i + 1 and all(owner[k] < 0 or owner[k] in replaced for k in range(i, j)) and folded[j - 1] not in t["titles"]:
            if own >= 0 and j == own_end and len(replaced) == 1:
                i = j  # the tagger's own entity, unchanged
                continue
            out.append((i, j, typ, replaced, cl))
            i = j
        else:
            i += 1
    covered = [o >= 0 for o in owner]
    for s, e, _t, _r, _c in out:
        for k in range(s, e):
            covered[k] = True
    # a tagged ORG goes on with relative adjectives: البنك المركزي + اليمني, الكونغرس + الأمريكي
    tokens_of: dict[int, list[int]] = {}
    for k, o in enumerate(owner if heads else ()):
        if o >= 0 and types[o] == "ORG":
            tokens_of.setdefault(o, []).append(k)
    for idx, ks in sorted(tokens_of.items()):
        if not ks or any(covered[k] and owner[k] != idx for k in ks):
            continue
        s, j = ks[0], ks[-1] + 1
        if any(s <= a < j or idx in r for a, _b, _t, r, _c in out):
            continue
        while j < n and gaps[j - 1] and not covered[j] and _nisba(folded[j], stop):
            j += 1
        if j > ks[-1] + 1:
            out.append((s, j, "ORG", {idx}, 0))  # the caller keeps the entity's own start
            for k in range(s, j):
                covered[k] = True
    # a direction word + a tagged place that together are a listed place: جنوب + السودان, شمال + سيناء
    for i in range(n - 1 if heads else 0):
        o = owner[i + 1]
        if folded[i] in t["dirs"] and not covered[i] and gaps[i] and o >= 0 and types[o] == "LOC":
            e = i + 1
            while e < n and owner[e] == o:
                e += 1
            if (folded[i], *folded[i + 1 : e]) in t["countries"] and not any(covered[k] and owner[k] != o
                                                                            for k in range(i + 1, e)):
                out.append((i, e, "LOC", {o}, 0))
                covered[i] = True
    longest = max(len(c) for c in t["countries"])
    for s, e, _key, cl in longest_matches(folded, covered, t["countries"], longest):
        out.append((s, e, "LOC", set(), cl))
    return sorted(out, key=lambda x: x[0])


def longest_matches(folded: list[str], covered: list[bool], keys, maxlen: int,
                    firsts=None) -> list[tuple[int, int, tuple[str, ...], int]]:
    """Left-to-right longest matches of the word tuples ``keys`` (a container of tuples of folded
    words, at most ``maxlen`` long) over ``folded``, the first word possibly carrying a proclitic
    of ``CLITICS``; a match never covers a word marked in ``covered``. ``firsts``: optional set of
    the keys' first words, a cheap pre-filter. Returns ``(start, end, key, clitic_length)`` in text
    order (word indexes, ``end`` exclusive)."""
    out = []
    i, n = 0, len(folded)
    while i < n:
        hit = None
        if not covered[i]:
            f = folded[i]
            for cl in CLITICS:
                if not f.startswith(cl):
                    continue
                head = f[len(cl) :]
                if firsts is not None and head not in firsts:
                    continue
                for ln in range(min(maxlen, n - i), 0, -1):
                    key = (head, *folded[i + 1 : i + ln])
                    if key in keys and not any(covered[i : i + ln]):
                        hit = (i, i + ln, key, len(cl))
                        break
                if hit:
                    break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out
