"""Trigger words in their other senses, and relations told about something else: sentences
written for these tests, each guarding one rule of precision (issue 14)."""

from __future__ import annotations

import pytest
from test_relations import relations

from shabaka.relations import RelationTableError, load_context


def test_waqa_occurs_signs_only_a_document():
    # وقع also means "occurred" and one signs decrees: with no agreement named, nothing is signed
    assert relations("وقعت اشتباكات عنيفة بين [[الجيش|ORG|a]] و[[هيئة تحرير الشام|ORG|b]] في ريف إدلب.") == {
        ("conflict", None, ("a", "b"))
    }
    assert relations("وقع [[اللاعب محمد صلاح|PER|a]] في فخ التسلل أمام [[تشيلسي|ORG|b]].") == set()
    assert relations("وقع [[وزير المالية|PER|a]] قرارا بإعفاء [[شركة أرامكو|ORG|b]] من الرسوم.") == set()
    # the document may stand after a long list of titles, or before (الاتفاقية التي وقعها)
    signed = "وقع [[المغرب|LOC|a]]، ممثلا في وزير الطاقة والمعادن والتنمية المستدامة، و[[فرنسا|LOC|b]] مذكرة تفاهم."
    assert relations(signed) == {("agreement", None, ("a", "b"))}
    before = "وتشمل المذكرة الثانية التعاون في مجال العمل، ووقعها [[سامي بكري|PER|a]]، ونظيره [[لوكاس موريل|PER|b]]."
    assert relations(before) == {("agreement", None, ("a", "b"))}


def test_a_cancelled_asked_for_or_feared_act_is_none():
    # a noun of an act cancelled, postponed, left, asked for or warned of: it did not happen
    assert relations("ألغى [[بايدن|PER|a]] زيارته إلى [[إسرائيل|LOC|b]].") == set()
    assert relations("انسحبت [[الولايات المتحدة|LOC|a]] من الاتفاق النووي مع [[إيران|LOC|b]].") == set()
    assert relations("هدد [[ترامب|PER|a]] بالانسحاب من اتفاقية التجارة مع [[كندا|LOC|b]].") == set()
    assert relations("طالب [[الحزب|ORG|a]] بتعيين [[نادية سالم|PER|b]] رئيسة للجنة.") == set()
    assert relations("حذرت [[الأمم المتحدة|ORG|a]] من هجوم على [[رفح|LOC|b]].") == set()
    assert relations("طالبت [[روسيا|LOC|a]] برفع العقوبات المفروضة على [[بيلاروسيا|LOC|b]].") == set()
    assert relations("فشل [[الوداد|ORG|a]] في الفوز أمام [[الرجاء|ORG|b]].") == set()
    # a row of the table undoes only its types: one concludes a visit (أنهى زيارته), not an agreement
    assert relations("أنهى [[بوريطة|PER|a]] زيارته إلى [[داكار|LOC|b]].") == {("visit", ("a", "b"), ("a", "b"))}
    assert relations("أعلنت [[كولومبيا|LOC|a]] إنهاء الاتفاق مع [[فنزويلا|LOC|b]].") == set()


def test_a_context_table_names_known_types(tmp_path):
    path = tmp_path / "context.csv"
    path.write_text("# comment\nkind,types,words\nundone,wedding,ألغى\n", encoding="utf-8")
    with pytest.raises(RelationTableError, match=r"context\.csv, line 3: unknown relation type 'wedding'"):
        load_context(str(path))


def test_a_meeting_or_clash_of_clubs_is_a_game():
    # a word of sport, or a known club (clubs.csv): لقاء and مواجهة are games, no meeting nor clash
    assert relations("انتهى لقاء [[الأهلي|ORG|a]] و[[الزمالك|ORG|b]] بالتعادل.") == set()
    assert relations("تترقب الجماهير مواجهة [[الوداد|ORG|a]] مع [[الرجاء|ORG|b]] في الديربي.") == set()
    assert relations("يلتقي [[الترجي|ORG|a]] و[[النادي الإفريقي|ORG|b]] مساء الأحد.") == set()
    # persons meet, and bodies clash, where no sport is named
    assert relations("اندلعت مواجهات بين [[الجيش|ORG|a]] و[[قوات الدعم السريع|ORG|b]] في الخرطوم.") == {
        ("conflict", None, ("a", "b"))
    }
    assert relations("التقى [[إنفانتينو|PER|a]] [[فوزي لقجع|PER|b]] على هامش المباراة.") == {
        ("meeting", None, ("a", "b"))
    }


