"""Entity resolution: from mentions to one entity per real-world referent.

Mentions are grouped by *form*: the :func:`form_key` of their text (normalized, quotes
and outer brackets removed, dotted initials joined: U.S. = US). A title at the head
of a span (السفير، المدير العام للأمن الوطني ...) is cut off: it becomes a *role* of
the entity and counts as evidence of a person; a span that is only a title is dropped.
Forms are then merged by the rules of :data:`RULES`, applied in the order of this
table, each recorded by name in the entity's ``resolution`` attribute when it merged
forms that were not identical:

=============  ==================================================================
``title``      a title was cut from the span (السفير دايفيد فيشر → دايفيد فيشر)
``alias``      a row of the alias table (built-in or the user's)
``gazetteer``  a name and its aliases in the user's gazetteer
``clitic``     a proclitic (و ف ب ل ك, لل) cut from the first word, when the form
               without it is known or its first word is seen at least as often in
               the corpus (بالرباط → الرباط, وحموشي → حموشي; بركان، لبنان stay whole)
``bracket``    a short name in brackets right after a long one: "... (الديستي)",
               or a Latin acronym written right after a body's Arabic name
               (المكتب الشريف للفوسفاط OCP)
``spelling``   spelling variants: hamza, ى/ي, ة/ه, diacritics, tatweel (one form
               with several surfaces), and :data:`SPELLINGS` (أميركية = أمريكية)
``article``    the article inside a person's name (عبد اللطيف الحموشي = عبد
               اللطيف حموشي), or on a one-word name of one type (الديستي = ديستي)
``translit``   a transliterated name with other vowel letters (دايفيد/ديفيد/دافيد
               فيشر, روبرت/روبير) when another word of the name is identical, the
               differing words are not common Arabic names (محمد ≠ محمود), and two
               surname spellings are not seen with different first names
``partial``    a surname alone linked to the one full name that fits, in the same
               document, else in the corpus (an ambiguous short name stays apart);
               the end of a name (ولد مرزوك, ابن سلمان) likewise, in its document only;
               a state noun alone (المملكة، الجمهورية، السلطنة، الإمارة) linked
               to the one place of the same document named with it (المملكة
               المغربية = المغرب); a name with a nasab (X بن Y ...) also stands,
               in its document, for its given name alone, its chain cut before a
               later بن or آل, and its given name with the family name (محمد آل
               مكتوم); what follows بن is the father, never a short form; a body's
               name without its closing nisba (وزارة الصحة) is the one body of
               its document named with it (وزارة الصحة الأردنية)
``fragment``   a person named only by one given name (أحمد، عبد الله) and linked to
               no full name is no entity (``shabaka/data/given_names.txt``)
=============  ==================================================================

An entity's type is the majority type of its mentions (roles count for PER) unless
the alias table gives one; its label is its most frequent surface form (without
clitics or titles; for a person, of the full names; ties to the longer); its key
(the graph node id) is the
:func:`form_key` of the label. Resolution works on distinct forms with counts and
document sets, and gives the same keys whatever the order of the documents.

The alias table's format is described in :mod:`shabaka.lexicon`.
"""

from __future__ import annotations

from shabaka.config import ResolveSettings
from shabaka.lexicon import AliasError, AliasTable, form_key, load_aliases
from shabaka.model import Entity
from shabaka.resolve.keys import SPELLINGS, spelling_key, strip_article
from shabaka.resolve.resolver import RULES, Resolution, Resolver, Rule
from shabaka.resolve.titles import TITLES, Parsed, parse_title

__all__ = [  # the alias table and the records live in shabaka.lexicon and shabaka.model
    "RULES",
    "SPELLINGS",
    "TITLES",
    "AliasError",
    "AliasTable",
    "Entity",
    "Parsed",
    "Resolution",
    "ResolveSettings",
    "Resolver",
    "Rule",
    "form_key",
    "load_aliases",
    "parse_title",
    "spelling_key",
    "strip_article",
]
