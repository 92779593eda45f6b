"""Line rules written on the open-web development set (issue 13): question headlines, mastheads,
date-led lines, a date printed after the body, a headline the URL slug spells, captions printed
twice, ``PLACE / AGENCY/`` credits. Rules only (no line model), synthetic pages in the shapes seen."""

from __future__ import annotations

from akhbar.page import lexicon as lx
from akhbar.page.lines import date_led
from akhbar.page.lineshape import byline_shape
from akhbar.page.titles import slug_line, slug_title
from akhbar.pipeline import Settings, refine_text

BODY = ("أعلنت وزارة الصحة اليوم عن إطلاق حملة وطنية للتطعيم تستهدف الأطفال في جميع المحافظات، "
        "وتستمر الحملة أسبوعين بمشاركة فرق طبية متنقلة في القرى والمدن.\n"
        "وقال المتحدث باسم الوزارة إن الحملة تأتي ضمن خطة لرفع نسبة التغطية باللقاحات هذا العام.")


def _main(text: str, **kw):
    return refine_text(text, settings=Settings(quality=False, line_model=None), **kw).articles[0]


def test_question_headline_above_its_lead() -> None:
    a = _main("هل تنجح حملة وزارة الصحة الوطنية في تطعيم الأطفال؟.. الوزارة تجيب\n" + BODY)
    assert a.title == "هل تنجح حملة وزارة الصحة الوطنية في تطعيم الأطفال؟.. الوزارة تجيب"
    assert a.title_source == "page"
    assert a.body[0].startswith("أعلنت وزارة الصحة")


def test_masthead_is_never_the_headline() -> None:
    a = _main("رئيس مجلس الإدارة\nمحمد أحمد علي\nرئيس التحرير\nسامي خليفة\n" + BODY)
    assert a.title_source != "page"
    assert lx.MASTHEAD.match("رئيس مجلسي الإدارة والتحرير")
    assert lx.MASTHEAD.match("مستشار التحريرمحمود نفادي")
    assert not lx.MASTHEAD.match("رئيس مجلس السيادة يتوجه إلى القاهرة")


def test_date_led_line_is_a_dateline() -> None:
    assert date_led("الإثنين - 09 فبراير 2026 - الساعة 09:01 م بتوقيت عدن ،،،", 12)
    assert not date_led("أعلنت الوزارة يوم 9 فبراير 2026 عن حملة", 8)
    a = _main("اخبار وتقارير\nالإثنين - 09 فبراير 2026 - الساعة 09:01 م بتوقيت عدن ،،،\n" + BODY)
    assert a.published and a.published.startswith("2026-02-09")
    assert a.body[0].startswith("أعلنت وزارة الصحة")


def test_date_alone_after_the_body() -> None:
    a = _main("وزارة الصحة تطلق حملة وطنية لتطعيم الأطفال\n" + BODY + "\nأربعاء, 10/12/2025 - 15:51")
    assert a.published == "2025-12-10T15:51:00" and a.published_source == "page"


def test_headline_spelled_by_the_url_slug() -> None:
    url = "https://example.com/ar/2017/11/09/%d8%a3%d9%8a%d8%a7%d9%85-%d9%82%d8%b1%d8%b7%d8%a7%d8%ac"
    a = _main("أيام قرطاج\n" + BODY, url=url)
    assert a.title == "أيام قرطاج" and a.title_source == "page"
    assert slug_line([], "https://example.com/tag/أيام-قرطاج", 0, -1) is None  # a listing page
    assert slug_title("https://example.com/a/وزارة-الطاقة-ستزيد-ساعات-التشغيل1761855304") == "وزارة الطاقة ستزيد ساعات التشغيل"


def test_caption_printed_twice_is_not_the_headline() -> None:
    a = _main("وزارة الصحة تطلق حملة وطنية لتطعيم الأطفال في المحافظات\nالمتحدث باسم وزارة الصحة\n"
              "المتحدث باسم وزارة الصحة\n" + BODY)
    assert a.title == "وزارة الصحة تطلق حملة وطنية لتطعيم الأطفال في المحافظات"


def test_place_agency_slash_credit() -> None:
    assert byline_shape("غزة / سما/")
    assert byline_shape("أنقرة/ الأناضول")
    assert not byline_shape("2026/01/10")


TICKER = ("صعدت أسعار الذهب العالمية اليوم، مقتربة من أعلى مستوى في ثلاثة أسابيع، مدعومة بانخفاض "
          "الدولار والطلب على الملاذ الآمن، فيما يترقب المستثمرون المزيد من البيانات الاقتصادية.\n"
          "قاد النجم الدولي محمد صلاح فريقه ليفربول إلى تعزيز موقعه في صدارة جدول ترتيب الدوري "
          "الإنجليزي الممتاز لكرة القدم بفوزه على مضيفه ساوثهامبتون الليلة الماضية.\n")


def test_ticker_above_the_headline_and_its_credit() -> None:
    # site-wide top stories printed as full sentences above the article (Yemeni agency sites)
    a = _main(TICKER + "وزارة الصحة تطلق حملة وطنية لتطعيم الأطفال في جميع المحافظات\nصعدة - سبأ:\n" + BODY)
    assert a.title == "وزارة الصحة تطلق حملة وطنية لتطعيم الأطفال في جميع المحافظات"
    assert a.body[0].startswith("أعلنت وزارة الصحة")
    # without a credit line under it, a short line after the first paragraphs stays an intertitle
    b = _main(BODY + "\nحملة وطنية لتطعيم الأطفال في جميع المحافظات\n" + BODY)
    assert b.body[0].startswith("أعلنت وزارة الصحة") and b.title_source != "page"