def test_a_judgement_of_a_deed_done_to_someone_does_not_judge_them():
    # condemning an arrest or a raid judges the one who did it, not the one it was done to
    assert relations("ندد [[الاتحاد الأفريقي|ORG|a]] باعتقال المعارض [[أحمد سالم|PER|b]].") == set()
    assert relations("استنكرت [[مصر|LOC|a]] اقتحام المستوطنين لـ[[المسجد الأقصى|LOC|b]].") == set()
    assert relations("أشاد [[السيسي|PER|a]] بالعلاقات المتميزة بين [[مصر|LOC|b]] و[[الإمارات|LOC|c]].") == set()
    # condolences for the dead, or to the families of victims, go to no one named
    assert relations("قدم [[الرئيس تبون|PER|a]] واجب العزاء لأسرة الراحل [[عبد الحميد مهري|PER|b]].") == set()
    assert relations("أعرب [[الأزهر|ORG|a]] عن تعازيه لأسر ضحايا تفجير [[كنيسة مار مرقس|ORG|b]].") == set()
    # the one judged or condoled stands before the deed
    assert relations("عزى [[الملك عبدالله|PER|a]] [[محمود عباس|PER|b]] في وفاة [[صائب عريقات|PER|c]].") == {
        ("condolence", ("a", "b"), ("a", "b"))
    }
    assert relations("أدانت [[الحكومة|ORG|a]] قيام [[الميليشيا|ORG|b]] باستهداف المطار.") == {
        ("criticism", ("a", "b"), ("a", "b"))
    }


def test_an_appointment_noun_takes_its_appointee_after_it_and_its_appointer_near_before():
    # the genitive of تعيين is the one appointed, the one before it (as for the verb) appoints
    found = relations("قرر [[مجلس الإدارة|ORG|a]] تعيين [[سامي نصر|PER|b]] مديرا عاما.")
    assert found == {("appointment", ("a", "b"), ("a", "b"))}
    assert relations("وجاء في القرار تعيين [[حسين الدباس|PER|a]] مديرا والإبقاء على [[سليم عبيد|PER|b]].") == set()
    far = "عين الملك [[نور الدين بدوي|PER|a]] وزيرا أول خلفا له، إلى جانب تعيين [[رمطان لعمامرة|PER|b]] نائبا له."
    assert ("appointment", ("a", "b"), ("a", "b")) not in relations(far)
    # the predecessor is not appointed, and the dismissed one appoints no one
    assert relations("عين [[الملك|PER|a]] [[أحمد التوفيق|PER|b]] وزيرا خلفا لـ[[محمد الكبير|PER|c]].") == {
        ("appointment", ("a", "b"), ("a", "b"))
    }
    assert relations("كلف [[الرئيس|PER|a]] وزير الداخلية بتسيير الوزارة بدلا من [[كمال بلجود|PER|b]].") == set()
    dismissed = "أعلن [[بوتفليقة|PER|a]] إقالة حكومة [[أحمد أويحيى|PER|b]] وعين [[نور الدين بدوي|PER|c]] خلفا له."
    assert ("appointment", ("b", "c"), ("b", "c")) not in relations(dismissed)


def test_one_who_foils_survives_or_discusses_an_attack_did_not_make_it():
    assert relations("تصدت [[الدفاعات الجوية|ORG|a]] لهجوم على [[قاعدة حميميم|LOC|b]].") == set()
    assert relations("أحبطت [[الشرطة|ORG|a]] هجوما على [[كنيسة مار جرجس|ORG|b]].") == set()
    assert relations("ناقش [[مجلس الأمن|ORG|a]] العقوبات على [[كوريا الشمالية|LOC|b]].") == set()
    blamed = "حمل [[الحوثيون|ORG|a]] [[الولايات المتحدة|LOC|b]] مسؤولية الهجوم على [[صنعاء|LOC|c]]."
    assert ("conflict", ("b", "c"), ("b", "c")) not in relations(blamed)


