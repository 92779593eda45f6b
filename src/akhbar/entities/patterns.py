"""Pattern pass: institution and place names built on a head noun, and country names.

News writes most institutions and many places as a head noun and its complement:
``وزارة الخارجية``, ``هيئة الانتخابات``, ``مجلس الأمن الدولي``, ``البنك المركزي المصري``,
``محافظة البحر الأحمر``, ``مطار العلمين الدولي``. The statistical tagger, trained on ANERcorp
(2007 news), misses many of them (issue 16: open-web ORG recall 0.13). ``apply`` adds them.

Rules (lists in akhbar/data/ner_patterns.json, listed from the unlabelled news in
../shared/data; see its ``source``):

- an ORG head (``org_heads``; the first word may carry a proclitic و ف ب ل ك) or a LOC head
  (``loc_heads``) followed by one to four complement words: a definite word (``ال...``, not a
  function or time word of ``not_complements`` or the stop-word list), a direction word
  (``شمال``) before one, a known place, or a word of an entity the tagger found (absorbed);
  after the first complement a ل + ال word (``الهيئة العامة للأرصاد``) is taken too; a definite
  head (``org_definite_heads``: ``الجيش``, ``البنك``) needs a definite word (an adjective:
  ``الجيش السوداني``) as its first complement, not an entity;
- the span may not start inside, or cross, a PER entity; entities it covers are replaced;
- country names (``countries``) on words no entity covers become LOC (the first word may carry
  a proclitic), so ``المجر`` is found in every frame.

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
MAX_COMPLEMENT = 4
#: whether a head noun takes in an entity the tagger found after it (``جامعة`` + LOC ``القاهرة``);
#: off: ANERcorp tags the place alone, and its test F1 drops (0.733 -> 0.688 with it on)
ABSORB = False


def enabled() -> bool:
    """Whether ``recognize`` runs the pass: ``AKHBAR_NER_PATTERNS=1`` (default off). On, open-web
    recall rises (ORG 0.134 -> 0.422, LOC 0.554 -> 0.582) but ANERcorp test F1 of the full
    ``recognize()`` falls 0.733 -> 0.710 (ANERcorp does not tag head-noun names), so it is opt-in
    until the tagger is retrained with it (issue 16)."""
    return os.environ.get("AKHBAR_NER_PATTERNS", "0") == "1"


@lru_cache(maxsize=1)
def tables() -> dict:
    """The folded pattern tables (``org``, ``org_def``, ``loc``, ``dirs``, ``stop``, ``countries``)."""
    d = json.loads((DATA_DIR / "ner_patterns.json").read_text(encoding="utf-8"))
    stop = {fold(w) for w in d["not_complements"]}
    for line in (DATA_DIR / "stopwords_ar.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            stop.update(fold(w) for w in line.split())
    return {
        "org": {fold(w) for w in d["org_heads"]},
        "org_def": {fold(w) for w in d["org_definite_heads"]},
        "loc": {fold(w) for w in d["loc_heads"]},
        "dirs": {fold(w) for w in d["directions"]},
        "stop": stop,
        "countries": {tuple(fold(w) for w in c.split()) for c in d["countries"]},
    }


def _head(f: str, heads: set[str]) -> int:
    """Length of the proclitic before a head noun of ``heads`` in folded ``f``, or -1."""
    for cl in CLITICS:
        if f.startswith(cl) and f[len(cl) :] in heads:
            return len(cl)
    return -1


def _definite(f: str, stop: set[str]) -> bool:
    return f.startswith("ال") and len(f) >= 4 and f not in stop and f.isalpha()


def apply(words: list[str], folded: list[str], gaps: list[bool], owner: list[int], types: list[str],
          places: set[str]) -> list[tuple[int, int, str, set[int], int]]:
    """New spans ``(s, e, type, replaced entity indices, proclitic length)`` over tokens (module doc).

    ``gaps[i]``: whether only spaces separate token ``i`` from token ``i + 1``; ``owner[i]``:
    index of the entity covering token ``i`` or -1; ``types``: the type of each entity;
    ``places``: folded known place words.
    """
    t = tables()
    n = len(words)

    def _direction(g: str, j: int) -> bool:  # شمال + a definite word or a place
        nxt = folded[j + 1] if j + 1 < n else ""
        return g in t["dirs"] and gaps[j] and (_definite(nxt, t["stop"]) or nxt in places)

    out: list[tuple[int, int, str, set[int], int]] = []
    i = 0
    while i < n:
        f = folded[i]
        cl, typ, definite = _head(f, t["org"]), "ORG", False
        if cl < 0:
            cl, typ = _head(f, t["loc"]), "LOC"
        if cl < 0:
            cl, typ, definite = (0, "ORG", True) if f in t["org_def"] else (0, None, False)
        if typ is None or (owner[i] >= 0 and types[owner[i]] == "PER"):
            i += 1
            continue
        if owner[i] >= 0 and (i == 0 or owner[i - 1] == owner[i]):
            i += 1  # the head lies inside an entity the tagger found: keep it
            continue
        j, replaced = i + 1, set()
        while j < n and j - i <= MAX_COMPLEMENT and gaps[j - 1]:
            g, o = folded[j], owner[j]
            if o >= 0:
                if not ABSORB or types[o] == "PER" or (j > i + 1 and definite is False and o in replaced):
                    break
                if definite and j == i + 1:
                    break
                replaced.add(o)
                while j < n and owner[j] == o:
                    j += 1
                continue
            if definite and j == i + 1 and not _definite(g, t["stop"]):
                break
            if j > i + 1 and g.startswith("لل") and _definite("ا" + g[1:], t["stop"]):
                j += 1  # ل + ال after the first complement: الهيئة العامة للأرصاد
            elif _definite(g, t["stop"]) or (g in places and g not in t["stop"] and len(g) >= 3) or _direction(g, j):
                j += 1
            else:
                break
        if j > i + 1 and all(owner[k] < 0 or owner[k] in replaced for k in range(i, j)):
            if owner[i] >= 0:
                replaced.add(owner[i])
            out.append((i, j, typ, replaced, cl))
            i = j
        else:
            i += 1
    covered = [o >= 0 for o in owner]
    for s, e, _t, _r, _c in out:
        for k in range(s, e):
            covered[k] = True
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