def test_headline_that_names_a_day() -> None:
    from akhbar.page.lines import line_info
    from akhbar.page.lineshape import dated_headline

    def dh(t: str) -> bool:
        return dated_headline(line_info(t, (0, len(t))))

    assert dh("مقدمة نشرة أخبار المسائية ليوم الثلاثاء في 01/10/2024")
    assert dh("أسعار العملات في ليبيا الثلاثاء 15 مارس 2022")
    assert not dh("نيسان ـ نشر في 2021/08/30 الساعة 00:00")
    assert not dh("العدد 2854 - الثلثاء 29 يونيو 2010م الموافق 16 رجب 1431هـ")
    assert not dh("الثلاثاء 15 مارس 2022")
    a = _main("مقدمة نشرة أخبار المسائية ليوم الثلاثاء في 01/10/2024\n" + BODY)
    assert a.title == "مقدمة نشرة أخبار المسائية ليوم الثلاثاء في 01/10/2024" and a.title_source == "page"


def test_label_line_is_never_the_headline() -> None:
    # an aggregator's keyword page: the keyword as a label over the snippets, the slug spells it
    url = "https://example.com/w/9/%D9%82%D9%8A%D8%B3-%D8%B3%D8%B9%D9%8A%D8%AF"
    a = _main("«قيس سعيد»:\n" + BODY, url=url)
    assert a.title_source != "page"
    from akhbar.page.linemodel import _label_line
    from akhbar.page.lines import line_info

    assert _label_line(line_info("«قيس سعيد»:", (0, 11)))
    assert not _label_line(line_info("قال الوزير في مقابلة مع القناة:", (0, 31)))
    a = refine_text("«قيس سعيد»:\n" + BODY, url=url, settings=Settings(quality=False)).articles[0]
    assert a.title_source != "page"


def test_byline_fused_after_the_headline_is_cut() -> None:
    a = _main("وزارة الصحة تطلق حملة وطنية لتطعيم الأطفال..بقلم: سامي خليفة الكاتب الصحفي\n" + BODY)
    assert a.title == "وزارة الصحة تطلق حملة وطنية لتطعيم الأطفال" and a.title_source == "page"


def test_headline_inside_an_aggregator_wrapper() -> None:
    a = _main("انت الأن تتابع خبر وزارة الصحة تطلق حملة وطنية لتطعيم الأطفال ( فيديو ) والأن مع التفاصيل\n" + BODY)
    assert a.title == "وزارة الصحة تطلق حملة وطنية لتطعيم الأطفال ( فيديو )" and a.title_source == "page"
    assert "تتابع" not in " ".join(a.body)


def test_headline_printed_twice_over_its_deck() -> None:
    h = "وزارة الصحة تطلق حملة وطنية لتطعيم الأطفال"
    a = _main(f"{h}\n{h}\nالحملة تستمر أسبوعين في المحافظات كلها\n" + BODY)
    assert a.title == h


def test_headline_under_a_speakers_kicker() -> None:
    a = _main("وزير الصحة الأسبق في حوار خاص:\nحملة التطعيم ستصل إلى كل قرية\n"
              "لا نقص في اللقاحات هذا العام\nالأطباء شركاء في النجاح\n" + BODY)
    assert a.title == "حملة التطعيم ستصل إلى كل قرية"


def test_ticker_of_headlines_over_the_article() -> None:
    ticker = " ".join(["وزير الخارجية يلتقي نظيره الفرنسي في باريس", "ارتفاع أسعار الذهب في الأسواق المحلية",
                       "المنتخب يفوز على ضيفه بهدفين نظيفين", "عاجل.. انهيار جديد للعملة أمام الدولار"] * 3)
    # the headline restates little of the lead: the shape decides (a run of headlines, a date-led dateline)
    a = _main("آخر الاخبار\n" + ticker + "\nتصريحات صريحة للمسؤول عن خطة الموسم المقبل\n"
              "السبت 05 أغسطس-آب 2023 الساعة 02 مساءً / مأرب برس-وكالات\n" + BODY)
    assert a.title == "تصريحات صريحة للمسؤول عن خطة الموسم المقبل"
    assert a.published and a.published.startswith("2023-08-05")
    assert a.body[0].startswith("أعلنت وزارة الصحة")


def test_short_sentences_continue_the_body() -> None:
    a = _main("أسعار العملات في ليبيا الثلاثاء 15 مارس 2022\n"
              "تباينت أسعار صرف معظم العملات العربية والأجنبية، مقابل الدينار الليبي، في السوق الموازية اليوم.\n"
              "أسعار العملات العربية\nمن العملات العربية المتداولة في ليبيا جاء الدينار التونسي ليسجل 1.65.\n"
              "واستقر سعر الجنيه المصري عند 0.32.\nأما سعر الدينار الأردني فسجل 6.85.\n"
              "السعر الرسمي للدولار\n" + BODY + "\n" + BODY)
    assert a.title == "أسعار العملات في ليبيا الثلاثاء 15 مارس 2022"
    assert a.body[0].startswith("تباينت أسعار")
