"""Tests for the event keys of story clustering (akhbar.corpus.storykeys), the pair scorer
(akhbar.corpus.storymodel) and the agreement of duplicates with stories (akhbar.run.corpus)."""

from __future__ import annotations

from akhbar import arabic
from akhbar.corpus.dedup import words
from akhbar.corpus.stories import StoryClusterer
from akhbar.corpus.storykeys import event_keys, numbers
from akhbar.corpus.storymodel import FEATURES, load_model
from akhbar.model import Article, Page
from akhbar.run.corpus import CorpusPasses

TEXT = ("استقبل الأمير محمد بن سلمان في الرياض اليوم وزير الخارجية عادل الجبير. "
        "وفاز المغرب على البرتغال 1-0 وارتفع المؤشر ٠٫٥١٪ إلى 8699.17 نقطة")


def test_numbers_scores_decimals_and_small_counts() -> None:
    got = numbers(arabic.normalize("فاز 3-1 ثم 1/3 وارتفع 0.51 الي 8699,17 في 2 يوم", "search"))
    assert got == ["1-3", "0.51", "8699.17"]


def test_event_keys() -> None:
    ents, nums, cues = event_keys(words("لقاء"), words(TEXT), arabic.normalize(TEXT, "search"))
    assert "محمد بن سلمان" in ents and "الرياض" in ents and "المغرب" in ents
    assert not any(e.startswith("علي ") for e in ents)  # على is not the name علي
    assert {"0-1", "0.51", "8699.17"} <= set(nums)
    assert "meeting" in cues and "match" in cues


def test_shipped_model_loads() -> None:
    m = load_model()
    assert len(m.weights) == len(FEATURES) and 0 < m.threshold < 1 and m.source


def test_different_scores_of_a_template_stay_apart() -> None:
    sc = StoryClusterer()
    a = sc.add("a", "الهلال يفوز على النصر 3-1", "فاز الهلال على النصر 3-1 في الدوري السعودي للمحترفين", "2024-05-01")
    b = sc.add("b", "الهلال يفوز على النصر 3-1", "فاز الهلال على النصر 3-1 في الدوري السعودي للمحترفين", "2024-05-01")
    assert a == b == "a"


def test_undated_stories_expire() -> None:
    sc = StoryClusterer(undated_ttl=100)
    for i in range(1200):
        sc.add(f"n{i}", None, f"خبر {i} عن موضوع رقم {i} في مدينة {i}", None)
    assert len(sc) <= 700


def _page(aid: str, body: str, day: str) -> Page:
    page = Page(id=aid, text=body)
    page.crawl_date = day
    page.articles = [Article(id=aid, page_id=aid, role="main", title="زلزال", body=[body], published=day, publisher=aid)]
    return page


def test_a_copy_is_in_its_originals_story() -> None:
    quake = ("ضرب زلزال بقوة ست درجات على مقياس ريختر جنوب شرق تركيا فجر اليوم واعلنت هيئة الكوارث التركية "
             "مقتل عشرة اشخاص واصابة العشرات في ولاية ملاطية وتواصل فرق الانقاذ البحث تحت الانقاض ") * 3
    cp = CorpusPasses()
    pages = [_page("p1", quake, "2024-05-01"), _page("p2", quake, "2024-05-02")]
    for p in pages:
        cp.process(p)
    a, b = pages[0].articles[0], pages[1].articles[0]
    assert b.dup_of == "p1" and b.story_id == a.story_id == "p1"


def test_typed_number_conflicts_and_title_features() -> None:
    from akhbar.corpus.storymodel import features

    f = dict(zip(FEATURES, features(0.5, 0.4, 0.3, 1, frozenset(), {}, frozenset({"18.75", "2023"}),
                                    {"19.75": 1, "2022": 1, "1-3": 1}, frozenset(), {}, None, 3, 1), strict=True))
    assert f["dec_conflict"] == 1.0 and f["year_conflict"] == 1.0 and f["score_conflict"] == 0.0
    assert (f["cos"], f["cos_first"], f["title_cos"]) == (0.5, 0.4, 0.3) and f["undated"] == 1.0
    g = dict(zip(FEATURES, features(0.5, 0.4, 0.3, 1, frozenset(), {}, frozenset({"18.75", "2023"}),
                                    {"18.75": 1, "2023": 1}, frozenset(), {}, 1, 3, 1), strict=True))
    assert g["dec_conflict"] == g["year_conflict"] == 0.0 and g["num_shared"] > 0


def test_title_vector_feature_is_filled() -> None:
    sc = StoryClusterer()
    body = "أعلن البنك المركزي المصري رفع أسعار الفائدة بواقع 200 نقطة أساس في اجتماع لجنة السياسة النقدية اليوم"
    sc.add("a", "المركزي المصري يرفع الفائدة 2%", body, "2023-03-30")
    from akhbar.corpus.build_story_model import article_inputs

    x = article_inputs("المركزي المصري يرفع الفائدة", body)
    art = sc.prepare(x["tf"], "2023-03-30", x["entities"], x["numbers"], x["cues"], x["title_tf"])
    (cid, cos), *_ = sc.candidates_of(art)
    f = dict(zip(FEATURES, sc.features(art, cid, cos), strict=True))
    assert f["title_cos"] > 0.5 and f["cos_first"] == f["cos"]


