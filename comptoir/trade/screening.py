"""Name screening against sanctions lists: normalisation, a blocking index and a scored match
with its explanation. Pure: no Django, no database.

What it is for: the EU (Council Regulation (EU) 2580/2001, 881/2002, 269/2014, 833/2014...),
UN Security Council, US OFAC SDN and UK (Sanctions and Anti-Money Laundering Act 2018) lists
forbid making funds or economic resources available to the persons listed, directly or
indirectly. A trade desk screens every counterparty it deals with; a match is a *possible*
hit that a person reviews (the lists' own guidance: the EU Commission's FAQ on
restrictive measures, OFSI's and OFAC's "how to screen" notes). The rules here:

* **Normalisation** — Unicode transliterated to ASCII by ``anyascii`` (Cyrillic, Arabic,
  Greek, CJK...), case and accents folded, punctuation to spaces, then each token to its
  canonical spelling (``VARIANTS``: Mohammed/Muhammad/Mohamed, Aleksandr/Alexander/
  Oleksandr, Hussein/Husain...). Legal-form words (SARL, LLC, Ltd, GmbH, OOO...) and name
  particles (al, el, bin, von...) are kept aside: they do not make a match.
* **Matching** — tokens aligned regardless of word order; a token matches exactly, as a
  known variant, by its sound read in each transliteration convention (:func:`sound_keys`:
  BGN/PCGN, French and German usage, ISO 9, the Arabic/Persian consonant families,
  McCune-Reischauer / Revised Romanization for Korean), on a long name by one or two
  edits (Levenshtein, Jaro-Winkler, ``rapidfuzz``; Metaphone, ``jellyfish``), as an
  initial ("J." for John), and for an entity as a word cut short ("Air" / "Airlines") or an
  acronym ("IRGC"). Names written joined or split, around a particle or not ("Abd el
  Kader" / "Abdelkader", "Xiao Ming" / "Xiaoming"), are joined to compare. Legal forms
  written in words ("Joint Stock Company") or in front ("PJSC Aeroflot") are set aside.
* **Evidence** — a person's date of birth and the country weaken or confirm a name match;
  a person screened against an entity (or the reverse) weakens it.
* **Blocking** — :class:`NameIndex` keeps, per phonetic key of each token, the names that
  have it; a query reads only the names sharing a rare enough key with it, so screening one
  party costs a few hundred comparisons, not one per listed name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import jellyfish
from anyascii import anyascii
from rapidfuzz.distance import JaroWinkler, Levenshtein

from comptoir.trade.texts import Text

PERSON = "person"
ENTITY = "entity"
OTHER = "other"  # a ship, an aircraft: screened as a name

#: A match at or above this score is a hit to review (0..1).
HIT_THRESHOLD = 0.86
#: Names longer than this are cut (no real name is; a pasted paragraph must stay cheap).
MAX_NAME_LENGTH = 300
MAX_TOKENS = 12

#: Legal-form words, in the languages of the lists and of our partners. Kept aside: "Acme
#: SARL" and "Acme LLC" are one name for screening.
LEGAL_FORMS = frozenset(
    """
    sa sas sasu sarl eurl sca scs snc sci scop gie selarl eirl ei
    llc llp lp ltd limited plc inc incorporated corp corporation co company cie
    gmbh ag kg ohg ug ev mbh kgaa gbr
    bv nv vof cv
    spa srl sapa snc scarl
    sl slu sau
    ooo oao zao pao ao tov pat pjsc jsc cjsc ojsc ojs ip chp
    fze fzco fzc fzllc wll bsc qsc saog saoc spc est
    as asa ab oy oyj aps
    sp zoo spzoo sro as kft zrt nyrt doo dd ad ead
    pte pvt bhd sdn tbk pt kk yk
    """.split()
)

#: Words that carry little weight in an entity's name ("International Trading Company").
WEAK_WORDS = frozenset(
    """
    trading trade trader traders international intl global general group holding holdings
    industries industry industrial import export imports exports services service company
    enterprise enterprises commercial investment investments development corporation
    the of and et de du des la le les y und for for fuer
    """.split()
)

#: Particles inside names: kept out of the match, their absence costs nothing.
PARTICLES = frozenset(
    "al el ul ad ar as ash at az bin ibn bint ben bn abu abou da de di del della der den "
    "van von le la du dos das mac mc st ould ag".split()
)

#: Common honorifics and titles, never part of the name matched.
TITLES = frozenset(
    "mr mrs ms miss dr prof sir sheikh shaykh sheik haji hajji general gen col colonel "
    "maj major capt captain lt mullah maulana mawlawi imam ayatollah".split()
)

#: Transliteration variants -> one canonical spelling. Each line: canonical, then variants.
_VARIANT_LINES = """
muhammad mohammed mohammad mohamed mohamad muhammed muhamed mohammet mukhammad mukhammed muhamad mouhamed mouhammad mouhammed mohamud mahomed mohd muhd
ahmad ahmed akhmed akhmad ahmet
mahmud mahmoud makhmud mahmood
husain hussein hussain husayn hossein husein khusein khuseyn hussien
hasan hassan khasan
usama osama oussama
umar omar oumar
abdullah abdallah abdulla abdalla
abd abdul abdel abdoul abdal abdol
abdulrahman abdelrahman abdurrahman abdurahman
yusuf yousef youssef yusef yousuf yussuf jusuf
ibrahim ebrahim ibragim
ismail ismael esmail
mustafa mostafa moustafa mustapha
khalid khaled
said saeed saeid sayed sayyid saied
nasir nasser nassir naser
qasim kassem qassem kasim qasem kasem
jafar jaafar djafar
yaqub yakub yacoub yaakub
aleksandr alexander alexandr aleksander alexandre oleksandr olexandr alesandr
aleksei alexei alexey aleksey oleksiy oleksii alexej
sergei sergey serguei serhiy sergiy serhii sergej
yuri yury yuriy iouri jurij yurii juri
dmitri dmitry dmitriy dmytro dimitri
andrei andrey andriy andrii andrej
mikhail michail mykhailo mikhael
nikolai nikolay mykola nicolai nikolaj
evgeni evgeny yevgeny evgeniy yevgeniy yevhen evgenii yevgenii
vladimir volodymyr wladimir
igor ihor
oleg oleh
pavel pavlo
petr pyotr petro piotr
grigori grigory grigoriy hryhoriy
vasili vasily vasiliy vasyl
viktor victor
valeri valery valeriy valerii
anatoli anatoly anatoliy
gennadi gennady gennadiy hennadiy
arkadi arkady arkadiy
maksim maxim maksym
tatiana tatyana tetiana tatjana
natalia natalya nataliya natalja
elena yelena olena jelena
yulia yuliya julia iuliia
ekaterina yekaterina katerina kateryna
kirill kyrylo
semen semyon
fedor fyodor fiodor
ilya ilia illia
zhou chou
kim gim
pak park bak
choe choi chwe
ri lee yi rhee
jo cho
jong jeong chong
kang gang
ko go
yun yoon
"""

VARIANTS: dict[str, str] = {}
for _line in _VARIANT_LINES.strip().splitlines():
    _canon, *_others = _line.split()
    for _word in (_canon, *_others):
        VARIANTS[_word] = _canon

#: The canonical spellings: names known to be distinct from one another.
KNOWN_NAMES = frozenset(VARIANTS.values())

_NOT_WORD = re.compile(r"[^a-z0-9]+")


#: Letters of the scientific transliteration of Cyrillic (ISO 9:1995, also Czech, Slovak,
#: Croatian spelling) that ``anyascii`` would flatten to one letter: "Prigožin" is
#: "Prigozhin", not "Prigozin"; "Čemezov" is "Chemezov".
_CARONS = str.maketrans(
    {"č": "ch", "Č": "Ch", "š": "sh", "Š": "Sh", "ž": "zh", "Ž": "Zh", "ŝ": "shch", "Ŝ": "Shch"}
)


def fold(text: str) -> str:
    """Lower-case ASCII, accents and scripts transliterated, punctuation to spaces."""
    text = text[:MAX_NAME_LENGTH].translate(_CARONS)
    ascii_text = anyascii(text).lower().replace("'", "").replace("`", "").replace("’", "")
    return _NOT_WORD.sub(" ", ascii_text).strip()


_GERMAN_ENDINGS = ("ow", "ew", "owa", "ewa", "owski", "ewski")


@lru_cache(maxsize=65536)
def canonical(token: str) -> str:
    """A token's canonical spelling: a known variant's, or the Russian names written the
    German or Polish way brought to the English way (Wolkow -> volkov, Tschernow ->
    chernov)."""
    known = VARIANTS.get(token)
    if known:
        return known
    if len(token) >= 5 and token.endswith(_GERMAN_ENDINGS):
        token = token.replace("tsch", "ch").replace("sch", "sh").replace("w", "v")
        token = token.replace("ovski", "ovsky").replace("evski", "evsky")
    token = VARIANTS.get(token, token)
    # "Abdel Kader", "Abdul Qadir", "Abdoul Karim": the servant of ("abd al-") written with
    # the article joined in its many spellings; one spelling for the prefix
    prefix = _ABD_PREFIX.match(token)
    if prefix and len(token) - prefix.end() >= 3 and token not in KNOWN_NAMES:
        token = "abdal" + token[prefix.end() :]
    return token


_ABD_PREFIX = re.compile(r"^abd(?:el|ul|oul|al|ol|il)")


# ----------------------------------------------------------------------------- sound keys
#
# How a romanised name sounds, read in each convention it may have been written in. The
# same Cyrillic or Arabic letter is written differently by each convention:
#
# * Cyrillic — BGN/PCGN 1947 and the UN/ICAO passport tables (English: х kh, ч ch, ш sh,
#   ж zh, й y), the French usage (х kh, ч tch, ш ch, ж j, у ou, final mute e: "Poutine",
#   "Setchine"), the German Duden usage (х ch, ч tsch, ш sch, ж sch/sh, в w, й/я j/ja),
#   and ISO 9:1995 (č š ž, read before folding: see ``_CARONS``);
# * Arabic and Persian — the ALA-LC / UNGEGN romanisations and their French usage: ق q / k /
#   g / gh (Qadhafi, Kadhafi, Gaddafi; Qasem, Ghassem), ذ dh / d / z (Dhahabi, Zahabi), خ kh /
#   h, ث th / s, و w / ou / u (Qarbawi, Gharbaoui), ي y / i / ie, short vowels a / e / i /
#   o / u written or not, doubled letters (shadda) written once or twice.
#
# A key keeps the consonants by family (k q g, kh h, s z, ...) and the vowels by family
# (a; e i y; o u w), each run of one family written once. Two spellings are one name when
# one reading of each gives the same key. What a key never merges: a consonant for another
# of a different family (Dupont / Dumont, Bernard / Besnard) nor a vowel family for another
# (Morin / Marin, Leroy / Leray, Mallet / Mollet): those are other names.

_VOWELS = "aeiouy"
_CONSONANT_CLASS = str.maketrans(
    {"q": "k", "g": "k", "c": "k", "z": "s", "w": "v", "p": "p", "b": "b"}
)
_VOWEL_CLASS = str.maketrans({"e": "i", "y": "i", "o": "u", "w": "u"})
#: the readings: ch as English ч, as French ш, as German х; j as English dzh, French zh,
#: German y; w as English/Arabic "ou", as German v.
_STYLES = (
    {"ch": "C", "j": "D", "w": "u"},  # English, BGN/PCGN, Arabic ALA-LC
    {"ch": "X", "j": "J", "w": "u"},  # French usage
    {"ch": "H", "j": "y", "w": "v", "ue": "u", "oe": "o", "ae": "a"},  # German (DIN 5007-2)
)
_COMMON_DIGRAPHS = (
    ("tsch", "C"),
    ("tch", "C"),
    ("tsh", "C"),
    ("dzh", "D"),
    ("dj", "D"),
    ("sch", "X"),
    ("shch", "XC"),
    ("sh", "X"),
    ("zh", "J"),
    ("kh", "H"),
    ("gh", "k"),
    ("ph", "f"),
    ("ck", "k"),
    ("qu", "k"),
    ("x", "ks"),
)
_SOFT_C = re.compile(r"c(?=[eiy])")
_FRENCH_GU = re.compile(r"gu(?=[eiy])")
_MUTE_E = re.compile(r"(?<=[^aeiouy])e$")
_RUSSIAN_OFF = re.compile(r"of+$")
_FINAL_D = re.compile(r"d+$")
_SILENT_H = re.compile(r"(?<=[aeiouy])h(?=[^aeiouy]|$)")


def _reading(token: str, style: dict[str, str], dh: str) -> str:
    t = token.replace("dh", dh)
    t = _SOFT_C.sub("s", _FRENCH_GU.sub("g", t))
    if len(t) > 4:
        t = _MUTE_E.sub("", t)
    if len(t) > 4:  # the Russian -ov written -off (Smirnoff)
        t = _RUSSIAN_OFF.sub("ov", t)
    t = _FINAL_D.sub("t", t)  # a final d sounds t: Durand / Durant, Mohammed / Mohammet
    for spelling, sound in _COMMON_DIGRAPHS:
        t = t.replace(spelling, sound)
    for spelling, sound in style.items():
        t = t.replace(spelling, sound)
    t = t.replace("ou", "u")
    t = _SILENT_H.sub("", t)
    out: list[str] = []
    for letter in t:
        if letter in _VOWELS or letter == "u":
            cls = letter.translate(_VOWEL_CLASS)
        else:
            cls = letter.translate(_CONSONANT_CLASS)
            cls = "H" if cls == "h" else cls
        if not out or out[-1] != cls:
            out.append(cls)
    return "".join(out)


@lru_cache(maxsize=65536)
def sound_keys(token: str, korean: bool = False) -> frozenset[str]:
    """The keys of a token in each reading (see above); empty for a short token, which
    must be spelt alike. ``korean``: the token is a syllable of a Korean name (every word
    of the name is one, see :func:`looks_korean`)."""
    if len(token) < 2 or not token.isalpha():
        return frozenset()
    keys = set()
    if len(token) >= 3:
        keys = {_reading(token, style, dh) for style in _STYLES for dh in ("d", "z")}
    if korean and _KOREAN_SYLLABLE.match(token):
        plain = _KOREAN_ASPIRATED.sub(r"\1", token).translate(_KOREAN_PLAIN)
        keys.add("K:" + plain.replace("j", "ch"))
    return frozenset(keys)


#: One syllable of romanised Korean: the McCune-Reischauer romanisation (used by the DPRK
#: and on the UN lists: Pak Pong Ju, Ri Pyong Chol; its aspirates often written th, ph, kh)
#: writes the plain initials p t k ch where the Revised Romanization of Korean (ROK, 2000)
#: writes b d g j (Bak Bong Ju, Ri Byeong Cheol). Read as one, syllable by syllable.
_KOREAN_SYLLABLE = re.compile(
    r"^(?:kk|tt|pp|ss|jj|ch|th|ph|kh|k|g|n|t|d|r|l|m|p|b|s|j|h)?(?:y|w)?"
    r"(?:ae|eo|eu|oe|ui|wa|wo|we|wi|a|e|i|o|u)(?:ng|k|n|t|l|m|p|r)?$"
)


def looks_korean(tokens: Sequence[str]) -> bool:
    """A name of two to four words, each a romanised Korean syllable (Kim Jong Un)."""
    return 2 <= len(tokens) <= 4 and all(_KOREAN_SYLLABLE.match(t) for t in tokens)


_KOREAN_ASPIRATED = re.compile(r"^([tpk])h")
_KOREAN_PLAIN = str.maketrans({"b": "p", "d": "t", "g": "k"})


def phonetic_key(token: str) -> str:
    """The sound of a canonical token (Metaphone); blocking uses its first 4 letters."""
    key = jellyfish.metaphone(token)
    return key or token


@dataclass(frozen=True)
class Name:
    """A name ready to compare: its meaningful tokens (canonical, in order), the words set
    aside (legal forms, particles, titles) and each token's phonetic key."""

    original: str
    tokens: tuple[str, ...]
    keys: tuple[str, ...]
    legal_forms: tuple[str, ...] = ()
    joined: str = ""
    #: the words as written (folded), one per token, before their canonical spelling
    words: tuple[str, ...] = ()
    #: each token's sound keys (:func:`sound_keys`)
    sounds: tuple[frozenset[str], ...] = ()
    #: the particles written just before each token ("el" in "Abd el Kader")
    before: tuple[str, ...] = ()
    #: the first letters of every word, legal forms included ("NIOC"), for acronyms
    initials: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.tokens


