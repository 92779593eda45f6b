"""Arabic labels for the machine codes the web page shows (entity types, line labels,
rejection reasons, languages, date precision).

The page is Arabic (``lang="ar" dir="rtl"``) with no language switch, so every code is shown
by its Arabic label; an unknown code is shown as it is, isolated LTR, with its code as tooltip.
Sources of the codes: ``akhbar.model.LINE_LABELS`` and ``REJECTION_REASONS`` (a test checks that
each has a label here), the entity types of ``akhbar.entities`` (PER/LOC/ORG/MISC; GPE is
mapped to LOC there but labelled here in case a store holds it), ISO 639-1 language codes (those akhbar's language identification returns).

* :func:`label` ``(kind, code) -> Markup``: Jinja filter ``{{ code | label("reason") }}``.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

ENTITY_TYPES = {
    "PER": "شخص",
    "LOC": "مكان",
    "GPE": "دولة أو مدينة",
    "ORG": "هيئة",
    "MISC": "أخرى",
}

LINE_LABELS = {
    "title": "العنوان",
    "dateline": "سطر التاريخ والمكان",
    "byline": "الكاتب",
    "body": "المتن",
    "source": "المصدر",
    "tags": "الوسوم",
    "related_header": "رأس الروابط ذات الصلة",
    "related": "روابط ذات صلة",
    "navigation": "تنقل",
    "share": "مشاركة",
    "ad": "إعلان",
    "footer": "تذييل",
    "other_boilerplate": "حشو آخر",
    "?": "غير مصنف",
}

REJECTION_REASONS = {
    "empty": "فارغ",
    "binary": "بيانات ثنائية",
    "too_large": "أكبر من الحد",
    "bad_record": "سجل غير صالح",
    "read_error": "خطأ في القراءة",
    "not_arabic": "ليس عربيًا",
    "no_article": "لا يوجد مقال",
    "low_quality": "جودة منخفضة",
    "duplicate": "مكرر",
    "not_html": "ليس HTML",
    "http_status": "حالة HTTP غير 200",
    "timeout": "تجاوز الوقت",
    "internal_error": "خطأ داخلي",
}

LANGUAGES = {
    "ar": "العربية",
    "en": "الإنجليزية",
    "fr": "الفرنسية",
    "fa": "الفارسية",
    "ur": "الأردية",
    "tr": "التركية",
    "he": "العبرية",
    "ku": "الكردية",
    "ckb": "الكردية (سوراني)",
    "es": "الإسبانية",
    "de": "الألمانية",
    "ru": "الروسية",
    "id": "الإندونيسية",
    "ms": "الملايوية",
    "so": "الصومالية",
    "sw": "السواحلية",
    "it": "الإيطالية",
    "zh": "الصينية",
    "?": "غير معروفة",
}

PRECISION = {
    "day": "اليوم",
    "month": "الشهر",
    "year": "السنة",
    "minute": "الدقيقة",
    "second": "الثانية",
    "hour": "الساعة",
}

ROLES = {"main": "المقال الرئيسي", "related": "مقال ملحق", "teaser": "مقتطف"}

#: where a publication date came from (``Article.published_source``)
DATE_SOURCES = {
    "page": "نص الصفحة", "byline": "سطر الكاتب", "record": "حقل السجل", "export_header": "ترويسة التصدير",
    "url": "رابط الصفحة", "jsonld": "بيانات JSON-LD", "html_meta": "وسوم meta", "time_element": "عنصر time",
    "crawl_date": "تاريخ الجمع", "htmldate": "تحليل htmldate للصفحة",
}
#: where a title came from (``Article.title_source``)
TITLE_SOURCES = {
    "page": "عنوان الصفحة", "record": "حقل السجل", "header": "ترويسة التصدير", "url": "رابط الصفحة",
    "first_sentence": "الجملة الأولى",
}

KINDS: dict[str, dict[str, str]] = {
    "date_source": DATE_SOURCES,
    "title_source": TITLE_SOURCES,
    "role": ROLES,
    "entity": ENTITY_TYPES,
    "line": LINE_LABELS,
    "reason": REJECTION_REASONS,
    "language": LANGUAGES,
    "precision": PRECISION,
}


def text(code: Any, kind: str) -> str:
    """The Arabic label of ``code`` in ``kind`` (a key of ``KINDS``), or ``str(code)`` when unknown.

    Raises ``KeyError`` for an unknown ``kind``.
    """
    table = KINDS[kind]
    s = "" if code is None else str(code)
    return table.get(s) or table.get(s.lower()) or table.get(s.upper()) or s


def label(code: Any, kind: str) -> Markup:
    """Jinja filter: the Arabic label of ``code`` (escaped, with the code as ``title`` tooltip);
    an unknown code shown as it is in ``<bdi>``. ``""`` for None/empty."""
    s = "" if code is None else str(code)
    if not s:
        return Markup("")
    t = text(s, kind)
    if t == s:
        return Markup('<bdi class="code">{}</bdi>').format(s)
    return Markup('<span title="{}">{}</span>').format(s, t)


#: Arabic text of the HTTP errors the web page shows, and of the details akhbar.web.app raises.
HTTP_ERRORS = {400: "طلب غير صالح", 404: "الصفحة غير موجودة", 405: "طريقة الطلب غير مسموح بها",
               422: "قيمة غير صالحة في الطلب", 500: "خطأ في الخادم"}
_DETAILS = {"no such article": "لا يوجد مقال بهذا المعرّف", "no such story": "لا توجد قصة بهذا المعرّف",
            "no such entity": "لا يوجد كيان بهذا الاسم"}
#: query fields of the page, by their Arabic names and the value they take
_FIELDS = {"from": ("من", "تاريخ بصيغة YYYY-MM-DD"), "to": ("إلى", "تاريخ بصيغة YYYY-MM-DD"),
           "date_from": ("من", "تاريخ بصيغة YYYY-MM-DD"), "date_to": ("إلى", "تاريخ بصيغة YYYY-MM-DD"),
           "limit": ("عدد النتائج", "عدد صحيح من 1 إلى 1000"), "offset": ("الإزاحة", "عدد صحيح غير سالب"),
           "q": ("نص البحث", "نص لا يزيد على 500 حرف"), "page": ("الصفحة", "عدد صحيح موجب")}


def http_error(code: int, detail: str) -> list[str]:
    """Lines of the error page for HTTP status ``code`` with ``detail``: the status in Arabic, then the
    detail in Arabic when akhbar raised it (``no such article``), else as it is unless it only repeats the
    status's English phrase (``Not Found``). Returns a list of plain str."""
    import http

    out = [HTTP_ERRORS.get(code, "خطأ")]
    try:
        phrase = http.HTTPStatus(code).phrase
    except ValueError:
        phrase = ""
    if detail in _DETAILS:
        out.append(_DETAILS[detail])
    elif detail and detail != phrase:
        out.append(detail)
    return out


