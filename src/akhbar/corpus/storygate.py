"""Guards of story clustering: festival greetings (Eid) from different senders are not one story; an
article that names another day of the week than a story is another event (:func:`same_weekday`).

Around each Eid, every ministry, emir, company and paper publishes the same template, "X congratulates Y on
Eid al-Fitr" or "X holds an Eid reception for its staff" (``مكتبة الملك عبدالعزيز العامة تعايد منسوبيها``,
``الخدمة المدنية تعايد منسوبيها``, ``جريدة الرياض تهنئكم بحلول عيد الفطر المبارك``). The template words are
the same, the lead words nearly so, and the day is the same, so the pair scorer merged them: on SaudiNewsNet
one story held 17 receptions of 17 institutions, another 8 (``benchmarks/results/stories_eval.md``). What
tells them apart is the sender (and addressee): the title words left once the template words are removed.

:func:`is_greeting` says whether a title vector (``{bucket: weight}`` of the title's index terms, as
``StoryClusterer`` keeps it) is such a greeting: it names the festival (``عيد``, ``الفطر``, ``الأضحى``) and a
greeting (``تهنئة``, ``يهنئ``, ``المهنئين``, ``تهاني``), or uses a word that is both (``معايدة``, ``تعايد``).
:func:`same_sender` says whether a greeting may join a greeting story: the cosine of the two titles without
the template words (:data:`TEMPLATE`) must be at least :data:`MIN_SENDER_COS` for one of the story's kept
titles. Two outlets' reports of one reception (``أمير الرياض يستقبل المهنئين بعيد الفطر`` /
``أمير الرياض يستقبل منسوبي الإمارة المهنئين بالعيد``) keep the sender's words and pass; a title that is
nothing but the template (``تهنئة بعيد الفطر``) has no sender words and joins no other greeting.

The word lists are index terms (``akhbar.corpus.storyterms``: search-normalized, ``ال`` and its clitic
forms stripped); hand-written from the SaudiNewsNet Eid al-Fitr 2015 titles. Pure; never raises.
"""

from __future__ import annotations

import functools
import math

from akhbar.corpus.storyterms import bucket

__all__ = ["MIN_SENDER_COS", "TEMPLATE", "is_greeting", "same_sender", "same_weekday"]

#: the festival: عيد (بعيد, للعيد, بالعيد), الفطر, الأضحى
FESTIVAL = ("عيد", "بعيد", "وعيد", "لعيد", "اعياد", "فطر", "اضحي")
#: a greeting or congratulation
GREETING = ("تهنئه", "تهنئ", "يهنئ", "يهنئان", "تهنئكم", "يهنئكم", "يهنئون", "تهاني", "تهانيه", "مهنئين", "لتهنئه",
            "بتهنئه", "تبريكات")
#: words that are both (an Eid greeting or reception)
BOTH = ("معايده", "ومعايده", "لمعايده", "معايدات", "تعايد", "يعايد", "يعايدون", "تعايدان", "يعايدان", "ويعايد", "وتعايد")
#: the template words left out when senders are compared (the lists above and the usual frame of the titles)
TEMPLATE = (*FESTIVAL, *GREETING, *BOTH, "مبارك", "سعيد", "منسوبي", "منسوبيها", "منسوبيه", "لمنسوبيها", "لمنسوبيه",
            "حفل", "بحفل", "يقيم", "تقيم", "ينظم", "تنظم", "يستقبل", "تستقبل", "استقبال", "يتلقي", "تتلقي", "تلقي",
            "برقيه", "برقيات", "بحلول", "حلول", "بمناسبه", "مناسبه", "موظفي", "موظفين", "للموظفين", "مواطنين",
            # whom an Eid visit greets: patients, children, inmates, workers
            "يزور", "لقاء", "مرضي", "مرضاها", "مرضاه", "منومين", "مستشفي", "مستشفيات", "اطفال", "نزلاء", "لنزلائها",
            "عمال", "عماله", "هدايا", "بالهدايا")
#: the least cosine of two greetings' sender words for them to share a story
MIN_SENDER_COS = 0.5


@functools.cache
def _sets() -> tuple[frozenset[int], frozenset[int], frozenset[int], frozenset[int]]:
    b = lambda ws: frozenset(map(bucket, ws))
    return b(FESTIVAL), b(GREETING), b(BOTH), b(TEMPLATE)


def is_greeting(title: dict[int, float]) -> bool:
    """True when the title vector ``title`` (``{bucket: weight}``) is a festival greeting (see module doc)."""
    if not title:
        return False
    fest, greet, both, _ = _sets()
    keys = title.keys()
    return not both.isdisjoint(keys) or (not fest.isdisjoint(keys) and not greet.isdisjoint(keys))


def _residual(title: dict[int, float]) -> tuple[dict[int, float], float]:
    tmpl = _sets()[3]
    r = {h: w for h, w in title.items() if h not in tmpl}
    return r, math.sqrt(sum(w * w for w in r.values()))


def same_sender(title: dict[int, float], story_titles: list[dict[int, float]]) -> bool:
    """Whether a greeting with title vector ``title`` may join a story whose kept title vectors are
    ``story_titles`` (its first articles'): True when none of them is a greeting, else when the cosine of the
    sender words (the titles without :data:`TEMPLATE`) reaches :data:`MIN_SENDER_COS` for one of the greetings
    (a story opened by another article about the same day must not collect every sender's greeting)."""
    greetings = [t for t in story_titles if is_greeting(t)]
    if not greetings:
        return True
    mine, n1 = _residual(title)
    if n1 <= 0:
        return False
    for t in greetings:
        theirs, n2 = _residual(t)
        if n2 > 0 and sum(w * theirs.get(h, 0.0) for h, w in mine.items()) / (n1 * n2) >= MIN_SENDER_COS:
            return True
    return False


def same_weekday(days: frozenset[str], s_days: dict[str, int], dayed: int) -> bool:
    """Whether an article that names the days of the week ``days`` (``akhbar.corpus.storykeys.weekdays`` keys)
    may join a story whose articles name the days ``s_days`` (key -> articles naming it; ``dayed``: the
    story's articles that name any day): True when the story names none, or when the article names one of
    the days named by at least half of those ``dayed`` articles (a report may also name the day of an
    earlier event: the Doha funeral's reports name Thursday's funeral in Tehran too).

    Reports of one event name the day it happened on, and the same kind of event on another date names
    another day: the World Cup bid handed in on a Monday and the award on a Wednesday, the main quake and a
    Friday aftershock, the funerals in Tehran (Thursday) and Doha (Friday). On the development story set
    (``benchmarks/data/stories``, title + 80 lead words) 1 of 137 pairs of same-event pages that both name
    days share none of them, against 51 of 112 pairs of a hard negative and a report of its event. A hand
    gate applied before the pair scorer, where the date window cannot be (``StoryClusterer`` asks it only
    when the article or the story has no date: most development pages have no date akhbar can read, and
    118 of 191 name a weekday; between dated reports published days apart it would split one story)."""
    if not s_days:
        return True
    need = (dayed + 1) // 2
    return any(s_days.get(d, 0) >= need for d in days)