#: Legal forms written in words, in the languages of the lists, and their abbreviation:
#: "Limited Liability Company X" is "X LLC", "Obshchestvo s ogranichennoy
#: otvetstvennostyu" is "OOO" (the Russian Civil Code, art. 87; the Companies Act 2006, s. 58).
_LEGAL_PHRASES = tuple(
    (re.compile(rf"\b{phrase}\b"), abbreviation)
    for phrase, abbreviation in (
        ("public joint stock company", "pjsc"),
        ("closed joint stock company", "cjsc"),
        ("open joint stock company", "ojsc"),
        ("joint stock company", "jsc"),
        ("limited liability company", "llc"),
        ("limited liability partnership", "llp"),
        ("private limited company", "ltd"),
        ("public limited company", "plc"),
        ("obshchestvo s ogranichennoi otvetstvennostiu", "ooo"),
        ("obshchestvo s ogranichennoy otvetstvennostyu", "ooo"),
        ("publichnoe aktsionernoe obshchestvo", "pao"),
        ("aktsionernoe obshchestvo", "ao"),
        ("societe anonyme", "sa"),
        ("societe a responsabilite limitee", "sarl"),
        ("gesellschaft mit beschrankter haftung", "gmbh"),
        ("aktiengesellschaft", "ag"),
    )
)
#: Legal forms that may open a name (the Russian, Ukrainian and Gulf habit: "OOO Sever",
#: "PJSC Aeroflot"); other short forms opening a name are the name ("Co Trading", "AS Roma").
_LEADING_FORMS = frozenset(
    "ooo oao zao pao ao pjsc jsc cjsc ojsc tov pat llc fze fzco ltd gmbh sarl sas".split()
)
#: Little words not counted in an acronym ("Islamic Republic of Iran Shipping Lines": IRISL).
_ACRONYM_SKIP = frozenset("of and the for de du des la le les et".split())