def field_error(field: str, value: Any) -> str:
    """One line in Arabic for an invalid query ``field`` (``from``, ``limit`` ...) given ``value``: which
    field, what it takes, what was given (plain str)."""
    name, want = _FIELDS.get(field, (field, "قيمة صالحة"))
    got = "" if value is None else str(value)[:60]
    return f"قيمة غير صالحة في «{name}»: {got!r}؛ المطلوب {want}" if got else f"قيمة غير صالحة في «{name}»؛ المطلوب {want}"


#: Counted nouns: (singular, dual, plural for 3-10, singular accusative for 11-99). Arabic number
#: agreement as grammars state it (e.g. Wright, "A Grammar of the Arabic Language", I §§ 322-324): 1 and
#: 100s take the singular, 2 the dual (the number word is left out), 3-10 the plural, 11-99 the
#: accusative singular.
COUNTED = {
    "مقال": ("مقال", "مقالان", "مقالات", "مقالًا"),
    "نسخة": ("نسخة", "نسختان", "نسخ", "نسخة"),
    "مصدر": ("مصدر", "مصدران", "مصادر", "مصدرًا"),
}


def counted(n: Any, noun: str) -> Markup:
    """Jinja filter ``{{ n | counted("مقال") }}``: the count with the noun's form that agrees with it
    (``1 مقال``، ``مقالان``، ``5 مقالات``، ``14 مقالًا``، ``100 مقال``); the number isolated LTR with
    thousands separators (:func:`akhbar.web.bidi.num`). ``noun`` is a key of :data:`COUNTED`
    (KeyError otherwise); a value that is not an integer is shown with the plural."""
    from akhbar.web.bidi import num

    one, two, few, many = COUNTED[noun]
    try:
        k = int(n)
    except (TypeError, ValueError):
        return Markup("{} {}").format(num(n), few)
    if k == 2:
        return Markup("{}").format(two)
    r = k % 100
    form = few if 3 <= r <= 10 else many if r >= 11 else one
    return Markup("{} {}").format(num(k), form)


__all__ = ["COUNTED", "ENTITY_TYPES", "HTTP_ERRORS", "KINDS", "LANGUAGES", "LINE_LABELS", "REJECTION_REASONS",
           "counted", "field_error", "http_error", "label", "text"]

