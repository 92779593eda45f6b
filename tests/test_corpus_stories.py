"""Tests for akhbar.corpus.stories: same event across outlets, time window, deterministic ids, story_table."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from akhbar.corpus.stories import StoryClusterer, story_table

QUAKE_A = (
    "ضرب زلزال بقوة ست درجات على مقياس ريختر جنوب شرق تركيا فجر اليوم، وأعلنت هيئة الكوارث التركية "
    "مقتل عشرة أشخاص وإصابة العشرات في ولاية ملاطية، وتواصل فرق الإنقاذ البحث تحت الأنقاض."
)
QUAKE_B = (
    "أعلنت هيئة الكوارث والطوارئ التركية أن زلزالا قوته ست درجات ضرب ولاية ملاطية جنوب شرق تركيا، ما أسفر "
    "عن مقتل عشرة أشخاص وإصابة العشرات، فيما تبحث فرق الإنقاذ عن ناجين تحت الأنقاض."
)
FOOTBALL = (
    "فاز فريق الهلال على النصر بهدفين دون رد في قمة الجولة الخامسة من الدوري السعودي للمحترفين، "
    "وسجل الهدفين المهاجم في الشوط الثاني أمام جماهير غفيرة في ملعب الملك فهد الدولي بالرياض."
)
FILLER = [
    "افتتح وزير التعليم مدرسة جديدة في محافظة جدة تضم ثلاثين فصلا دراسيا ومختبرات حديثة للعلوم والحاسب.",
    "ارتفعت أسعار النفط في الأسواق العالمية بعد إعلان منظمة أوبك خفض الإنتاج خلال الربع المقبل من العام.",
    "أطلقت هيئة السياحة برنامجا صيفيا يشمل مهرجانات وفعاليات ثقافية في عدد من مدن المملكة ومحافظاتها.",
    "وقعت الجامعة اتفاقية تعاون مع شركة تقنية عالمية لتدريب الطلاب على البرمجة والذكاء الاصطناعي.",
]


def _run(sc: StoryClusterer) -> list[str]:
    out = []
    for i, f in enumerate(FILLER):
        out.append(sc.add(f"f{i}", None, f, "2024-05-01", (), "x"))
    out.append(sc.add("a", "زلزال يضرب جنوب شرق تركيا", QUAKE_A, "2024-05-02", ["تركيا", "ملاطية"], "outlet1"))
    out.append(sc.add("b", "مقتل 10 في زلزال ملاطية", QUAKE_B, "2024-05-03", ["ملاطية", "تركيا"], "outlet2"))
    out.append(sc.add("c", "الهلال يفوز على النصر", FOOTBALL, "2024-05-03", ["الهلال", "النصر"], "outlet1"))
    out.append(sc.add("d", "زلزال ملاطية", QUAKE_B, "2024-05-20", ["ملاطية"], "outlet3"))
    return out


def test_same_event_other_outlet_joins_story() -> None:
    ids = _run(StoryClusterer())
    a, b, c, d = ids[-4:]
    assert a == "a" and b == "a"  # story id = id of its first article
    assert c == "c"
    assert d == "d"  # 18 days later: outside the 3-day window, a new story


def test_deterministic() -> None:
    assert _run(StoryClusterer()) == _run(StoryClusterer())


def test_undated_articles_match_on_text() -> None:
    sc = StoryClusterer()
    assert sc.add("a", "زلزال", QUAKE_A, None) == "a"
    assert sc.add("b", "زلزال", QUAKE_B, None) == "a"


def test_old_stories_are_dropped() -> None:
    sc = StoryClusterer(window_days=3)
    for i in range(600):
        sc.add(f"n{i}", None, f"خبر رقم {i} " + FILLER[i % 4], f"2024-01-{1 + i // 30:02d}")
    # only stories of the last few days stay alive
    assert len(sc) < 600


def test_story_table(tmp_path) -> None:
    rows = {
        "id": ["a", "b", "c", "d"],
        "title": ["زلزال يضرب تركيا", "مقتل 10 في زلزال", "الهلال يفوز", None],
        "publisher": ["عكاظ", "الرياض", "عكاظ", "سبق"],
        "published": ["2024-05-02", "2024-05-03T10:00:00+03:00", "2024-05-03", None],
        "story_id": ["a", "a", "c", None],
    }
    path = tmp_path / "articles.parquet"
    pq.write_table(pa.table(rows), path)
    table = story_table(path)
    first = {k: table[0][k] for k in ("story_id", "size", "outlets", "first_date", "last_date", "title")}
    assert first == {"story_id": "a", "size": 2, "outlets": ["الرياض", "عكاظ"], "first_date": "2024-05-02",
                     "last_date": "2024-05-03", "title": "زلزال يضرب تركيا"}
    assert table[0]["first_seen"]["publisher"] == "عكاظ"
    assert [(e["rank"], e["id"]) for e in table[0]["timeline"]] == [(1, "a"), (2, "b")]
    assert [r["story_id"] for r in table] == ["a", "c", "d"]
    assert table[2]["first_date"] is None and table[2]["title"] is None
    from akhbar.corpus.storyview import story_ranks

    assert story_ranks(path) == {"a": 1, "b": 2, "c": 1, "d": 1}


def test_story_timeline_shows_a_crawl_day_apart(tmp_path) -> None:
    rows = {
        "id": ["a", "b"], "title": ["زلزال يضرب تركيا", "مقتل 10 في زلزال"], "publisher": ["عكاظ", "الرياض"],
        "published": ["2024-05-02", None], "story_id": ["a", "a"], "crawl_date": ["2024-05-04", "2024-05-05T08:00:00"],
    }
    path = tmp_path / "articles.parquet"
    pq.write_table(pa.table(rows), path)
    (s,) = story_table(path)
    assert [(e["date"], e["crawl_date"]) for e in s["timeline"]] == [("2024-05-02", "2024-05-04"), (None, "2024-05-05")]
    assert (s["first_date"], s["last_date"]) == ("2024-05-02", "2024-05-02")  # a crawl day is no publication day


EID_BODY = ("أقامت {s} حفل معايدة لمنسوبيها بمناسبة عيد الفطر المبارك، بحضور عدد من المسؤولين والموظفين، "
            "وقدم المشاركون التهاني والتبريكات بهذه المناسبة السعيدة، سائلين الله أن يعيده على الجميع بالخير واليمن "
            "والبركات، وتبادل الحضور التهاني وسط أجواء من الفرح والسرور.")
EID_SENDERS = ["وزارة الصحة", "الخدمة المدنية", "جامعة الملك سعود", "هيئة الهلال الأحمر", "أمانة محافظة جدة"]
CABLE = ("بعث {s} برقية تهنئة إلى خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود بمناسبة عيد الأضحى المبارك، "
         "عبر فيها عن أطيب التهاني وأصدق التمنيات، سائلا المولى أن يعيد هذه المناسبة على المملكة بالخير.")
CABLE_SENDERS = ["أمير الكويت", "ملك البحرين", "سلطان عمان"]


def test_eid_greetings_of_different_senders_are_not_one_story() -> None:
    # a new user's trial: every institution's Eid greeting (one template, one day) was put in one story
    sc = StoryClusterer()
    for i, f in enumerate(FILLER):
        sc.add(f"f{i}", None, f, "2015-07-20", (), "x")
    got = [sc.add(f"e{i}", f"{s} تعايد منسوبيها بعيد الفطر", EID_BODY.format(s=s), "2015-07-21", (), f"outlet{i}")
           for i, s in enumerate(EID_SENDERS)]
    assert got == [f"e{i}" for i in range(len(EID_SENDERS))]
    got = [sc.add(f"c{i}", f"{s} يهنئ خادم الحرمين بعيد الأضحى", CABLE.format(s=s), "2015-09-23", (), f"outlet{i}")
           for i, s in enumerate(CABLE_SENDERS)]
    assert got == [f"c{i}" for i in range(len(CABLE_SENDERS))]


def test_eid_greeting_of_one_sender_in_two_outlets_is_one_story() -> None:
    sc = StoryClusterer()
    for i, f in enumerate(FILLER):
        sc.add(f"f{i}", None, f, "2015-07-20", (), "x")
    body = EID_BODY.format(s="وزارة الصحة")
    assert sc.add("a", "وزارة الصحة تعايد منسوبيها", body, "2015-07-21", (), "sabq") == "a"
    assert sc.add("b", "«الصحة» تقيم حفل معايدة لمنسوبيها", body, "2015-07-22", (), "okaz") == "a"


def test_greeting_guard_looks_at_every_kept_title() -> None:
    # a story opened by another article (not a greeting) must not collect every sender's greeting
    from akhbar.corpus.dedup import words
    from akhbar.corpus.stories import term_counts, title_terms
    from akhbar.corpus.storygate import is_greeting, same_sender

    def vec(t: str) -> dict[int, float]:
        return {h: 1.0 for h in term_counts(title_terms(words(t)))}

    other = vec("تبادل وجهات النظر بين القيادات والموظفين للارتقاء بالخدمات")
    first = vec("وزارة الشؤون الاجتماعية تعايد منسوبيها")
    assert is_greeting(first) and not is_greeting(other)
    assert same_sender(first, [other])
    assert not same_sender(vec("وزارة الداخلية تعايد منسوبيها"), [other, first])
    assert same_sender(vec("«الشؤون الاجتماعية» تقيم حفل معايدة لمنسوبيها"), [other, first])


def test_same_kind_of_event_on_another_weekday_is_another_story() -> None:
    # undated reports (no window): the day of the week they name tells a new quake from the first one
    sc = StoryClusterer()
    assert sc.add("a", "زلزال يضرب جنوب شرق تركيا", QUAKE_A.replace("فجر اليوم", "فجر اليوم الأربعاء"), None) == "a"
    assert sc.add("b", "مقتل 10 في زلزال ملاطية", QUAKE_B.replace("ضرب", "ضرب الأربعاء"), None) == "a"
    assert sc.add("c", "زلزال ملاطية", QUAKE_B.replace("ضرب", "ضرب الجمعة"), None) == "c"
    assert sc.add("d", "زلزال ملاطية", QUAKE_B, None) == "c"  # names no day: the text decides (c's words)
    dated = StoryClusterer()  # dated reports: the window decides (a report a day later names another day)
    dated.add("a", "زلزال يضرب جنوب شرق تركيا", QUAKE_A.replace("فجر اليوم", "فجر اليوم الأربعاء"), "2024-05-01")
    assert dated.add("b", "زلزال ملاطية", QUAKE_B.replace("ضرب", "ضرب الخميس"), "2024-05-02") == "a"
    off = StoryClusterer(day_gate=False)
    off.add("a", "زلزال يضرب جنوب شرق تركيا", QUAKE_A.replace("فجر اليوم", "فجر اليوم الأربعاء"), None)
    assert off.add("c", "زلزال ملاطية", QUAKE_B.replace("ضرب", "ضرب الجمعة"), None) == "a"