def parse_name(text: str) -> Name:
    """Cut a name into the tokens that matter."""
    folded = fold(text)
    for phrase, abbreviation in _LEGAL_PHRASES:
        folded = phrase.sub(abbreviation, folded)
    words = folded.split()[: MAX_TOKENS * 2]
    kept: list[str] = []
    forms: list[str] = []
    before: list[str] = []
    pending = ""
    for position, word in enumerate(words):
        if word in LEGAL_FORMS and (
            position > 0 or len(words) == 1 or (word in _LEADING_FORMS and len(words) > 1)
        ):
            # "Co" opening "Co Trading" or a lone "SA" is the name itself
            forms.append(word)
            continue
        if word in TITLES or (word in PARTICLES and len(words) > 1):
            if word in PARTICLES:
                pending = word
            continue
        kept.append(word)
        before.append(pending)
        pending = ""
    if not kept and words:  # a name made only of such words: keep them
        kept = list(words)
        before = [""] * len(kept)
        forms = []
    kept = kept[:MAX_TOKENS]
    tokens = [canonical(w) for w in kept]
    korean = looks_korean(tokens)
    return Name(
        original=text[:MAX_NAME_LENGTH],
        tokens=tuple(tokens),
        keys=tuple(phonetic_key(t) for t in tokens),
        legal_forms=tuple(forms),
        joined="".join(tokens),
        words=tuple(kept),
        sounds=tuple(sound_keys(t, korean) for t in tokens),
        before=tuple(before[: len(kept)]),
        initials="".join(w[0] for w in words if w not in _ACRONYM_SKIP),
    )