def test_one_who_undergoes_criticism_is_its_target():
    # تعرض، تلقى: the one named before the noun is criticized, by the one after من
    for text in (
        "تعرض [[الوزير|PER|a]] لانتقادات واسعة من [[المعارضة|ORG|b]].",
        "[[الوزير|PER|a]] تلقى انتقادات حادة من [[المعارضة|ORG|b]].",
    ):
        assert relations(text) == {("criticism", ("b", "a"), ("a", "b"))}
    assert relations("تعرض [[الوزير|PER|a]] لانتقادات واسعة في [[البرلمان|ORG|b]].") == set()


def test_an_envoy_carries_what_another_sends():
    # the message goes from the one after من (or the genitive) to the one after إلى; the envoy is no party
    expected = {("call", ("b", "c"), ("b", "c"))}
    assert relations("سلم [[السفير علي|PER|a]] رسالة من [[الرئيس تبون|PER|b]] إلى [[الرئيس سعيد|PER|c]].") == expected
    envoy = "حل [[الأمير تركي|PER|a]] بالرباط حاملا رسالة إلى [[الملك محمد|PER|c]] من [[الملك سلمان|PER|b]]."
    assert relations(envoy) == {("call", ("b", "c"), ("c", "b"))}
    condolences = "نقل [[السفير أحمد|PER|a]] تعازي [[الملك سلمان|PER|b]] إلى [[الرئيس أردوغان|PER|c]]."
    assert relations(condolences) == {("condolence", ("b", "c"), ("b", "c"))}


def test_a_verb_whose_object_is_unnamed_relates_no_one_named_later():
    accused = "اتهم [[ظريف|PER|a]] مسؤولين أميركيين بدفع [[الولايات المتحدة|LOC|b]] إلى الحرب."
    assert relations(accused) == set()
    assert relations("اتهم [[ظريف|PER|a]] [[الولايات المتحدة|LOC|b]] بتأجيج الحرب.") == {
        ("conflict", ("a", "b"), ("a", "b"))
    }


def test_one_named_before_an_attack_made_it_only_through_a_verb_of_doing():
    # a reporter, a council, a relief agency: no doer of the strikes the sentence names
    assert relations("أعلنت [[وزارة الصحة|ORG|a]] مقتل 20 شخصا في غارات على [[رفح|LOC|b]].") == set()
    assert relations("عقد [[مجلس الأمن|ORG|a]] جلسة طارئة بشأن الهجوم على [[المنشآت النفطية|ORG|b]].") == set()
    assert relations("قدم [[الهلال الأحمر|ORG|a]] مساعدات للمتضررين من القصف على [[غزة|LOC|b]].") == set()
    # شن، فرض، قام بـ (before or after the doer) make it
    assert relations("شنت طائرات [[التحالف|ORG|a]] فجر اليوم غارات على [[صنعاء|LOC|b]].") == {
        ("conflict", ("a", "b"), ("a", "b"))
    }
    assert relations("وكانت [[واشنطن|LOC|a]] قد فرضت الشهر الماضي عقوبات جديدة على [[طهران|LOC|b]].") == {
        ("conflict", ("a", "b"), ("a", "b"))
    }
    # (an aside in brackets does not count in the distance to the noun)
    aside = "فرض [[مكتب المراقبة|ORG|a]] التابع للوزارة (OFAC) اليوم (6 مايو) عقوبات على [[سالم عيسى|PER|b]]."
    assert relations(aside) == {("conflict", ("a", "b"), ("a", "b"))}
    # (a partitive من keeps the noun the verb's object; other prepositions make it an adjunct)
    assert relations("وفرضت [[الولايات المتحدة|LOC|a]] مجموعات من العقوبات على [[إيران|LOC|b]].") == {
        ("conflict", ("a", "b"), ("a", "b"))
    }


