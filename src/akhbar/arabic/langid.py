"""Language identification for news pages: script first, then words.

``identify_language(text) -> LanguageGuess(code, script, confidence)``.

Method (chosen by measurement, see ``benchmarks/langid_bench.py``): count letters per
script on a bounded sample of the text (the first 1,200 characters plus 800 from the
middle of long texts).  Arabic-script text is then split between Arabic (ar), Persian (fa),
Urdu (ur), Pashto (ps) and Central Kurdish (ckb) on *words* and language-specific letters,
never on letter shapes alone: words are looked up in a copy where ی/ي and ک/ك are unified
and diacritics are dropped, so Arabic typed on a Persian keyboard (فی, علی, الخارجیة) still
scores as Arabic (case langid-arabic-typed-with-persian-letters), and heavily vowelled
Arabic is still Arabic.  Latin-script text is split between en, fr, es, de, it on
function words.  Other scripts map to their main language with a lower confidence.

Word lists: the most frequent function words of each language, hand-picked to be
discriminative (words shared by ar and fa such as و من ما به هم are left out).  Sources:
frequency lists of SaudiNewsNet and ANT (ar); the fa cues named in the case (می‌ را است);
Urdu cues (نے کے ہے ے ں ہ ٹ ڈ ڑ ۔) from the same case; Latin lists from common stop-word lists
(NLTK stopwords corpus, top entries).
"""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass

from akhbar.arabic import letters as L

SAMPLE_HEAD = 1200  # characters
SAMPLE_MID = 800  # characters


@dataclass(slots=True, frozen=True)
class LanguageGuess:
    """A language guess: ``code`` ISO 639-1 (or 639-3 where no -1 code: ckb; "und" when the
    text has no letters), ``script`` ISO 15924 (Arab, Latn, Cyrl, ... or Zyyy), and
    ``confidence`` in [0, 1]."""

    code: str
    script: str
    confidence: float


def _words(s: str) -> frozenset[str]:
    """Word set with its keyboard variants: each ي may be typed ی and each ك as ک."""
    out: set[str] = set()
    for w in s.split():
        forms = {w}
        for a, b in (("\u064a", "\u06cc"), ("\u0643", "\u06a9")):
            forms |= {f.replace(a, b) for f in forms}
            forms |= {f.replace(a, b, 1) for f in forms}
            forms |= {f[::-1].replace(a, b, 1)[::-1] for f in forms}
        out |= forms
    return frozenset(out)


# --- word lists (after folding: ی->ي, ک->ك, ہ ھ kept; diacritics and tatweel removed) ---
_AR_WORDS = _words(
    """في فى على إلى الى أن ان عن مع هذا هذه التي التى الذي الذى الذين كان كانت قال وقال
    بين حيث بعد قبل أو ثم إن لم لن قد كما وفي وأن أنه إنه انه هو هي ذلك تلك عند خلال حول منذ
    ضد دون غير بعض كل أي عليه فيه إليه اليه لها له منها منه عنه وهو وهي ولا وقد وكان وكانت
    يتم تم أيضا ايضا فقط حتى لدى إذا اذا وذلك وهذا وعلى وإلى وعن ومع كذلك بأن بان لأن لان
    عام العام اليوم أمس يوم وزير رئيس الذين اللذين التي وفيما فيما بها بهذا لهذا هناك هنا
    أكثر اكثر أكد وأكد وأضاف أضاف واضاف مشيرا لافتا"""
)
_FA_WORDS = _words(
    """در از كه اين را با است براي شد شده مي ميشود ميكند ميكنند هاي ها يك خود تا كرد
    كند كنند نيز وي بر آن اند بود بودند دارد دارند شود باشد بايد پس نمي هر چه چون اگر
    همه ديگر بين كرده كردند گفت گفته آنها ايشان هستند هست نخست پيش روز سال امروز درباره
    خواهد خبرگزاري"""
)
_UR_WORDS = _words(
    """كے كي ہے ہيں نے ميں سے كو اور كا پر بھي كہ يہ وہ گيا گئے گئي تھا تھے تھي ہو جو ان كر
    كيا كيے ليے لئے ساتھ بعد والے والي ہوں ہوئے ہوئی كہا جائے گا گی گے اس"""
)
_LISTED_WORDS = _AR_WORDS | _FA_WORDS | _UR_WORDS
_EN = _words("the of and to in is that for on with as was by it are be this from at an has have not which")
_FR = _words("le la les de des et est un une du en dans pour que qui sur au aux par pas plus ne se il elle ce avec été sont")
_ES = _words("el los las del y en que por con para una es se no al lo como más su sus fue ha")
_DE = _words("der die das und ist nicht ein eine zu den mit von sich auf für dem des im auch wird")
_IT = _words("il di che è la per un non sono della con del le gli nel alla una anche dei")
_LATIN_LISTS = (("en", _EN), ("fr", _FR), ("es", _ES), ("de", _DE), ("it", _IT))

