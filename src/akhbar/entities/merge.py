"""Variant merging: one canonical key per entity, shared by its spelling variants.

``canonical_form(text, type) -> str`` is a pure function (no corpus state). Steps, in order:

1. Search folding (``normalize.fold``): diacritics, tatweel, hamza alefs, ى/ي, ة/ه,
   Persian letters. ``"إسرائيل"`` and ``"اسرائيل"`` -> ``"اسرائيل"``.
2. For PER, leading titles are dropped (``"الرئيس دونالد ترامب"`` -> ``"دونالد ترامب"``;
   list: akhbar/data/gazetteer_lexicon.json).
3. Proclitics of the first word are stripped when the rest is a known word or starts with
   the article (``"وكازاخستان"`` -> ``"كازاخستان"``); ل + ال written لل gets its article back
   (``"للأمم المتحدة"`` -> ``"الامم المتحده"``).
4. ``عبد …``, ``أبو …`` and ``… الله`` are joined (``"عبد الله"`` = ``"عبدالله"``,
   ``"عبد ربه"`` = ``"عبدربه"``, ``"نصر الله"`` = ``"نصرالله"``).
5. PER and LOC words that are not protected (curated given names for PER, gazetteer places for LOC;
   words with the article, عبد… and أبو… compounds) are reduced to a *transliteration skeleton*:
   the long vowels ا و ي (and ئ ؤ ء) inside the word are dropped, the letters that
   transliterations of one foreign sound alternate between are folded (s/z: س ص ث ش ز ض
   ظ ذ; t: ت ط; k/kh: ك ق خ; g: ج غ) and doubled letters collapse. Foreign names are written with
   and without long vowels (ترامب/ترمب, سيردار/سردار, بوتين/بوتن) and with either letter
   (ميرزيوييف/ميرضيائيف), which is why CAMeL-style "orthographic normalization" alone does
   not merge them (Habash 2010, *Introduction to Arabic NLP*, §2.4 on transliteration
   variation); دج reads as ج and an initial vowel alef is optional outside places (see
   ``skeleton``). A skeleton equal to the skeleton of exactly one protected word is replaced
   by that word of the same type (``"قرغيزستان"`` -> ``"قيرغيزستان"``). Native names are protected because
   their skeletons collide (حسن/حسين, محمد/محمود, سلمان/سليمان are different people). Outside
   places, the article of a word whose skeleton has 4+ letters is optional (``"البوندستاج"`` =
   ``"بوندستاغ"``, ``"اليونيسف"`` = ``"يونيسيف"``) unless the skeleton without it is a protected
   name's. A PER word whose skeleton is a protected name's is not folded but still loses its
   inner long vowels (``"لوبان"`` = ``"لوبن"``) unless that spells a protected name (``"شاكيري"``
   stays, because ``"شكري"`` is one) or the word has the article.
6. The curated table (akhbar/data/gazetteer_variants.json) maps the resulting key of a
   known variant to the key of its canonical form (``"ترمب"`` -> key of ``"دونالد ترامب"``).

The key is a merge key, not a display form; ``EntityIndex.merged()`` also returns the
most frequent surface form as ``name``.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from akhbar.entities.features import DATA_DIR, Lexicon, light_stem
from akhbar.entities.normalize import fold, restore_article, strip_proclitics
from akhbar.model import Entity

_WORD = re.compile(r"[^\W_]+")
_SKEL_DROP = str.maketrans({"ا": None, "و": None, "ي": None, "ئ": None, "ؤ": None, "ء": None})
_SKEL_FOLD = str.maketrans(
    {
        "ض": "س",
        "ظ": "س",
        "ذ": "س",
        "ز": "س",
        "ص": "س",
        "ث": "س",
        "ش": "س",
        "ط": "ت",
        "ق": "ك",
        "خ": "ك",
        "غ": "ج",
    }
)
_DOUBLE = re.compile(r"(.)\1+")
_ARABIC = re.compile("[\u0621-\u064a]")


def skeleton(word: str, loc: bool = False) -> str:
    """Transliteration skeleton of one folded word: first and last letters kept, inner long vowels dropped.

    ``skeleton("سيردار") == skeleton("سردار") == "سردر"``, ``skeleton("كاين") == skeleton("كين")``;
    for places (``loc``) a final ية (folded يه) is read as -ia (``سورية`` ~ ``سوريا``); words under
    3 letters are returned as is. Rules added for the open-web pairs (issue 16; measured on
    benchmarks/data/entity_variants_openweb.jsonl, see entity_variants.md):

    - the digraph دج of English j/-dge is read as ج (``بيدج`` ~ ``بيج``, ``كامبريدج`` ~ ``كامبريج``);
    - outside places, a word-initial vowel written ا, او or اي is dropped when the rest still has a
      skeleton of 4+ letters: foreign names are written with and without it (``انفيديا`` ~
      ``نيفيديا``, ``ارودغان`` ~ ``اردوغان``, ``اوغوستو`` ~ ``اغوستو``); Arabic words do not start with two
      consonants, so a prosthetic alef comes and goes (Ryding 2005, *A Reference Grammar of Modern
      Standard Arabic*, §2.6 on hamzat al-wasl). Not for places: their skeletons are short and
      collide (``أمريكا`` / ``مايوركا``); not under 4 letters (``أياكس`` / ``يوكوس``).
    """
    if len(word) < 3:
        return word
    word = word.replace("دج", "ج")
    if not loc and len(word) >= 5 and word[0] == "ا":
        # the initial vowel is written ا, او or اي, or not at all: أوغستو / أغوستو / غوستو
        short = _skeleton(word[2:] if word[1] in "وي" else word[1:], loc)
        if len(short) >= 4:  # a shorter skeleton says too little: أياكس -> يكس = يوكوس
            return short
    return _skeleton(word, loc)


def _skeleton(word: str, loc: bool) -> str:
    """``skeleton`` without the two rules above (folded word of 3+ letters)."""
    if loc and len(word) >= 5 and word.endswith("يه"):
        word = word[:-1] + "ا"
    inner = word[1:-1].translate(_SKEL_DROP)
    w = (word[0] + inner + word[-1]).translate(_SKEL_FOLD)
    w = w.replace("ئ", "ي").replace("ؤ", "و").replace("ء", "")
    w = _DOUBLE.sub(r"\1", w)
    if not loc and len(w) >= 4 and w[-1] in "يه":
        w = w[:-1]  # a final -e/-i of Romance names is written or not (فيليبي / فيليب)
    return w


def _novowel(word: str) -> str:
    """``word`` with its inner long vowels dropped and doubled letters collapsed, no letter folded."""
    if len(word) < 3:
        return word
    return _DOUBLE.sub(r"\1", word[0] + word[1:-1].translate(_SKEL_DROP) + word[-1])


class _Resources:
    def __init__(self) -> None:
        lx = Lexicon.curated()
        self.lexicon = lx
        self.titles = lx.titles
        self.title_modifiers = lx.title_modifiers
        table = json.loads((DATA_DIR / "gazetteer_variants.json").read_text(encoding="utf-8"))["entries"]
        places = set(lx.places)
        for ph in lx.place_phrases:
            places.update(w for w in ph if not w.startswith("ال"))
        #: per type: the words kept as they are (and the targets of unique skeletons)
        self.protected: dict[str, set[str]] = {"PER": set(lx.given_names), "LOC": places}
        self.known = lx.known_words() | places
        self.protected["ORG"] = self.protected["MISC"] = self.protected["PER"] | places
        self.skel_unique: dict[str, dict[str, str]] = {}
        self.protected_skeletons: dict[str, set[str]] = {}
        self.skel_many: dict[str, dict[str, list[str]]] = {}
        self.protected_novowel: dict[str, set[str]] = {}
        for typ, words in self.protected.items():
            by_skel: dict[str, set[str]] = defaultdict(set)
            for w in words:
                by_skel[self._skel(w, typ)].add(w)
            self.skel_unique[typ] = {k: next(iter(ws)) for k, ws in by_skel.items() if len(ws) == 1}
            self.skel_many[typ] = {k: sorted(ws) for k, ws in by_skel.items() if len(ws) > 1}
            self.protected_skeletons[typ] = set(by_skel)
            self.protected_novowel[typ] = {_novowel(w) for w in words}
        self.table: dict[tuple[str, str], str] = {}
        for e in table:
            target = self.rule_key(e["canonical"], e["type"])
            for v in e["variants"]:
                self.table[(e["type"], self.rule_key(v, e["type"]))] = target

    @staticmethod
    def _skel(w: str, typ: str = "", drop_article: bool = False) -> str:
        art = "ال" if w.startswith("ال") and len(w) >= 6 else ""
        sk = skeleton(w[len(art) :], typ == "LOC")
        # after the article, a skeleton of under 3 letters says too little: الرياض -> ال+رس = الرس
        if art and len(sk) < 3:
            return w
        # a transliterated name takes the article or not (البوندستاج / بوندستاغ, اليونيسف /
        # يونيسيف); short skeletons after the article are mostly Arabic words (البلدة is not بيلد)
        return sk if drop_article and len(sk) >= 4 else art + sk

    def rule_key(self, text: str, typ: str) -> str:
        words = _WORD.findall(fold(text))
        if typ == "PER":
            while len(words) > 1 and (words[0] in self.titles or words[0] in self.title_modifiers):
                words = words[1:]
        if not words:
            return ""
        cl, rest = strip_proclitics(words[0], self.known)
        words[0] = restore_article(rest, self.known) if not cl else rest
        joined: list[str] = []
        i = 0
        while i < len(words):
            w = words[i]
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if (w in ("عبد", "ابو") and nxt) or nxt == "الله":
                joined.append(w + nxt)
                i += 2
                continue
            joined.append(w)
            i += 1
        if typ != "PER":
            # the article of a later word is written or not: مزار (ال)شريف, أسود (ال)أطلس
            joined = joined[:1] + [w[2:] if w.startswith("ال") and len(w) >= 5 else w for w in joined[1:]]
        prot = self.protected.get(typ, set())
        prot_skel = self.protected_skeletons.get(typ, set())
        uniq = self.skel_unique.get(typ, {})
        out = []
        for w in joined:
            if w in prot or w.startswith(("عبد", "ابو")) or not w.isalpha() or not _ARABIC.match(w):
                out.append(w)
                continue
            s = self._skel(w, typ)
            if typ != "LOC" and w.startswith("ال"):
                d = self._skel(w, typ, drop_article=True)
                s = s if d in prot_skel else d  # not when that reads as a protected name
            if typ == "LOC":
                u = uniq.get(s)
                if u is not None and not _close(w, u):
                    u = None  # مزار and مصر share a skeleton, not a place
                out.append(u or _nearest(w, self.skel_many[typ].get(s, ())) or s)
            elif s in prot_skel:
                # a skeleton like a protected name's: folding letters is too risky (شاكيري vs شكري),
                # dropping long vowels alone is safe unless that spells a protected name too
                nv = _novowel(w)
                risky = typ != "PER" or w.startswith("ال") or len(nv) < 3 or nv in self.protected_novowel[typ]
                out.append(w if risky else nv)
            else:
                out.append(s)
        return " ".join(out)


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions, unit costs) between two strings."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _close(word: str, target: str) -> bool:
    """Whether ``word`` may be read as the spelling variant ``target`` of a place: equal once long
    vowels are dropped (no letter folding), or one edit apart (قرغيزستان / قيرغيزستان)."""
    if word.translate(_SKEL_DROP) == target.translate(_SKEL_DROP):
        return True
    return abs(len(word) - len(target)) <= 1 and levenshtein(word, target) <= 1


def _nearest(word: str, candidates) -> str | None:
    """The candidate closest to ``word`` (edit distance <= 2, strictly closer than the runner-up)."""
    scored = sorted((levenshtein(word, c), c) for c in candidates)
    if scored and scored[0][0] <= 2 and (len(scored) == 1 or scored[0][0] < scored[1][0]):
        return scored[0][1]
    return None


@lru_cache(maxsize=1)
def _res() -> _Resources:
    return _Resources()


@lru_cache(maxsize=65536)
def canonical_form(text: str, type: str) -> str:
    """Merge key of entity ``text`` of ``type`` (PER/LOC/ORG/MISC); see the module doc for the rules.

    Returns ``""`` for text without letters or digits. Never raises.
    """
    r = _res()
    key = r.rule_key(text, type)
    return r.table.get((type, key), key)


def rule_key(text: str, type: str) -> str:
    """``canonical_form`` without the curated table (to measure what the rules alone merge)."""
    return _res().rule_key(text, type)


def resolve_names(entities: list[Entity]) -> None:
    """Within one text: a PER mention that is the family name (last word) of exactly one longer PER
    mention takes that mention's canonical (``"ترامب"`` -> ``"دونالد ترامب"``). In place."""
    full: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        if e.type == "PER":
            parts = e.canonical.split(" ")
            if len(parts) >= 2:
                full[parts[-1]].add(e.canonical)
                full[" ".join((parts[0], parts[-1]))].add(e.canonical)
    for e in entities:
        if e.type == "PER" and e.canonical in full and len(full[e.canonical]) == 1:
            e.canonical = next(iter(full[e.canonical]))


