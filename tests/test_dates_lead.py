"""The main story's date from the page's lead (open-web development set shapes), and the crawl-date
guard: a page is never published more than a day after it was fetched."""

from __future__ import annotations

from akhbar.pipeline import Settings, refine_text

BODY = ("أعلنت وزارة الصحة اليوم عن إطلاق حملة وطنية للتطعيم تستهدف الأطفال في جميع المحافظات، "
        "وتستمر الحملة أسبوعين بمشاركة فرق طبية متنقلة في القرى والمدن.\n"
        "وقال المتحدث باسم الوزارة إن الحملة تأتي ضمن خطة لرفع نسبة التغطية باللقاحات هذا العام.")


def _main(text: str, **kw):
    return refine_text(text, settings=Settings(quality=False), **kw).articles[0]


def test_date_line_above_headline() -> None:
    a = _main("• Admin الجمعة 13 سبتمبر 2019\nوزارة الصحة تطلق حملة وطنية لتطعيم الأطفال\n" + BODY)
    assert a.published == "2019-09-13" and a.published_source == "page"


def test_today_in_first_sentence() -> None:
    a = _main("وزارة الصحة تطلق حملة وطنية لتطعيم الأطفال\nأعلنت وزارة الصحة اليوم الثلاثاء 15 مارس 2022 عن "
              "إطلاق حملة وطنية للتطعيم تستهدف الأطفال في جميع المحافظات.\n" + BODY)
    assert a.published == "2022-03-15"


def test_yesterday_in_first_sentence_is_the_day_before() -> None:
    a = _main("وزارة الصحة تطلق حملة وطنية لتطعيم الأطفال\nأطلقت وزارة الصحة أمس الجمعة 31 يوليو 2015 حملة "
              "وطنية للتطعيم تستهدف الأطفال في جميع المحافظات.\n" + BODY)
    assert a.published == "2015-08-01"


def test_site_clock_above_masthead_is_not_the_date() -> None:
    a = _main("السبت , 4 فبراير 2023\nالرئيسية / صفحه 240\nأرشيف الموقع\n"
              "وزارة الصحة تطلق حملة وطنية لتطعيم الأطفال\n" + BODY)
    assert a.published is None


def test_no_publication_after_the_crawl_date() -> None:
    text = ("وزارة الصحة تطلق حملة وطنية لتطعيم الأطفال\nالخميس 20 أغسطس 2015\n" + BODY)
    assert _main(text, crawl_date="2015-08-25").published == "2015-08-20"
    # a deadline read as a dateline on a page fetched earlier is not its publication date
    assert _main(text, crawl_date="2015-07-21").published is None