def test_decimals_without_trailing_zeros_are_one_number() -> None:
    assert numbers(arabic.normalize("من 4.50 الي 4.5 ثم 4.00", "search")) == ["4.5", "4.0"]


def test_a_common_word_after_a_given_name_is_not_a_family_name() -> None:
    from akhbar.corpus.storykeys import entities

    ents = entities(words("انتخب البرلمان عون رئيسا وقال عادل الجبير ان المحكمة تامر اسرائيل"))
    assert "عادل الجبر" in ents and not any(e.startswith(("عون", "تامر")) for e in ents)


def test_new_decimals_entities_and_preview() -> None:
    from akhbar.corpus.storymodel import features

    f = dict(zip(FEATURES, features(0.5, 0.5, 0.5, 1, frozenset({"مصر", "تونس"}), {"مصر": 2}, frozenset({"19.75", "19.25"}),
                                    {"19.25": 2, "18.75": 2}, frozenset({"match", "preview"}), {"match": 2}, None, 3, 2),
                 strict=True))
    assert f["dec_new"] == 0.5 and f["ent_new"] == 0.5 and f["cue_new"] == 0.5 and f["preview"] == 1.0


def test_precision_threshold_prefers_precision() -> None:
    from akhbar.corpus.build_story_model import precision_threshold

    xs = [[x / 10] for x in range(11)]
    ys = [0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1]
    # the scorer p = sigmoid(20 x - 10): 0.5 at x = 0.5; F0.5 is best above the one negative at 0.5
    t = precision_threshold(xs, ys, [20.0], -10.0)
    assert 0.5 < t <= 0.9


def test_thousands_separators() -> None:
    got = numbers(arabic.normalize("اغلق عند 8,699.17 نقطة ثم ٨٬٦٩٩٫١٧ وارتفع 44,53", "search"))
    assert got == ["8699.17", "44.53"]


def test_guessed_persons_are_marked_and_compared_apart() -> None:
    from akhbar.corpus.storykeys import GUESSED, entities
    from akhbar.corpus.storymodel import features

    ws = words("قال عادل الجبير في الرياض ان محمد بن سلمان")
    plain, marked = entities(ws), entities(ws, mark_guessed=True)
    assert "عادل الجبر" in plain and GUESSED + "عادل الجبر" in marked and "عادل الجبر" not in marked
    assert [e for e in plain if e != "عادل الجبر"] == [e for e in marked if not e.startswith(GUESSED)]
    assert GUESSED + "عادل الجبر" in event_keys(ws, [], "")[0]
    # a guessed person is no entity key in ent_*: only guess_shared / guess_new see it
    g = GUESSED + "عمر يناهز"
    f = dict(zip(FEATURES, features(0.5, 0.5, 0.5, 1, frozenset({"مصر", g}), {"مصر": 1}, frozenset(), {},
                                    frozenset(), {}, None, 3, 1), strict=True))
    assert f["ent_frac"] == 1.0 and f["ent_new"] == 0.0 and f["guess_shared"] == 0.0
    f = dict(zip(FEATURES, features(0.5, 0.5, 0.5, 1, frozenset({"مصر", g}), {"مصر": 1, g: 1}, frozenset({"18.75"}),
                                    {"18.75": 1, "19.25": 3}, frozenset(), {}, None, 3, 4, rare_frac=0.25), strict=True))
    assert f["guess_shared"] == 0.5 and f["guess_new"] == 0.0 and f["rare_frac"] == 0.25 and f["num_any"] == 1 / 3


def test_weekdays_are_keys_among_the_numbers() -> None:
    from akhbar.corpus.storykeys import WEEKDAY, weekdays

    assert weekdays(words("أعلن الاتحاد الدولي اليوم الأربعاء")) == [f"{WEEKDAY}2"]
    assert weekdays(words("وصل يوم الجمعة والتقى بالرئيس الإثنين")) == ["@0", "@4"]
    assert weekdays(words("سيارة الأحمد جمعة")) == []  # no article: a name, not a day
    text = "فاز المغرب على البرتغال 1-0 مساء السبت"
    _, nums, _ = event_keys(words("المغرب يتأهل"), words(text), arabic.normalize(text, "search"))
    assert nums == ("0-1", "@5")


def test_weekday_gate_reads_the_days_most_of_the_story_names() -> None:
    from akhbar.corpus.storygate import same_weekday

    doha = {"@4": 4, "@3": 1}  # the Doha funeral's reports (Friday); one names Thursday's in Tehran too
    assert same_weekday(frozenset({"@4"}), doha, 4)
    assert not same_weekday(frozenset({"@3"}), doha, 4)  # the Tehran funeral, on Thursday
    assert same_weekday(frozenset({"@3", "@4"}), doha, 4)
    assert same_weekday(frozenset({"@0"}), {}, 0)  # a story that names no day
    assert same_weekday(frozenset({"@0"}), {"@0": 1, "@6": 1}, 2)
