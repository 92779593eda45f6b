"""Regenerate ``akhbar/data/gazetteer_places.json`` from CLDR (via Babel) plus a curated list.

Run: ``python -m akhbar.entities.build_gazetteer`` (needs Babel, a development-time tool;
nothing here runs at recognition time). Output keys:

- ``countries``: CLDR ``ar`` territory display names (Unicode CLDR, Unicode licence v3),
  region codes 001..419 included (continents such as أفريقيا, آسيا).
- ``cities``: CLDR ``ar`` exemplar cities of time zones (same source), filtered to
  names of at least 4 letters, plus ``CURATED_PLACES`` below (common places in Arabic
  news that CLDR has no time zone for; curated by the akhbar authors).
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "gazetteer_places.json"

#: Places frequent in Arabic news but absent from CLDR's exemplar cities (curated).
CURATED_PLACES = [
    p
    for p in """
القدس|غزة|رام الله|الضفة الغربية|قطاع غزة|نابلس|الخليل|جنين|بيت لحم|أريحا|تل أبيب|حيفا|يافا|الناصرة|
عكا|الجولان|سيناء|حلب|حمص|حماة|اللاذقية|طرطوس|إدلب|درعا|دير الزور|الرقة|الحسكة|القامشلي|الموصل|
البصرة|أربيل|كركوك|النجف|كربلاء|الفلوجة|الرمادي|تكريت|السليمانية|الأنبار|صيدا|صور|طرابلس|بعلبك|زحلة|
جونية|البقاع|الجنوب اللبناني|جدة|مكة|مكة المكرمة|المدينة المنورة|الدمام|الخبر|الطائف|تبوك|أبها|نجران|
جازان|القصيم|بريدة|حائل|الأحساء|ينبع|الشارقة|عجمان|أبوظبي|أبو ظبي|العين|رأس الخيمة|الفجيرة|المنامة|
الدوحة|مسقط|صلالة|صنعاء|عدن|تعز|الحديدة|مأرب|حضرموت|المكلا|الإسكندرية|الجيزة|بورسعيد|السويس|
الإسماعيلية|الأقصر|أسوان|المنصورة|طنطا|الزقازيق|أسيوط|سوهاج|المنيا|الخرطوم|أم درمان|دارفور|بنغازي|
مصراتة|سرت|طبرق|سبها|تونس|صفاقس|سوسة|القيروان|بنزرت|قابس|الجزائر|وهران|قسنطينة|عنابة|تلمسان|الرباط|
الدار البيضاء|فاس|مراكش|طنجة|مكناس|أكادير|وجدة|نواكشوط|مقديشو|جيبوتي|عمان|الزرقاء|إربد|العقبة|الكويت|
دبي|الرياض|القاهرة|بيروت|دمشق|بغداد|أنقرة|إسطنبول|طهران|كابول|إسلام آباد|نيودلهي|بكين|طوكيو|موسكو|
واشنطن|نيويورك|لندن|باريس|برلين|روما|مدريد|بروكسل|جنيف|فيينا|أثينا|وارسو|كييف|بودابست|براغ|ستوكهولم|
أوسلو|كوبنهاغن|لوس أنجلوس|شيكاغو|سان فرانسيسكو|هيوستن|ميامي|بوسطن|أوتاوا|مونتريال|سيدني|
ملبورن|الشرق الأوسط|الخليج|الخليج العربي|آسيا الوسطى|أوروبا|آسيا|أفريقيا|إفريقيا|أمريكا|
أمريكا اللاتينية|المغرب العربي|شمال أفريقيا|البحر الأحمر|البحر المتوسط|البحر الأبيض المتوسط|
المحيط الهادئ|المحيط الأطلسي|الضاحية الجنوبية|كردستان|القرم|دونباس|كشمير|التبت|الشيشان|البلقان|
القوقاز|سيبيريا|
""".replace("\n", "").split("|")
    if p
]


def build() -> dict[str, list[str]]:
    """Return the gazetteer dict written to ``OUT`` (sorted, de-duplicated lists of ``str``)."""
    from babel import Locale  # development-time only

    loc = Locale("ar")
    countries = sorted(
        {
            v
            for k, v in loc.territories.items()
            if v and not k.isdigit() or k in {"002", "009", "142", "150", "019"}
        }
    )
    cities = {v.get("city") for v in loc.time_zones.values() if v.get("city")}
    cities = {c for c in cities if c and "،" not in c and len(c.replace(" ", "")) >= 4}
    return {
        "source": f"Unicode CLDR via Babel {__import__('babel').__version__} (ar territories, time-zone "
        "exemplar cities); curated list in akhbar/entities/build_gazetteer.py",
        "countries": countries,
        "cities": sorted(cities | set(CURATED_PLACES) - set(countries)),
    }


if __name__ == "__main__":
    data = build()
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(OUT, len(data["countries"]), len(data["cities"]))