# --- letters ------------------------------------------------------------------------------
# Letters are counted on the UTF-8 bytes of the sample (bytes.translate runs in C): lead
# bytes D8-DB are the Arabic block U+0600-U+06FF; A-Za-z plus lead bytes C3-C5 are Latin.
_KEEP_ARABIC_LEAD = bytes(b for b in range(256) if b not in (0xD8, 0xD9, 0xDA, 0xDB))
_KEEP_LATIN = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122 or 0xC3 <= b <= 0xC5))
_ARABIC_LETTER_SIMPLE = re.compile("[\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06fa-\u06ff]")
_PRESENTATION_LETTERS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")
_OTHER_SCRIPTS = (
    ("Cyrl", "ru", re.compile("[\u0400-\u04ff]")),
    ("Hebr", "he", re.compile("[\u05d0-\u05ea]")),
    ("Grek", "el", re.compile("[\u0370-\u03ff]")),
    ("Deva", "hi", re.compile("[\u0900-\u097f]")),
    ("Hang", "ko", re.compile("[\uac00-\ud7af]")),
    ("Jpan", "ja", re.compile("[\u3040-\u30ff]")),
    ("Hani", "zh", re.compile("[\u4e00-\u9fff]")),
    ("Thai", "th", re.compile("[\u0e00-\u0e7f]")),
)
_LATIN_WORD = re.compile(r"[^\W\d_]+")
_MARKS_SIMPLE = re.compile("[\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")
# an ال / لل-prefixed word (with و ف ب ك before it), after a space or newline
_AR_PREFIX = re.compile(r"\s[وفبك]?(?:ال|لل)")
_FA_UR_CUES = "\u067e\u0686\u0698\u06af"  # پ چ ژ گ
_UR_CUES = "\u0679\u0688\u0691\u06ba\u06be\u06d2\u06d3\u06c1\u06d4"  # ٹ ڈ ڑ ں ھ ے ۓ ہ ۔
_PS_CUES = "\u067c\u0689\u0693\u0696\u069a\u06ab\u0681\u0685\u06bc"  # ټ ډ ړ ږ ښ ګ ځ څ ڼ
_CKB_CUES = "\u06ce\u06c6\u0695\u06b5\u06a4"  # ێ ۆ ڕ ڵ ڤ
_FA_UR_WEAK = "\u06cc\u06a9\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"  # ی ک ۰-۹
_CUE_LETTERS = re.compile(f"[{_FA_UR_CUES}{_UR_CUES}{_PS_CUES}{_CKB_CUES}{_FA_UR_WEAK}]")
_ZWNJ_FA = re.compile("[\u0620-\u06d5]\u200c[\u0620-\u06d5]")


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_HEAD + SAMPLE_MID:
        return text
    mid = len(text) // 2
    return text[:SAMPLE_HEAD] + "\n" + text[mid : mid + SAMPLE_MID]