#: Keys of words recognized as names that are not entities of an index (stop-entities): God and
#: currency names (they lead SaudiNewsNet's raw counts; issue 16). Folded, as ``canonical_form``
#: gives them for any type.
STOP_ENTITIES = frozenset(
    {"الله", "ريال", "دولار", "يورو", "جنيه", "دينار", "درهم", "ليره", "روبل", "ين", "يوان", "فرنك", "روبيه"}
)
_TYPE_ORDER = ("PER", "LOC", "ORG", "MISC")


def is_stop_entity(text: str, canonical: str = "") -> bool:
    """Whether a mention is a stop-entity (``STOP_ENTITIES``): its folded text, its key, or either
    without a leading article/proclitic and a plural/dual ending (``الريال``, ``دولارات``)."""
    for f in (fold(text).strip(), canonical):
        if not f:
            continue
        w = f[2:] if f.startswith("ال") and len(f) > 4 else f
        if f in STOP_ENTITIES or w in STOP_ENTITIES or re.sub("(ات|ان|ين)$", "", w) in STOP_ENTITIES:
            return True
    return False


class EntityIndex:
    """Corpus-level merger of entity mentions.

    ``add(article_id, entities)`` records mentions (``Entity`` objects or dicts with
    ``text``, ``type``, ``canonical``); stop-entities (``is_stop_entity``) are left out.
    ``merged()`` returns rows ``{"canonical", "type", "types", "count", "variants", "article_ids",
    "name"}``: one row per merge key whatever the types its mentions were tagged with; ``type`` is
    the majority type of its mentions (ties: PER, LOC, ORG, MISC), ``types`` the count per type;
    ``variants`` the distinct surface texts (most frequent first, then alphabetical); ``name`` the
    most frequent surface text (the display form; ``canonical`` is a merge key, never for
    readers); ``article_ids`` sorted. Rows are sorted by descending count, then type, then
    canonical (deterministic). Across the corpus, PER keys are merged when:

    - a one-word key is the family name of exactly one multi-word key, unless the one word is a
      curated given name or the longer name ends in a patronymic (``بن سلمان``): ``سلمان`` does not
      swallow ``محمد بن سلمان`` (within one text ``resolve_names`` still links them);
    - two multi-word keys share all words but the last, and the last words are both unprotected
      transliteration skeletons of at least 4 letters one edit apart (``بتر سرتو`` / ``بتر سجرتو``:
      Szijjártó written with and without ج); the more frequent key wins.
    """

    def __init__(self) -> None:
        self._mentions: dict[tuple[str, str], Counter] = defaultdict(Counter)
        self._articles: dict[tuple[str, str], set[str]] = defaultdict(set)

    def add(self, article_id: str, entities) -> None:
        """Record the mentions of one article (``list[Entity]`` or ``list[dict]``)."""
        for e in entities:
            if isinstance(e, dict):
                text, typ, can = e.get("text") or "", e.get("type") or "MISC", e.get("canonical") or ""
            else:
                text, typ, can = e.text, e.type, e.canonical
            can = can or canonical_form(text, typ)
            if not can or is_stop_entity(text, can):
                continue
            self._mentions[(typ, can)][text] += 1
            self._articles[(typ, can)].add(article_id)

    def _remap(self, counts: dict[str, int]) -> dict[str, str]:
        """PER key -> key it is merged into (see class doc); ``counts``: mentions per PER key."""
        r = _res()
        given = r.protected["PER"]
        full: dict[str, set[str]] = defaultdict(set)
        by_head: dict[str, list[str]] = defaultdict(list)
        for can in counts:
            if " " in can:
                head, last = can.rsplit(" ", 1)
                by_head[head].append(can)
                if head.rsplit(" ", 1)[-1] not in ("بن", "ابن", "بنت"):
                    full[last].add(can)
        out = {}
        for can in counts:
            if " " not in can and can not in given and len(full.get(can, ())) == 1:
                out[can] = next(iter(full[can]))
        for head, cans in sorted(by_head.items()):
            cans = sorted(cans, key=lambda c: (-counts[c], c))
            for i, c in enumerate(cans):
                last = c.rsplit(" ", 1)[1]
                if c in out or not _loose(last, r):
                    continue
                for d in cans[:i]:
                    dl = d.rsplit(" ", 1)[1]
                    if d not in out and _loose(dl, r) and abs(len(dl) - len(last)) <= 1 and levenshtein(dl, last) == 1:
                        out[c] = d
                        break
        return out

    def merged(self) -> list[dict]:
        """The merged table (see class doc)."""
        per: Counter = Counter()
        for (typ, can), c in self._mentions.items():
            if typ == "PER":
                per[can] += sum(c.values())
        remap = self._remap(per)
        mentions: dict[str, Counter] = defaultdict(Counter)
        types: dict[str, Counter] = defaultdict(Counter)
        arts: dict[str, set[str]] = defaultdict(set)
        for (typ, can), c in self._mentions.items():
            k = remap.get(can, can) if typ == "PER" else can
            mentions[k].update(c)
            types[k][typ] += sum(c.values())
            arts[k] |= self._articles[(typ, can)]
        rows = []
        for can, c in mentions.items():
            variants = sorted(c, key=lambda v: (-c[v], v))
            tc = types[can]
            typ = min(tc, key=lambda t: (-tc[t], _TYPE_ORDER.index(t) if t in _TYPE_ORDER else 9, t))
            rows.append(
                {
                    "canonical": can,
                    "type": typ,
                    "types": dict(sorted(tc.items(), key=lambda kv: (-kv[1], kv[0]))),
                    "count": sum(c.values()),
                    "variants": variants,
                    "article_ids": sorted(arts[can]),
                    "name": variants[0],
                }
            )
        rows.sort(key=lambda r: (-r["count"], r["type"], r["canonical"]))
        return rows


def _loose(word: str, r: _Resources) -> bool:
    """A last-name key word that may be matched loosely: 4+ letters, not a curated name or known word."""
    return len(word) >= 4 and word not in r.protected["PER"] and word not in r.known


def entity_table(articles_parquet_path: str | Path) -> list[dict]:
    """Read ``articles.parquet`` (columns ``id`` and ``entities``) and return ``EntityIndex.merged()``.

    Raises ``FileNotFoundError`` when the file is missing, ``KeyError`` when a column is absent.
    """
    import pyarrow.parquet as pq

    tbl = pq.read_table(articles_parquet_path, columns=["id", "entities"])
    idx = EntityIndex()
    for aid, ents in zip(tbl.column("id").to_pylist(), tbl.column("entities").to_pylist()):
        idx.add(aid, ents or [])
    return idx.merged()


__all__ = [
    "STOP_ENTITIES",
    "EntityIndex",
    "canonical_form",
    "entity_table",
    "is_stop_entity",
    "light_stem",
    "resolve_names",
    "rule_key",
    "skeleton",
]