@dataclass(frozen=True)
class Subject:
    """Who is screened: names (the first is the main one), kind, country codes, and for a
    person the date or year of birth when known."""

    names: tuple[str, ...]
    kind: str = ENTITY
    countries: tuple[str, ...] = ()
    birth_date: dt.date | None = None
    birth_year: int | None = None


@dataclass(frozen=True)
class ListedParty:
    """A list entry as the matcher sees it."""

    ref: str
    names: tuple[str, ...]
    kind: str = ENTITY
    countries: tuple[str, ...] = ()
    birth_dates: tuple[dt.date, ...] = ()
    birth_years: tuple[int, ...] = ()


@dataclass(frozen=True)
class Match:
    """A name match: the score (0..1), the names that met and why."""

    ref: str
    score: float
    name_score: float
    subject_name: str
    listed_name: str
    reasons: tuple[Text, ...] = field(default=())

    @property
    def percent(self) -> int:
        return round(self.score * 100)


# ----------------------------------------------------------------------------- token scores

EXACT, PHONETIC, SPELLING, INITIAL, JOINED = "exact", "phonetic", "spelling", "initial", "joined"
TRANSLIT, ABBREVIATION, ACRONYM = "transliteration", "abbreviation", "acronym"
#: Below this length a spelling difference not explained by a transliteration is another
#: name (Dupont / Dumont, Popov / Popkov, Sato / Saito), not a typo.
TYPO_MIN_LENGTH = 8


