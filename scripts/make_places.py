"""Write src/shabaka/data/places.txt: towns and provinces of the Arab states (and of Israel and
the Palestinian territories), known place names that the extractor finds without a cue.

Derived from ``../shared/data/gazetteers`` (see their SOURCE.md), lists whose licenses allow
redistributing a derived list:

* ``world_cities_ar/world-cities.csv`` ("World Cities with Arabic Translations", Jamshaid
  Kamran, CC BY 4.0, from Wikidata): the cities of those countries;
* :data:`PROVINCES`: provinces and towns missing from it, written here.

Left out: a name of two letters (إب is also ب + اب), a name that is also a common word
or a given name (:data:`COMMON`, the given-name lists of ``shabaka/data``), and the
places of ``name_patterns.csv`` that are places only after a cue (``place`` rows). An
administrative prefix (ولاية، محافظة، مديرية، مركز ...) is dropped, and rows that name no
town (a university, an airport, a battle ...) are left out.

Usage::

    python scripts/make_places.py [--gazetteers ../shared/data/gazetteers]
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from shabaka.extract.patterns import pattern_words
from shabaka.lexicon import given_names
from shabaka.text import normalize_key

ROOT = Path(__file__).resolve().parent.parent
GAZETTEERS = ROOT.parent / "shared" / "data" / "gazetteers"
OUT = ROOT / "src" / "shabaka" / "data" / "places.txt"

COUNTRIES = frozenset(
    (
        "Morocco",
        "Algeria",
        "Tunisia",
        "Libya",
        "Egypt",
        "Sudan",
        "Mauritania",
        "Saudi Arabia",
        "United Arab Emirates",
        "Qatar",
        "Kuwait",
        "Bahrain",
        "Oman",
        "Yemen",
        "Jordan",
        "Lebanon",
        "Syria",
        "Iraq",
        "Palestinian Territory Occupied",
        "Israel",
    )
)

#: Town names that are also common words, given names or other names (read in the list, left out;
#: _ joins the words of a name).
COMMON_WORDS = """سنة الجديدة الأبيض الحي أراد الوجه القصر القائم قصر العالية سعيدة العيون الهندية الشريعة حديثة
    الخمس الزاوية الشجرة القصير حقل الفحص القاسم الشابة الحارة العمارة صافي جاسم طاهر بيلا الشقة القبة
    بشري كريمة الزبير الزهراء حرمة الهاشمية بركان الدرب الأمازيغية طريف حلاوة المجر الكرم الليث المحمدية
    المطرية الشامية مسعد يهودا المالكية كريشنا المرج القرين عتق كتم الرس العقيق براك العزيزية المرسى
    المضيق ميدي الحائر صحابة المسيب ودان إذنا العروي الخروب الظاهرية الرديف السليل مؤتة الوادي البيض
    المدية النعامة سنغافورة ميلا بصرى الشامي الكسوة الرمادي المنصورة البطحاء الحمراء الخضراء الصخيرات
    الدور الرحمانية السلام الأمل النصر الفتح الحرية الوحدة العين الشيخ الملك الأمير العوامية الصفا
    المروة القرية المدينة العاصمة الساحل الشرق الغرب الشمال الجنوب الوسط طاقة نخل خصب البيضاء القاعده
    السادات العطاف الجميلية الشقفة الطرة السانية المراغة شقراء مطرة كفري ريدة تالا أنخل آناهايم تارتو
    غريسيوفولفين فاموتيدين ليتوبوليس كارثاغ أهال بلقان داشوغوز ماري وودج ميدينا مانين بنش مولاي_عبد_الله"""
COMMON = frozenset(COMMON_WORDS.split())

#: Provinces, governorates and big towns missing from those lists, written here (common knowledge).
PROVINCES = """بيت لحم|جنين|طوباس|سلفيت|أريحا|طولكرم|قلقيلية|الخليل|رام الله والبيرة|البيرة|شمال غزة|دير البلح|
ريف دمشق|درعا|حمص|حماة|طرطوس|الحسكة|السويداء|القنيطرة|اللاذقية|عفرين|
الأنبار|نينوى|الموصل|أربيل|دهوك|ديالى|كربلاء|واسط|ميسان|ذي قار|المثنى|الفلوجة|الرمادي|سامراء|
عكار|البقاع|جبل لبنان|صيدا|زحلة|بعلبك|النبطية|جونية|
الوادي الجديد|شمال سيناء|جنوب سيناء|سيناء|العلمين|الغردقة|
مأدبا|الرصيفة|البادية الشمالية|البادية الوسطى|البادية الجنوبية|عجلون|جرش|المفرق|الطفيلة|
الجهراء|الفروانية|حولي|الأحمدي|جنوب السرة|
سبسطية|قباطية|يعبد|
رأس الخيمة|أم القيوين|أبوظبي|
ظفار|الباطنة|صحار|
صنعاء|عدن|الحديدة|مأرب|حضرموت|شبوة|أبين|لحج|المهرة|صعدة|
سرت|سبها|درنة|
الضفة الغربية|خان يونس|رفح|جباليا|بيت حانون|
بغداد|الكرخ|الرصافة|الكاظمية|الأعظمية|الكرادة|الزعفرانية|النجف|الديوانية|كركوك|السليمانية|الحلة|بابل|
تكريت|بعقوبة|الكوت|الناصرية|السماوة|زاخو|حلبجة|سنجار|تلعفر|بيجي|عانة|
الخرطوم بحري|بورتسودان|كسلا|القضارف|سنار|ود مدني|كوستي|عطبرة|الدامر|شندي|مروي|دنقلا|الفاشر|نيالا|زالنجي|
الضعين|كادوقلي|الدلنج|الدمازين|النيل الأبيض|النيل الأزرق|نهر النيل|دارفور|شمال دارفور|جنوب دارفور|
غرب دارفور|شرق دارفور|وسط دارفور|كردفان|شمال كردفان|جنوب كردفان|غرب كردفان|أم درمان|
ذمار|المحويت|الضالع|سقطرى|المكلا|سيئون|زنجبار|الخوخة|المخا|
صلالة|نزوى|بدية|الرستاق|البريمي|مسندم|الدقم|السيب|مطرح|بوشر|شمال الشرقية|جنوب الشرقية|
شمال الباطنة|جنوب الباطنة|رمال الشرقية|
زليتن|غريان|ترهونة|بني وليد|طبرق|غدامس|أوباري|مرزق|رأس لانوف|البريقة|الجفرة|زوارة|صبراتة|
المجمعة|القطيف|الأحساء|عرعر|سكاكا|بريدة|عنيزة|خميس مشيط|الباحة|ينبع|القصيم|عسير|جازان|نجران|حائل|تبوك|
الداخلة|العيون الساقية الحمراء|سوس ماسة|درعة تافيلالت|الرباط سلا القنيطرة|سلا|القنيطرة|
وجدة|الناظور|آسفي|الجديدة|بني ملال خنيفرة|
تيزي وزو|بومرداس|البليدة|الجزائر|الطارف|إليزي|تندوف|تيبازة|قسنطينة|ميلة|
نواكشوط|نواذيبو|
برج العرب|الدويرة|المزونة|بئر كندوز|الرويشد|ساقية سيدي يوسف|الشراقة|برج الكيفان"""

#: Rows of the lists that are no town (a body, a building, a battle, a worm ...): left out.
NOT_TOWN = re.compile(
    r"^(جامعة|جماعة|التجمع|المجلس|الكلية|المتحف|مستشف[يى]|مطار|معركة|ملعب|نادي|نهر|ديدان|فيروسات|سمكة|قلة|"
    r"إطار|حقل|قناة|أتاري|الدرعية إي|الشرق الأوسط|سعيد الفيومي|ها جين|ميناء|مثلث)"
)

PREFIX = re.compile(
    r"^(ولاية|محافظة|مدينة|إقليم|لواء|مديرية|مركز|ناحية مركز|ناحية|منطقة|قضاء|دائرة|بلدية|معتمدية|شعبية|قسم)\s+"
)


def town_names(gazetteers: Path) -> set[str]:
    """The names of the cities of :data:`COUNTRIES` and of :data:`PROVINCES`."""
    names: set[str] = {n.strip() for n in PROVINCES.split("|")}
    with (gazetteers / "world_cities_ar" / "world-cities.csv").open(encoding="utf-8-sig") as f:
        names.update(r["CityNameAr"] for r in csv.DictReader(f) if r["CountryNameEn"] in COUNTRIES)
    return {" ".join(PREFIX.sub("", n.strip("\u200f ")).split()) for n in names if not NOT_TOWN.match(n)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gazetteers", type=Path, default=GAZETTEERS)
    args = parser.parse_args()
    skip = {normalize_key(w.replace("_", " ")) for w in COMMON} | set(given_names(more=True))
    skip |= {" ".join(p) for p in pattern_words().places}
    kept: dict[str, str] = {}
    for name in sorted(town_names(args.gazetteers)):
        key = normalize_key(name)
        if len(key) > 2 and key not in skip and re.fullmatch(r"[\u0621-\u064a ]+", key):
            kept.setdefault(key, name)
    header = (
        "# Towns and provinces of the Arab states, Israel and the Palestinian territories: known places\n"
        '# (LOC) found without a cue. Written by scripts/make_places.py from "World Cities with Arabic\n'
        '# Translations" (Jamshaid Kamran, CC BY 4.0, from Wikidata) and a list of provinces written for\n'
        "# shabaka; common words and given names left out. One name a line.\n"
    )
    OUT.write_text(header + "".join(f"{kept[k]}\n" for k in sorted(kept)), encoding="utf-8")
    print(f"{len(kept)} places written to {OUT}")


if __name__ == "__main__":
    main()
