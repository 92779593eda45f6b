"""Tests for akhbar.corpus.repeated: learned site furniture, fused affixes, bounded state."""

from __future__ import annotations

import pytest

from akhbar.corpus.repeated import RepeatedLines, fold_line

SHARE = "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك"
BODIES = [
    "أكد أمير المنطقة أهمية المشروعات الجديدة في خدمة المواطنين والمقيمين على حد سواء",
    "أعلنت الهيئة العامة للإحصاء ارتفاع معدل التضخم خلال الشهر الماضي بنسبة طفيفة",
    "افتتح وزير الصحة مستشفى جديدا في المدينة بسعة مئتي سرير وعدد من العيادات",
    "وصل فريق الصقور إلى مطار المنطقة لتقديم العروض الجوية ضمن فعاليات الصيف",
    "بحث مجلس الغرفة التجارية سبل دعم المنشآت الصغيرة والمتوسطة في المحافظة",
    "أطلقت الجامعة برنامجا تدريبيا لخريجيها في مجالات التقنية والبرمجة والتصميم",
    "دعت الأرصاد إلى الحذر من الأمطار الرعدية المتوقعة على المرتفعات الجنوبية",
    "شهد الملعب مباراة حماسية انتهت بالتعادل الإيجابي بين الفريقين في الجولة الأخيرة",
]


def _site_pages() -> list[list[str]]:
    pages = []
    for i, body in enumerate(BODIES):
        pages.append([
            f"{SHARE} {body}",  # share bar fused into the first line
            f"وأضاف المسؤول في تصريح رقم {i} أن العمل مستمر في المرحلة القادمة من المشروع",
            f"{10 + i}:{20 + i} ت م",  # time stamp: digits differ, folded form is the same
            "// انتهى //",
        ])
    return pages


def _learned(**kw) -> RepeatedLines:
    rl = RepeatedLines(**kw)
    for p in _site_pages():
        rl.observe("example.com", p)
    rl.observe("other.org", ["// انتهى //", "خبر وحيد في موقع آخر لا يتكرر"])
    rl.freeze()
    return rl


def test_fold_line_digits_and_spaces() -> None:
    assert fold_line("19:22 ت م") == fold_line("13:26   ت م") == fold_line("١٣:٢٦ ت م")


def test_whole_repeated_lines_per_site() -> None:
    rl = _learned()
    assert rl.is_repeated("example.com", "// انتهى //")
    assert rl.is_repeated("example.com", "07:45 ت م")
    assert not rl.is_repeated("example.com", BODIES[0])
    # learned per site: one page of other.org is not enough, and an unseen site has nothing
    assert not rl.is_repeated("other.org", "// انتهى //")
    assert not rl.is_repeated("never-seen.net", "// انتهى //")


def test_fused_share_bar_prefix_is_stripped_with_span() -> None:
    rl = _learned()
    line = f" {SHARE} تصريح جديد لرئيس الهيئة حول المشروع"
    kept, (s, e) = rl.strip_repeated_affixes("example.com", line)
    assert kept == "تصريح جديد لرئيس الهيئة حول المشروع"
    assert line[s:e] == kept
    # a line without the affix comes back whole
    plain = "تصريح جديد لرئيس الهيئة حول المشروع"
    assert rl.strip_repeated_affixes("example.com", plain) == (plain, (0, len(plain)))
    assert rl.strip_repeated_affixes("never-seen.net", line) == (line, (0, len(line)))


def test_page_counted_once_and_republished_copies_ignored() -> None:
    rl = RepeatedLines(min_pages=3, min_fraction=0.0)
    page = ["سطر واحد يتكرر داخل الصفحة", "سطر واحد يتكرر داخل الصفحة", "نص الخبر الطويل " * 5]
    for _ in range(5):
        rl.observe("s", page)  # the same story five times: counted once
    rl.freeze()
    assert rl.pages("s") == 1
    assert not rl.is_repeated("s", "سطر واحد يتكرر داخل الصفحة")


def test_pass_order_enforced() -> None:
    rl = RepeatedLines()
    with pytest.raises(RuntimeError):
        rl.is_repeated("s", "x")
    rl.freeze()
    with pytest.raises(RuntimeError):
        rl.observe("s", ["x"])


def test_pruning_bounds_table() -> None:
    rl = RepeatedLines(min_pages=2, min_fraction=0.0, max_entries=50)
    for i in range(200):
        rl.observe("s", [f"سطر فريد رقم {chr(0x0627 + i % 20)}{i * 7919} للصفحة", "سطر مشترك في كل الصفحات"])
    assert len(rl._lines["s"]) <= 51
    rl.freeze()
    assert rl.is_repeated("s", "سطر مشترك في كل الصفحات")


def test_word_key_memo_gives_the_keys_of_its_definition(monkeypatch) -> None:
    """``_run_keys`` reads word keys from a bounded memo: the same keys as the rolling hash of ``_key``,
    also when the memo is cleared in the middle of a line."""
    import akhbar.corpus.repeated as rp

    def plain(ws: list[str], lo: int, hi: int, suffix: bool) -> list[int]:
        h = rp._SEED_SUFFIX if suffix else rp._SEED_PREFIX
        out = []
        for k, w in enumerate(reversed(ws[len(ws) - hi :]) if suffix else ws[:hi], 1):
            h = (h * rp._ROLL + rp._key(w)) & rp._MASK64
            if k >= lo:
                out.append(h)
        return out

    monkeypatch.setattr(rp, "_WORD_KEYS", {})
    monkeypatch.setattr(rp, "_WORD_KEYS_MAX", 3)
    for line in (SHARE + " " + BODIES[0], SHARE, BODIES[1]):
        ws = fold_line(line).split(" ")
        for suffix in (False, True):
            assert rp._run_keys(ws, 2, min(24, len(ws) - 1), suffix) == plain(ws, 2, min(24, len(ws) - 1), suffix)
    assert len(rp._WORD_KEYS) <= 3