def _token_similarity(
    a: str,
    b: str,
    key_a: str,
    key_b: str,
    sound_a: frozenset[str] = frozenset(),
    sound_b: frozenset[str] = frozenset(),
    kind: str = PERSON,
) -> tuple[float, str]:
    """How alike two canonical tokens are (0..1), and how they met.

    A different ending is a different name (Kozlov / Kozlovsky, Petrov / Petrovsky); a
    letter apart in a short name is another name (Dupont / Dumont): only a transliteration
    (the same sound key in one of the conventions) or, on a long name, one or two edits
    count."""
    if a == b:
        return 1.0, EXACT
    if len(a) == 1 or len(b) == 1:
        short, long_ = (a, b) if len(a) == 1 else (b, a)
        if len(long_) > 1 and long_.startswith(short):
            return 0.85, INITIAL
        return 0.0, ""
    if a in KNOWN_NAMES and b in KNOWN_NAMES:
        return 0.0, ""  # two known names, not variants of each other: Hasan is not Husain
    if sound_a & sound_b:
        return 0.93, TRANSLIT
    shortest = min(len(a), len(b))
    if kind != PERSON and shortest >= 3 and len(a) != len(b):
        # "Air" for "Airlines", "Intl" is not: a word cut short is the same word
        short, long_ = (a, b) if len(a) < len(b) else (b, a)
        if len(long_) >= 6 and long_.startswith(short) and short not in WEAK_WORDS:
            return 0.88, ABBREVIATION
    if shortest < TYPO_MIN_LENGTH:
        return 0.0, ""
    edits = Levenshtein.distance(a, b, score_cutoff=3)
    if key_a == key_b and edits <= 2:
        return 0.91, PHONETIC
    if edits == 1:
        return 0.90, SPELLING
    if edits == 2 and JaroWinkler.similarity(a, b) >= 0.9:
        return 0.86, SPELLING
    return 0.0, ""


def _weight(token: str, kind: str) -> float:
    if len(token) == 1:
        return 0.6
    if kind != PERSON and token in WEAK_WORDS:
        return 0.25
    return 1.0


@dataclass(frozen=True)
class _Aligned:
    score: float
    #: (query token index, listed token index, similarity, how), best first
    pairs: tuple[tuple[int, int, float, str], ...]
    matched_query: int
    query_tokens: int
    listed_tokens: int
    #: the names as aligned, when words were joined to meet the other name's spelling
    query: Name | None = None
    listed: Name | None = None


def _align(query: Name, listed: Name, kind: str) -> _Aligned:
    """Pair the tokens of two names, best pairs first, regardless of their order."""
    candidates: list[tuple[float, int, int, str]] = []
    for i, (qa, qk, qs) in enumerate(zip(query.tokens, query.keys, query.sounds, strict=True)):
        for j, (la, lk, ls) in enumerate(
            zip(listed.tokens, listed.keys, listed.sounds, strict=True)
        ):
            sim, how = _token_similarity(qa, la, qk, lk, qs, ls, kind)
            if sim > 0:
                candidates.append((sim, i, j, how))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_q: set[int] = set()
    used_l: set[int] = set()
    pairs: list[tuple[int, int, float, str]] = []
    got_q = 0.0
    got_l = 0.0
    for sim, i, j, how in candidates:
        if i in used_q or j in used_l:
            continue
        used_q.add(i)
        used_l.add(j)
        pairs.append((i, j, sim, how))
        got_q += sim * _weight(query.tokens[i], kind)
        got_l += sim * _weight(listed.tokens[j], kind)
    total_q = sum(_weight(t, kind) for t in query.tokens)
    total_l = sum(_weight(t, kind) for t in listed.tokens)
    if not total_q or not total_l:
        return _Aligned(0.0, (), 0, len(query.tokens), len(listed.tokens))
    cover_q = got_q / total_q
    cover_l = got_l / total_l
    # what one name says must be in the other; the other may say more (a fourth given
    # name, "State Corporation" after a listed "Rostec")
    score = max(cover_q * (0.75 + 0.25 * cover_l), cover_l * (0.75 + 0.25 * cover_q))
    strong = sum(1 for p in pairs if p[3] != INITIAL)
    if kind == PERSON and max(len(query.tokens), len(listed.tokens)) >= 2:
        if strong == 0 or len(pairs) < 2:
            score = min(score, 0.70)  # one shared name is never a person's match
    return _Aligned(score, tuple(pairs), len(used_q), len(query.tokens), len(listed.tokens))