def test_an_agreement_discussed_or_criticized_is_not_the_speakers():
    assert relations("ناقش [[مجلس النواب|ORG|a]] اتفاقية التجارة الحرة مع [[الاتحاد الأوروبي|ORG|b]].") == set()
    assert relations("انتقد [[حزب العمال|ORG|a]] اتفاق الهجرة مع [[رواندا|LOC|b]].") == set()
    # the parties it names stay parties
    assert relations("انتقد [[حزب العمال|ORG|a]] الاتفاق بين [[بريطانيا|LOC|b]] و[[رواندا|LOC|c]].") == {
        ("agreement", None, ("b", "c"))
    }


def test_a_negated_verb_negates_the_noun_it_takes():
    assert relations("لم توقع [[الهند|LOC|a]] على الاتفاقية مع [[باكستان|LOC|b]].") == set()
    assert relations("لم يحقق [[الوداد|ORG|a]] الفوز على [[الرجاء|ORG|b]].") == set()
    # a noun after a negated noun is not negated with it (ما is also "what")
    text = "تم استعراض ما نتج عن الزيارة من مخرجات تتعلق بدعم التعاون بين [[القاهرة|LOC|a]] و[[واشنطن|LOC|b]]."
    assert ("agreement", None, ("a", "b")) in relations(text)


def test_a_list_of_subjects_without_wa_is_no_subject_and_object():
    listed = "أدانت عدة دول، بينها [[الولايات المتحدة|LOC|a]]، [[الاتحاد الأوروبي|ORG|b]]، [[ألمانيا|LOC|c]]، الهجوم."
    assert relations(listed) == set()
    assert relations("رحبت [[مصر|LOC|a]]، [[الأردن|LOC|b]]، [[قطر|LOC|c]] بالاتفاق.") == set()
    # one comma between a verb-first subject and its object is no list
    assert relations("استقبل [[الملك|PER|a]]، [[الرئيس ماكرون|PER|b]].") == {("meeting", ("a", "b"), ("a", "b"))}


def test_an_interview_a_chair_a_hope_or_an_invitation_is_no_meeting_nor_visit():
    assert relations("قال [[الوزير أحمد|PER|a]] في لقاء مع قناة [[الجزيرة|ORG|b]] إن الحكومة ستستقيل.") == set()
    assert relations("صرح [[الوزير أحمد|PER|a]] خلال لقاء مع [[قناة العربية|ORG|b]] بأن الأزمة انتهت.") == set()
    assert relations("اجتمع [[مجلس الوزراء|ORG|a]] برئاسة [[الملك|PER|b]].") == set()
    assert relations("يأمل [[الرئيس|PER|a]] في زيارة [[الصين|LOC|b]] العام المقبل.") == set()
    assert relations("تلقى [[الرئيس|PER|a]] دعوة من [[الملك|PER|b]] لزيارة [[المغرب|LOC|c]].") == set()


def test_what_one_is_accused_of_is_told_not_stated():
    text = (
        "واتهم الوزير [[سالم فارس|PER|a]]، اليوم، الرئيس [[جون ميلر|PER|b]] بتقديم المساعدات المالية والوقود"
        " [[لغزة|LOC|c]]."
    )
    assert relations(text) == {("conflict", ("a", "b"), ("a", "b"))}
    text = "اتهمت [[إسرائيل|LOC|a]] [[إيران|LOC|b]] بتمويل [[حزب الله|ORG|c]]."
    assert relations(text) == {("conflict", ("a", "b"), ("a", "b"))}


def test_granting_an_honour_or_facing_a_challenge_is_another_sense():
    assert relations("منحت [[جامعة القاهرة|ORG|a]] الدكتوراه الفخرية للرئيس [[ماكرون|PER|b]].") == set()
    assert relations("منح [[الاتحاد الأوروبي|ORG|a]] [[الأردن|LOC|b]] وضعا متقدما في العلاقات.") == set()
    assert relations("بحث الوزير سبل مواجهة التحديات التي تواجه [[مصر|LOC|a]] و[[السودان|LOC|b]].") == set()
    # a grant of money is support, a clash with a party a conflict
    assert relations("منح [[البنك الدولي|ORG|a]] [[تونس|LOC|b]] قرضا بقيمة 500 مليون دولار.") == {
        ("support", ("a", "b"), ("a", "b"))
    }
    clash = "اندلعت مواجهة عنيفة بين [[الجيش|ORG|a]] و[[المتمردين|ORG|b]]."
    assert relations(clash) == {("conflict", None, ("a", "b"))}


