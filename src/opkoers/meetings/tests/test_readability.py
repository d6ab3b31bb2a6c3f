"""The B1 readability check: examples and properties."""

from hypothesis import given
from hypothesis import strategies as st

from opkoers.meetings.readability import MAX_SENTENCE_WORDS, MAX_WORD_LETTERS, check


def kinds(text):
    return [(f.kind, f.text) for f in check(text).findings]


def test_plain_text_has_no_findings():
    result = check("We spraken over uw schulden. U belt de bank. Ik help u met de brief.")
    assert result.ok
    assert result.score == 100
    assert result.sentences == 3


def test_long_sentence_is_flagged_once():
    sentence = " ".join(["woord"] * (MAX_SENTENCE_WORDS + 1)) + "."
    assert [k for k, _ in kinds(sentence + " Kort.")] == ["sentence"]


def test_long_compound_word_is_flagged_once():
    text = "Het schuldhulpverleningstraject loopt. Het Schuldhulpverleningstraject stopt."
    assert ("word", "schuldhulpverleningstraject") in kinds(text)
    assert [k for k, _ in kinds(text)].count("word") == 1


def test_jargon_with_suggestion():
    findings = check("We vulden de ZRM in i.v.m. uw intake.").findings
    found = {f.text: f.suggestion for f in findings if f.kind == "jargon"}
    assert set(found) == {"ZRM", "i.v.m.", "intake"}
    assert found["i.v.m."] == "omdat"


def test_abbreviation_matched_as_written_and_whole_words_only():
    assert kinds("Ik wil werken. U wilt een baan.") == []
    assert kinds("U krijgt geld van WIL.") == [("jargon", "WIL")]
    assert kinds("De trajectplanning.") == []  # "traject" inside a word is not the word


def test_abbreviation_does_not_split_the_sentence():
    assert check("Ik bel i.v.m. uw brief.").sentences == 1


def test_score_drops_per_finding():
    assert check("De casus en het traject.").score == 80


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=MAX_WORD_LETTERS)


@given(st.lists(st.lists(words, min_size=1, max_size=MAX_SENTENCE_WORDS), max_size=8))
def test_short_sentences_of_short_words_only_ever_warn_about_jargon(sentences):
    text = " ".join(" ".join(s).capitalize() + "." for s in sentences)
    result = check(text)
    assert {f.kind for f in result.findings} <= {"jargon"}
    assert result.words == sum(len(s) for s in sentences)


@given(st.text(max_size=500))
def test_any_text_gives_a_score_between_0_and_100(text):
    result = check(text)
    assert 0 <= result.score <= 100
    assert result.ok == (result.score == 100)


@given(st.lists(words, min_size=MAX_SENTENCE_WORDS + 1, max_size=60))
def test_a_sentence_above_the_limit_is_always_flagged(sentence):
    assert "sentence" in {f.kind for f in check(" ".join(sentence) + ".").findings}


@given(st.text(alphabet="abcdefghij", min_size=MAX_WORD_LETTERS + 1, max_size=40))
def test_a_word_above_the_limit_is_always_flagged(word):
    assert ("word", word) in kinds(f"Het {word} is er.")