def _joined_score(query: Name, listed: Name) -> float:
    """The names compared written as one word, for joined/split spellings."""
    if not query.joined or not listed.joined or len(query.tokens) == len(listed.tokens):
        return 0.0
    if abs(len(query.joined) - len(listed.joined)) > 3:
        return 0.0
    sim = JaroWinkler.similarity(query.joined, listed.joined)
    return sim if sim >= 0.95 else 0.0


def _merged(name: Name, other: Name) -> Name | None:
    """``name`` with two neighbouring words written as one where the other name writes them
    so: "Abd el Kader" / "Abdelkader", "Xiao Ming" / "Xiaoming", "Nam Chon Gang" /
    "Namchongang" (a particle between them is kept or dropped, as the other name does)."""
    if len(name.tokens) <= len(other.tokens):
        return None  # nothing to join that the other name writes as one word
    theirs = {t for t in other.tokens if len(t) >= 5}
    if not theirs:
        return None
    their_sounds = [s for t, s in zip(other.tokens, other.sounds, strict=True) if t in theirs]
    # a joined word is compared only if one of the other name's words starts like it
    starts = {t[0] for t in theirs} | {w[0] for w in other.words if len(w) >= 5}
    words = list(name.words)
    before = list(name.before)
    changed = False
    i = 0
    while i < len(words) - 1:
        found = None
        if words[i][0] not in starts and canonical(words[i])[0] not in starts:
            i += 1
            continue
        for span in (3, 2):
            if i + span > len(words):
                continue
            for particle in {"", before[i + 1]}:
                if span == 3 and particle:
                    continue
                joined = words[i] + particle + "".join(words[i + 1 : i + span])
                token = canonical(joined)
                sounds = sound_keys(token)
                if token in theirs or any(sounds & s for s in their_sounds):
                    found = (span, joined)
                    break
            if found:
                break
        if found:
            span, joined = found
            words[i : i + span] = [joined]
            before[i + 1 : i + span] = []
            changed = True
        i += 1
    if not changed:
        return None
    return _rebuild(name, words, before)


def _without_forms(name: Name, other: Name) -> Name:
    """``name`` without the words the other name sets aside as its legal form ("Asa Aaa"
    against "Aaa ASA": the Norwegian ASA is set aside only when it does not open a name)."""
    if not other.legal_forms or not set(name.words) & set(other.legal_forms):
        return name
    keep = [i for i, w in enumerate(name.words) if w not in other.legal_forms]
    if not keep:
        return name
    rebuilt = _rebuild(name, [name.words[i] for i in keep], [name.before[i] for i in keep])
    dropped = tuple(w for w in name.words if w in other.legal_forms)
    return replace(rebuilt, legal_forms=name.legal_forms + dropped)


def _rebuild(name: Name, words: list[str], before: list[str]) -> Name:
    tokens = [canonical(w) for w in words]
    korean = looks_korean(tokens)
    return Name(
        original=name.original,
        tokens=tuple(tokens),
        keys=tuple(phonetic_key(t) for t in tokens),
        legal_forms=name.legal_forms,
        joined="".join(tokens),
        words=tuple(words),
        sounds=tuple(sound_keys(t, korean) for t in tokens),
        before=tuple(before),
        initials=name.initials,
    )


def _acronym(query: Name, listed: Name) -> bool:
    """One name is the other's initials: "IRGC" / "Islamic Revolutionary Guard Corps"."""
    for short, long_ in ((query, listed), (listed, query)):
        if len(short.tokens) == 1 and 3 <= len(short.tokens[0]) <= 8:
            if len(long_.initials) >= 3 and short.words[0] == long_.initials:
                return True
    return False


def name_score(query: Name, listed: Name, kind: str = ENTITY) -> tuple[float, _Aligned]:
    query, listed = _without_forms(query, listed), _without_forms(listed, query)
    aligned = _align(query, listed, kind)
    if aligned.score < 0.95:  # else joining words can add nothing
        merged_query, merged_listed = _merged(query, listed), _merged(listed, query)
        q, li = (merged_query or query), (merged_listed or listed)
        if merged_query or merged_listed:
            again = _align(q, li, kind)
            if again.score > aligned.score:
                aligned = again
                query, listed = q, li
    joined = _joined_score(query, listed)
    if joined > aligned.score:
        return joined, _Aligned(joined, ((-1, -1, joined, JOINED),), 1, 1, 1, query, listed)
    if kind != PERSON and aligned.score < 0.9 and _acronym(query, listed):
        return 0.9, _Aligned(0.9, ((-1, -1, 0.9, ACRONYM),), 1, 1, 1, query, listed)
    return aligned.score, replace(aligned, query=query, listed=listed)


