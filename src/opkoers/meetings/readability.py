"""The B1 readability check for the plain-language summary (decision 0024).

Pure functions, no Django models and no database: the form calls it before saving, and
later the portal and notifications can call it on the same text. It only warns; the
professional decides. The rules are deliberately simple and explainable, because the
professional must understand in one look why a sentence is flagged and what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Above this many words a sentence is hard to follow at B1 (the usual guidance for
# plain Dutch is 10–15 words on average; we warn per sentence only from 20 on).
MAX_SENTENCE_WORDS = 20
# Dutch glues words together: "schuldhulpverleningstraject" is one word. Counting
# letters is predictable and needs no hyphenation dictionary; above 15 letters most
# words are compounds that read easier split up or said another way.
MAX_WORD_LETTERS = 15

# Abbreviations and professional words the team uses, with an everyday alternative
# where there is one. Matching is on whole words; a term with a capital is matched as
# written, so the agency WIL is found and the verb "wil" ("ik wil werken") is not.
JARGON: dict[str, str] = {
    "ZRM": "de lijst met vragen over hoe het met u gaat",
    "WIL": "de afdeling die uitkeringen regelt",
    "UWV": "het UWV (de organisatie voor werk en uitkering) – leg uit wat het is",
    "Wmo": "hulp en voorzieningen van de gemeente",
    "GGZ": "hulp bij psychische klachten",
    "POH": "de praktijkondersteuner van de huisarts",
    "intake": "eerste gesprek",
    "casus": "uw situatie",
    "traject": "de hulp die we samen geven",
    "interventie": "hulp",
    "casusregie": "de regie over uw hulp",
    "regievoerder": "contactpersoon",
    "indicatie": "besluit over hulp",
    "beschikking": "brief met het besluit",
    "participatieladder": "hoe actief u meedoet",
    "participatiewet": "de wet voor bijstand",
    "maatwerkbudget": "geld voor een oplossing op maat",
    "zelfredzaamheid": "wat u zelf kunt",
    "escalatie": "het probleem hoger in de organisatie neerleggen",
    "escaleren": "hoger in de organisatie neerleggen",
    "doelgroep": "groep",
    "interventies": "hulp",
    "problematiek": "problemen",
    "multiproblematiek": "problemen op meer gebieden",
    "schuldhulpverlening": "hulp bij schulden",
    "bijzondere bijstand": "extra geld van de gemeente voor bepaalde kosten",
    "warme overdracht": "we stellen u voor aan uw nieuwe hulpverlener",
    "opschalen": "meer hulp inzetten",
    "afschalen": "minder hulp inzetten",
    "i.v.m.": "omdat",
    "ivm": "omdat",
    "m.b.t.": "over",
    "mbt": "over",
    "t.a.v.": "voor",
    "evt.": "misschien",
    "z.s.m.": "zo snel mogelijk",
    "zsm": "zo snel mogelijk",
    "o.a.": "onder andere",
    "ihkv": "voor",
}

# A full stop ends a sentence only before a capital, a digit or a quote, so that
# "i.v.m. uw schulden" stays one sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u00c0-\u00dd0-9\"'‘“(])|\n+")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Finding:
    kind: str  # "sentence", "word" or "jargon"
    text: str
    suggestion: str = ""


@dataclass
class Readability:
    sentences: int = 0
    words: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def average_sentence_words(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def score(self) -> int:
        """0–100, higher is easier: 100 minus ten per finding, never below zero. A
        number the professional can compare between drafts, not a scientific grade."""
        return max(0, 100 - 10 * len(self.findings))


def sentences_of(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def _jargon_in(text: str) -> list[Finding]:
    lowered = text.lower()
    found: list[Finding] = []
    for term, suggestion in JARGON.items():
        haystack = text if term != term.lower() else lowered
        # Whole words only; a dotted abbreviation ends in its own dot, so only its
        # start needs a boundary.
        end = "" if term.endswith(".") else r"(?![^\W\d_])"
        if re.search(rf"(?<![^\W\d_.]){re.escape(term)}{end}", haystack):
            found.append(Finding("jargon", term, suggestion))
    return found


def check(text: str) -> Readability:
    """Warnings for one text: each too long sentence once, each long word once, each
    jargon term once, in reading order per kind."""
    result = Readability()
    long_words: dict[str, None] = {}
    for sentence in sentences_of(text):
        words = words_of(sentence)
        if not words:
            continue
        result.sentences += 1
        result.words += len(words)
        if len(words) > MAX_SENTENCE_WORDS:
            result.findings.append(Finding("sentence", sentence))
        for word in words:
            letters = sum(1 for ch in word if ch.isalpha())
            if letters > MAX_WORD_LETTERS:
                long_words.setdefault(word.lower(), None)
    result.findings.extend(Finding("word", w) for w in long_words)
    result.findings.extend(_jargon_in(text))
    return result