def _arabic_script(sample: str, n_letters: int, raw: bytes | None = None) -> LanguageGuess:
    """``raw``: the UTF-8 bytes of ``sample`` when the caller has them (cheap pre-checks)."""
    # presentation forms (U+FB50-U+FEFC) all start with the UTF-8 byte EF
    if (raw is None or b"\xef" in raw) and _PRESENTATION_LETTERS.search(sample):
        sample = sample.translate(L.presentation_table())
    bare = _MARKS_SIMPLE.sub("", sample) if _MARKS_SIMPLE.search(sample) else sample
    # the few words on any list (one C pass over the sample), then each list counts among them
    words = list(filter(_LISTED_WORDS.__contains__, bare.split()))
    ar = sum(map(_AR_WORDS.__contains__, words)) + 0.8 * len(_AR_PREFIX.findall(bare))
    ar += 0.5 * sample.count("\u0629")
    fa = sum(map(_FA_WORDS.__contains__, words)) + 0.5 * (len(_ZWNJ_FA.findall(sample)) if "\u200c" in sample else 0)
    ur = float(sum(map(_UR_WORDS.__contains__, words)))
    found = _CUE_LETTERS.findall(sample)
    if found:
        cues = collections.Counter(found)
        n_faur = sum(cues[c] for c in _FA_UR_CUES)
        # Farsi yeh / keheh and Extended Arabic-Indic digits: weak fa/ur cues (Arabic typed on a
        # Persian keyboard has them too, but then Arabic words outweigh them)
        n_weak = sum(cues[c] for c in _FA_UR_WEAK)
        n_urc = sum(cues[c] for c in _UR_CUES)
        n_ps = sum(cues[c] for c in _PS_CUES)
        n_ckb = sum(cues[c] for c in _CKB_CUES)
    else:  # the common case: no cue letter at all
        n_faur = n_weak = n_urc = n_ps = n_ckb = 0
    fa += 0.3 * n_faur + 0.2 * n_weak
    ur += 0.3 * n_faur + 0.2 * n_weak + n_urc
    scores = {"ar": ar, "fa": fa, "ur": ur}
    if n_ps >= 3 and n_ps >= 0.02 * n_letters:
        scores["ps"] = 2.0 * n_ps
    if n_ckb >= 3 and n_ckb >= 0.02 * n_letters:
        scores["ckb"] = 2.0 * n_ckb
    total = sum(scores.values())
    if total <= 0:
        return LanguageGuess("ar", "Arab", 0.3)
    code = max(scores, key=scores.__getitem__)
    conf = scores[code] / total
    # little evidence (a short line): shrink the confidence
    conf *= 0.3 + 0.7 * min(1.0, total / 5.0)
    return LanguageGuess(code, "Arab", round(conf, 3))


def _latin_script(sample: str) -> LanguageGuess:
    words = [w.lower() for w in _LATIN_WORD.findall(sample)]
    scores = {code: sum(1 for w in words if w in lst) for code, lst in _LATIN_LISTS}
    total = sum(scores.values())
    if total == 0:
        return LanguageGuess("und", "Latn", 0.2)
    code = max(scores, key=scores.__getitem__)
    conf = scores[code] / total
    conf *= min(1.0, total / 4.0) * 0.5 + 0.5
    return LanguageGuess(code, "Latn", round(conf, 3))


def identify_language(text: str) -> LanguageGuess:
    """Guess the language of a page or line (str -> LanguageGuess).

    Scores a bounded sample (at most 2,001 characters), so the cost per page is bounded
    (> 2,000 pages/s on one core, see ``benchmarks/langid_bench.py``).  Text with no
    letters gives ``LanguageGuess("und", "Zyyy", 0.0)``.  The majority script (by letter
    count) decides the family; Arabic script -> ar/fa/ur/ps/ckb, Latin -> en/fr/es/de/it.
    Never raises.
    """
    sample = _sample(text)
    if sample.isascii():
        raw = None
        n_arab = 0
        n_latn = len(sample.encode("ascii").translate(None, _KEEP_LATIN))
    else:
        raw = sample.encode("utf-8", "surrogatepass")
        n_arab = len(raw.translate(None, _KEEP_ARABIC_LEAD))
        if n_arab < 50:  # short text: count letters exactly (digits and ، are in the block too)
            n_arab = len(_ARABIC_LETTER_SIMPLE.findall(sample)) + len(_PRESENTATION_LETTERS.findall(sample))
        n_latn = len(raw.translate(None, _KEEP_LATIN))
    if n_arab and n_arab >= n_latn:
        return _arabic_script(sample, n_arab, raw)
    others = [(len(p.findall(sample)), script, code) for script, code, p in _OTHER_SCRIPTS] if not sample.isascii() else []
    best_other = max(others, default=(0, "", ""))
    if n_latn and n_latn >= best_other[0]:
        return _latin_script(sample)
    if best_other[0]:
        _n, script, code = best_other
        if script == "Hani" and any(n2 for n2, s2, _ in others if s2 == "Jpan"):
            script, code = "Jpan", "ja"
        return LanguageGuess(code, script, 0.6)
    return LanguageGuess("und", "Zyyy", 0.0)


def identify_lines(text: str, min_letters: int = 1) -> list[tuple[tuple[int, int], LanguageGuess]]:
    """Per-line language for mixed pages: ``[((start, end), LanguageGuess), ...]``.

    Spans are character offsets of each line (without its newline) in ``text``; lines with
    fewer than ``min_letters`` letters are skipped.
    """
    out: list[tuple[tuple[int, int], LanguageGuess]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if sum(1 for c in line if c.isalpha()) >= min_letters:
            out.append(((pos, end), identify_language(line)))
        pos = end + 1
    return out