def _explain_pairs(aligned: _Aligned, query: Name, listed: Name) -> list[Text]:
    reasons: list[Text] = []
    variants: list[str] = []
    query = aligned.query or query
    listed = aligned.listed or listed
    for i, j, sim, how in aligned.pairs:
        if how == ACRONYM:
            acronym, expanded = (
                (query.original, listed.original)
                if len(query.tokens) == 1
                else (listed.original, query.original)
            )
            reasons.append(Text("“{a}” is the acronym of “{b}”", a=acronym, b=expanded))
            continue
        if how == JOINED:
            reasons.append(
                Text(
                    "Written joined or split: “{a}” / “{b}”",
                    a=" ".join(query.words),
                    b=" ".join(listed.words),
                )
            )
            continue
        a, b = query.words[i], listed.words[j]
        if how == EXACT:
            if a != b:
                variants.append(f"{a} = {b}")
        elif how == INITIAL:
            short, full = (a, b) if len(a) < len(b) else (b, a)
            reasons.append(Text("“{a}” is the initial of “{b}”", a=short, b=full))
        elif how in (PHONETIC, TRANSLIT):
            reasons.append(Text("“{a}” sounds like “{b}”", a=a, b=b))
        elif how == ABBREVIATION:
            cut, whole = (a, b) if len(a) < len(b) else (b, a)
            reasons.append(Text("“{a}” is “{b}” cut short", a=cut, b=whole))
        else:
            reasons.append(
                Text("“{a}” is spelt like “{b}” ({percent} %)", a=a, b=b, percent=round(sim * 100))
            )
    if variants:
        reasons.append(
            Text("Transliteration variants read as one: {words}", words=", ".join(variants))
        )
    order = [j for i, j, _s, how in sorted(aligned.pairs) if how not in (JOINED, ACRONYM)]
    if order != sorted(order):
        reasons.append(Text("Word order differs"))
    forms = sorted(set(query.legal_forms) | set(listed.legal_forms))
    if forms:
        reasons.append(Text("Legal forms set aside: {forms}", forms=", ".join(forms)))
    return reasons


def _evidence(subject: Subject, entry: ListedParty) -> tuple[float, list[Text]]:
    """Confirming or weakening facts beside the name."""
    delta = 0.0
    reasons: list[Text] = []
    if subject.kind == PERSON and entry.kind == ENTITY:
        delta -= 0.08
        reasons.append(Text("A person screened against an entity"))
    elif subject.kind == ENTITY and entry.kind == PERSON:
        delta -= 0.04
        reasons.append(Text("A company screened against a person"))
    year = subject.birth_date.year if subject.birth_date else subject.birth_year
    listed_years = set(entry.birth_years) | {d.year for d in entry.birth_dates}
    if subject.kind == PERSON and year and listed_years:
        if subject.birth_date and subject.birth_date in entry.birth_dates:
            delta += 0.08
            reasons.append(Text("Same date of birth"))
        elif year in listed_years:
            delta += 0.05
            reasons.append(Text("Same year of birth"))
        elif min(abs(year - y) for y in listed_years) <= 1:
            reasons.append(Text("Year of birth one year apart"))
        else:
            delta -= 0.15
            reasons.append(Text("Different date of birth"))
    ours = {c.upper() for c in subject.countries if c}
    theirs = {c.upper() for c in entry.countries if c}
    if ours and theirs:
        common = ours & theirs
        if common:
            delta += 0.03
            reasons.append(Text("Same country: {countries}", countries=", ".join(sorted(common))))
        else:
            delta -= 0.04
            reasons.append(
                Text(
                    "Country differs: {ours} here, {theirs} on the list",
                    ours=", ".join(sorted(ours)),
                    theirs=", ".join(sorted(theirs)),
                )
            )
    return delta, reasons


def match(
    subject: Subject,
    entry: ListedParty,
    *,
    parsed: dict[str, Name] | None = None,
    subject_names: Sequence[Name] | None = None,
) -> Match:
    """The best match between any name of the subject and any name of the entry.
    ``parsed`` caches the listed names' parsing, ``subject_names`` the subject's."""
    cache = parsed if parsed is not None else {}
    ours_parsed = subject_names if subject_names is not None else subject_parsed(subject)
    kind = PERSON if subject.kind == PERSON and entry.kind == PERSON else entry.kind
    best: tuple[float, _Aligned, Name, Name] | None = None
    for q in ours_parsed:
        for theirs in entry.names:
            listed = cache.get(theirs)
            if listed is None:
                listed = cache[theirs] = parse_name(theirs)
            if listed.is_empty:
                continue
            score, aligned = name_score(q, listed, kind)
            if best is None or score > best[0]:
                best = (score, aligned, q, listed)
    if best is None:
        return Match(entry.ref, 0.0, 0.0, "", "")
    score, aligned, q, listed = best
    delta, evidence = _evidence(subject, entry)
    reasons = _explain_pairs(aligned, q, listed)
    if listed.original != entry.names[0]:
        reasons.insert(0, Text("Matched on an alias of the entry"))
    final = max(0.0, min(1.0, score + delta)) if score > 0 else 0.0
    return Match(
        ref=entry.ref,
        score=round(final, 4),
        name_score=round(score, 4),
        subject_name=q.original,
        listed_name=listed.original,
        reasons=tuple(reasons + evidence),
    )