def test_those_who_attended_the_talks_held_none():
    text = "حضر جلسة المباحثات مدير الإعلام بوزارة [[الخارجية|ORG|a]] [[سامي نقلي|PER|b]]، و[[عادل مراد|PER|c]]."
    assert relations(text) == set()


def test_a_win_beats_someone_only_in_a_game():
    assert relations("فاز [[حزب العدالة|ORG|a]] على [[حزب الشعب|ORG|b]] في الانتخابات البلدية.") == set()
    assert relations("أشاد [[الرئيس|PER|a]] بانتصار [[الجيش|ORG|b]] على [[داعش|ORG|c]].") == set()
    assert relations("فاز [[الهلال|ORG|a]] على [[النصر|ORG|b]] بهدفين نظيفين.") == {("sport", ("a", "b"), ("a", "b"))}


def test_a_deed_judged_judges_its_doer_not_the_one_it_was_done_to():
    assert relations("أدانت [[مصر|LOC|a]] العدوان الإسرائيلي على [[غزة|LOC|b]].") == set()
    assert relations("ندد [[الاتحاد|ORG|a]] بالتصعيد ضد [[لبنان|LOC|b]].") == set()
    assert relations("أدانت [[الجامعة|ORG|a]] استمرار احتلال [[إسرائيل|LOC|b]] للجولان.") == {
        ("criticism", ("a", "b"), ("a", "b"))
    }


def test_a_condition_states_nothing():
    assert relations("وإذا هاجمت [[إيران|LOC|a]] [[إسرائيل|LOC|b]] فإن الرد سيكون قاسيا.") == set()
    assert relations("لو زار [[ترامب|PER|a]] [[طهران|LOC|b]] لتغير كل شيء.") == set()


def test_fa_inna_opens_a_clause_like_inna():
    text = "وبحسب الوكالة التابعة لنظام [[الأسد|PER|a]]، فإن الغارات استهدفت مواقع في [[مصياف|LOC|b]]."
    assert relations(text) == set()


def test_a_place_struck_before_is_no_doer_of_the_next_strikes():
    text = "وإلى جانب الهجمات على [[طرطوس|LOC|a]]، شنت الطائرات أيضا غارات على مدينة [[دير الزور|LOC|b]]."
    assert relations(text) == set()


def test_a_verb_form_after_a_preposition_is_a_noun():
    # في قصف على Y: the bombing, whose doer is not the reporter before it
    assert relations("أفاد [[المرصد السوري|ORG|a]] بمقتل جنديين في قصف على [[إدلب|LOC|b]].") == set()


def test_a_message_posted_or_a_call_with_the_press_reaches_no_one():
    assert relations("كتب [[ترامب|PER|a]] في رسالة على منصة [[تروث سوشيال|ORG|b]] أن الحرب ستنتهي.") == set()
    assert relations("قال [[نتنياهو|PER|a]] في رسالة مصورة نشرها على [[إكس|ORG|b]] إن الحرب مستمرة.") == set()
    assert relations("قال [[المتحدث|PER|a]] في اتصال هاتفي مع [[فرانس برس|ORG|b]] إن الهجوم فشل.") == set()
    # (nor is a platform judged: أشاد X في تغريدة على Y)
    assert relations("انتقد [[ماسك|PER|a]] في تغريدة على [[إكس|ORG|b]] قرار الحكومة.") == set()
    # a video call is a call
    assert relations("أجرى [[الرئيس|PER|a]] اتصالا عبر الفيديو مع [[المستشار شولتس|PER|b]].") == {
        ("call", ("a", "b"), ("a", "b"))
    }
