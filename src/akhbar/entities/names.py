"""Full person names: ``extend_names`` carries PER spans the tagger cut short on to the whole name
(``عبد الفتاح`` + ``البرهان``, ``أشرف بن`` + ``شرقي``); issue 16, open-web misses of names cut
short. Used by ``akhbar.entities.recognize``; never raises.
"""

from __future__ import annotations

import bisect

from akhbar.entities import patterns
from akhbar.entities.features import fold, light_stem
from akhbar.entities.merge import canonical_form
from akhbar.model import Entity

#: name connectors a PER span may not end on: the next word belongs to the name (folded)
NAME_LINKS = frozenset(fold(w) for w in ("بن", "ابن", "بنت", "أبو", "ابو", "ولد", "آل", "عبد", "أم", "بو"))
#: a king or queen known by one name is named with the title (الملك سلمان, الملكة رانيا; not
#: الملك محمد السادس); مولاي is part of Moroccan princes' names (مولاي رشيد)
_ROYAL = frozenset(fold(w) for w in ("الملك", "الملكة"))
_MOULAY = fold("مولاي")
_FIRST_LINKS = frozenset(fold(w) for w in ("عبد", "أبو", "ابو"))


def extend_names(text: str, toks, folded: list[str], ents: list[Entity], m) -> list[Entity]:
    """Full names: a PER span right after a given name of the curated lexicon (one space between)
    takes it in (``علي`` + ``يوسف``, ``جهاد`` + ``الزين``; never the preposition ``على`` nor
    ``باسم``, in the name of), and so does ``مولاي``, or ``الملك`` / ``الملكة`` before a one-word
    name (``الملك سلمان``; not ``الملك محمد السادس``); a PER span that ends on a connector (``بن``, ``أبو``, ``ولد``) takes the next
    word; else a PER span that is a first name alone (a given name, or ``عبد`` / ``أبو`` + a word:
    ``عبد الفتاح``, ``عزيز``) takes one more word
    as the family name when ``_family_name`` says so (``عبد الفتاح`` + ``البرهان``, ``عزيز`` +
    ``أخنوش``; not ``محمد`` + ``اليوم``). Only spaces may separate the words; words of
    other entities are never taken. ``toks``: ``(word, start, end)`` tokens of ``text``;
    ``folded``: their folded forms; ``m``: the recognizer model (``recognize._Model``: its
    lexicon, titles and news vocabulary). Returns the entities (changed ones rebuilt)."""
    if not any(e.type == "PER" for e in ents):
        return ents
    stop = patterns.tables()["stop"]
    ends = {b: i for i, (_w, _a, b) in enumerate(toks)}
    starts = [a for _w, a, _b in toks]
    taken = [False] * len(toks)
    for e in ents:
        k = bisect.bisect_left(starts, e.span[0])
        while k < len(toks) and toks[k][1] < e.span[1]:
            taken[k] = True
            k += 1
    lx = m.lexicon
    out = []
    for e in ents:
        k = ends.get(e.span[1])
        if e.type != "PER" or k is None:
            out.append(e)
            continue
        first = bisect.bisect_right(starts, e.span[0]) - 1
        start = e.span[0]
        prv = first - 1  # a given name right before the span: علي + يوسف, جهاد + الزين
        if (prv >= 0 and not taken[prv] and toks[first][1] == start and text[toks[prv][2] : toks[first][1]] == " "
                and ((folded[prv] in lx.given_names and toks[prv][0] not in ("على", "باسم"))
                     or folded[prv] == _MOULAY or (folded[prv] in _ROYAL and first == k))):
            taken[prv] = True
            start = toks[prv][1]
        end = k
        while end + 1 < len(toks) and folded[end] in NAME_LINKS:
            nxt = end + 1
            if (taken[nxt] or text[toks[end][2] : toks[nxt][1]] not in (" ", "\u00a0") or folded[nxt] in stop
                    or not folded[nxt].isalpha() or folded[nxt].startswith("و")):
                break
            end = nxt
        # a first name alone: one given name, or عبد / أبو + a word (عبد الفتاح)
        given_only = end == k and (
            (k == first and folded[k] in lx.given_names) or (k == first + 1 and folded[first] in _FIRST_LINKS)
        )
        nxt = end + 1
        if (given_only and nxt < len(toks) and not taken[nxt] and text[toks[end][2] : toks[nxt][1]] == " "
                and _family_name(folded[nxt], stop, m)):
            end = nxt
        if end == k and start == e.span[0]:
            out.append(e)
            continue
        for i in range(k + 1, end + 1):
            taken[i] = True
        b = toks[end][2]
        etext = text[start:b]
        out.append(Entity(etext, "PER", (start, b), canonical_form(etext, "PER"), e.title))
    return out


def _family_name(w: str, stop: set[str], m) -> bool:
    """Whether folded ``w`` may be the family name after a given name: letters, 3+ long, not a
    function word, title, place or head noun, not opening with و or an imperfect-verb letter
    (ي ت), and outside the 40k most frequent news words (also after a proclitic), unless it is
    a given name or a name the automatic gazetteer calls PER (``البرهان``, ``أخنوش``, ``السيسي``;
    not ``البالغ``, ``بشعارات``, ``يبعدها``)."""
    lx = m.lexicon
    if (
        not w.isalpha()
        or len(w) < 3
        or w in stop
        or w in m.title_like
        or w in lx.places
        or w in lx.org_keywords
        or light_stem(w)[1] in m.titles
    ):
        return False
    if w in lx.given_names:
        return True
    if w.startswith(("و", "ي", "ت")):
        return False
    auto = lx.auto.get(light_stem(w)[1])
    if auto and auto[0] == "PER" and auto[1] >= 0.5:
        return True
    if w in m.vocab:
        return False
    return not any(w.startswith(cl) and w[len(cl) :] in m.vocab for cl in ("ف", "ب", "ل", "ك", "لل"))