def subject_parsed(subject: Subject) -> list[Name]:
    return [n for n in (parse_name(text) for text in subject.names) if not n.is_empty]


# ----------------------------------------------------------------------------- blocking index


def _block_keys(name: Name) -> list[set[str]]:
    """The keys of each token (its canonical spelling, its sound and, for a long one, its
    first four letters: a typo at the end), and of each pair of
    neighbouring tokens written as one ("abdel rahman" meets "abdelrahman")."""
    groups = [
        ({f"t:{t}", f"k:{k[:4]}", f"p:{t[:4]}"} if len(t) >= 5 else {f"t:{t}", f"k:{k[:4]}"})
        | {f"s:{key}" for key in sounds}
        for t, k, sounds in zip(name.tokens, name.keys, name.sounds, strict=True)
        if len(t) > 1
    ]
    for a, b in zip(name.tokens, name.tokens[1:], strict=False):
        if len(a) > 1 and len(b) > 1:
            groups.append(
                {f"k:{phonetic_key(a + b)[:4]}"} | {f"s:{key}" for key in sound_keys(a + b)}
            )
    if 3 <= len(name.initials) <= 8 and len(name.tokens) >= 3:
        groups.append({f"t:{name.initials}"})  # "IRGC" meets "Islamic Revolutionary Guard Corps"
    if len(name.tokens) > 1 and len(name.joined) > 3:
        groups.append({f"k:{phonetic_key(name.joined)[:4]}"})
    return groups


class NameIndex:
    """Every listed party's names, findable by the rare keys of their tokens."""

    #: A key shared by more than this share of the names does not select candidates alone.
    COMMON_SHARE = 0.005
    COMMON_FLOOR = 50

    def __init__(self, entries: Iterable[ListedParty]) -> None:
        self.entries: dict[str, ListedParty] = {}
        self.postings: dict[str, set[str]] = defaultdict(set)
        self.parsed: dict[str, Name] = {}
        self.names = 0
        for entry in entries:
            self.entries[entry.ref] = entry
            for text in entry.names:
                parsed = self._parse(text)
                self.names += 1
                for group in _block_keys(parsed):
                    for key in group:
                        self.postings[key].add(entry.ref)
        self.common_limit = max(self.COMMON_FLOOR, int(self.names * self.COMMON_SHARE))

    def _parse(self, text: str) -> Name:
        found = self.parsed.get(text)
        if found is None:
            found = self.parsed[text] = parse_name(text)
        return found

    def candidates(self, subject: Subject) -> set[str]:
        """Entries sharing a rare token with one of the subject's names; tokens found in
        many names ("trading", "muhammad") select only together with another one."""
        chosen: set[str] = set()
        for name in subject_parsed(subject):
            rare: list[set[str]] = []
            common: list[set[str]] = []
            for group in _block_keys(name):
                posting: set[str] = set()
                for key in group:
                    posting |= self.postings.get(key, set())
                if posting:
                    (common if len(posting) > self.common_limit else rare).append(posting)
            for posting in rare:
                chosen |= posting
            if not rare and common:
                counts: Counter[str] = Counter()
                for posting in common:
                    counts.update(posting)
                need = min(2, len(common))
                chosen |= {ref for ref, n in counts.items() if n >= need}
        return chosen

    def screen(
        self, subject: Subject, *, threshold: float = HIT_THRESHOLD
    ) -> tuple[list[Match], int]:
        """The entries matching at or above ``threshold``, best first, and how many were
        compared (the work done)."""
        refs = self.candidates(subject)
        ours = subject_parsed(subject)
        found: list[Match] = []
        for ref in sorted(refs):
            result = match(subject, self.entries[ref], parsed=self.parsed, subject_names=ours)
            if result.score >= threshold:
                found.append(result)
        found.sort(key=lambda m: (-m.score, m.ref))
        return found, len(refs)


def screen_all(
    subject: Subject, entries: Sequence[ListedParty], *, threshold: float = HIT_THRESHOLD
) -> list[Match]:
    """Without an index: every entry compared (the reference the index is measured on)."""
    cache: dict[str, Name] = {}
    ours = subject_parsed(subject)
    found = [
        m
        for e in entries
        if (m := match(subject, e, parsed=cache, subject_names=ours)).score >= threshold
    ]
    return sorted(found, key=lambda m: (-m.score, m.ref))
