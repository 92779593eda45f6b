"""HTML route: the Arabic layer adds to trafilatura and drops a paragraph only with evidence (issue 14).

Hand-written pages: a paragraph with inline links in a sidebar-named container stays body; a run
of headline links (``اقرأ أيضاً`` list, sidebar list) is still dropped; a table trafilatura keeps
keeps its cells; an article trafilatura drops (``<aside>``) is found by the text-route fallback;
a page with no article is still rejected.
"""

from __future__ import annotations

from akhbar import refine_html
from akhbar.html.fallback import text_route_body
from akhbar.html.lists import is_link_line
from akhbar.html.render import Block

P1 = ("وصل وزير الخارجية صباح اليوم الثلاثاء إلى العاصمة الأردنية عمّان في زيارة رسمية تستغرق يومين، "
      "يلتقي خلالها عدداً من كبار المسؤولين لبحث سبل تعزيز التعاون الثنائي.")
P2 = ("وقال مصدر دبلوماسي إن المباحثات ستتناول ملفات الطاقة والمياه والتجارة البينية، إضافة إلى "
      "التطورات الإقليمية الأخيرة وانعكاساتها على استقرار المنطقة.")
P3 = ("وأضاف المصدر أن الجانبين سيوقعان في ختام الزيارة مذكرة تفاهم في مجال النقل البري، تمهيداً "
      "لافتتاح خط جديد لشحن البضائع بين البلدين مطلع العام المقبل.")
TITLE = "وزير الخارجية يزور عمّان لبحث التعاون الإقليمي"
HEAD = f'<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{TITLE}</title></head><body>'
NAV = ('<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/politics">سياسة</a></li>'
       '<li><a href="/sport">رياضة</a></li></ul></nav>')
RELATED = [
    "ارتفاع أسعار النفط في الأسواق العالمية مع تراجع المخزونات",
    "البنك المركزي يبقي أسعار الفائدة دون تغيير للمرة الثالثة",
    "افتتاح معرض الكتاب الدولي بمشاركة أكثر من خمسمئة دار نشر",
]


def _related_list(heading: str = "اقرأ أيضاً") -> str:
    items = "".join(f'<li><a href="/news/{i}">{t}</a></li>' for i, t in enumerate(RELATED))
    return f"<div><h3>{heading}</h3><ul>{items}</ul></div>"


def _main(page):
    assert page.rejection is None, page.rejection
    return next(a for a in page.articles if a.role == "main")


def test_paragraph_with_inline_links_in_a_sidebar_named_container_is_body() -> None:
    # theverge's article sits in ``l-sidebar-fixed``; the zone name alone is no evidence
    linked = ('وأكد <a href="/people/minister">وزير الخارجية</a> في تصريح ل<a href="https://example.com/agency">'
              'وكالة الأنباء</a> أن الزيارة تأتي في إطار التشاور المستمر بين البلدين حول القضايا ذات الاهتمام '
              'المشترك، وأن الجانبين متفقان على أهمية تنسيق المواقف في المحافل الدولية.')
    # the headline outside the container (as on theverge), so the container's zone stays
    html = (HEAD + NAV + f'<h1>{TITLE}</h1><div class="l-sidebar-fixed"><article><p>{P1}</p><p>{linked}</p>'
            f'<p>{P2}</p><p>{P3}</p></article>' + _related_list() + "</div></body></html>")
    a = _main(refine_html(html))
    body = "\n".join(a.body)
    assert "وأكد وزير الخارجية في تصريح لوكالة الأنباء" in body
    assert a.body[0].startswith("وصل وزير الخارجية") and len(a.body) == 4
    for t in RELATED:  # the headed run of headline links is still dropped, and read as related
        assert t not in body
    assert [r.title for r in a.related] == RELATED


def test_sidebar_run_of_headline_links_is_dropped() -> None:
    items = "".join(f'<p><a href="/news/{i}">{t}</a></p>' for i, t in enumerate(RELATED))
    html = (HEAD + NAV + f"<article><h1>{TITLE}</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>"
            f'<div class="sidebar">{items}</div></body></html>')
    page = refine_html(html)
    body = "\n".join(_main(page).body)
    for t in RELATED:
        assert t not in body
    assert P1 in body and P3 in body


def test_table_cells_trafilatura_keeps_are_body() -> None:
    rows = [("المركز", "الفريق", "النقاط"), ("1", "الهلال السعودي", "45"), ("2", "النصر السعودي", "41")]
    table = "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
    html = HEAD + NAV + f"<article><h1>{TITLE}</h1><p>{P1}</p>{table}<p>{P2}</p><p>{P3}</p></article></body></html>"
    a = _main(refine_html(html))
    assert "الهلال السعودي" in a.body and "النقاط" in a.body
    assert a.body.index("الهلال السعودي") < a.body.index("النصر السعودي")


def test_article_inside_aside_falls_back_to_the_text_route() -> None:
    # trafilatura drops <aside>: it returns the menu items, which are furniture
    html = HEAD + NAV + (f'<aside class="story"><h1>{TITLE}</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></aside>'
                         "<footer><p>جميع الحقوق محفوظة ٢٠٢٤</p></footer></body></html>")
    page = refine_html(html)
    a = _main(page)
    assert a.title == TITLE
    assert a.body == [P1, P2, P3]
    assert page.signals.get("text_route_fallback") == 1.0
    labels = {ln.text: ln.label for ln in page.lines}
    assert labels["الرئيسية"] == "navigation" and labels["جميع الحقوق محفوظة ٢٠٢٤"] == "footer"


def test_aside_only_page_where_trafilatura_finds_nothing() -> None:
    html = HEAD + f'<aside><h1>{TITLE}</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></aside></body></html>'
    assert _main(refine_html(html)).body == [P1, P2, P3]


def test_page_with_no_article_is_still_rejected() -> None:
    html = HEAD + NAV + _related_list() + "<footer><p>جميع الحقوق محفوظة ٢٠٢٤</p></footer></body></html>"
    page = refine_html(html)
    assert page.rejection is not None and page.rejection.reason == "no_article"
    assert text_route_body("الرئيسية\nسياسة\nرياضة", None) == []


def test_is_link_line() -> None:
    def block(text: str, link_chars: int) -> Block:
        return Block(text, None, frozenset(), 0, [("x", None)], link_chars)

    assert is_link_line(block("ارتفاع أسعار النفط في الأسواق العالمية", 38))
    assert not is_link_line(block("قال الوزير لوكالة الأنباء إن الزيارة ناجحة وإن المباحثات مستمرة", 13))
