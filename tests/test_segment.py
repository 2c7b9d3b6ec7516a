"""Sentence splitting: offsets always verify; abbreviations and numbers hold."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from audit.segment import presegmented, segment


def texts(text, lang):
    segs = segment(text, lang)
    for s in segs:
        assert text[s.start:s.end] == s.text
    return [s.text for s in segs]


def test_german_abbreviations_and_numbers():
    assert texts("Es kostet 4.5 Mrd. USD. Das war am 3. Mai 2018. Z. B. heute. Er ging ca. 600 m weit.", "de") == [
        "Es kostet 4.5 Mrd. USD.", "Das war am 3. Mai 2018.", "Z. B. heute.", "Er ging ca. 600 m weit."]
    assert texts("Dr. Meier von S & P Global sagte: „Ja.“ Dann ging er.", "de") == [
        "Dr. Meier von S & P Global sagte: „Ja.“", "Dann ging er."]


def test_english_abbreviations():
    assert texts("Alphabet Inc. (GOOGL) said so. The U.S. market is big. The A.I. firm won. It is No. 1 now.", "en") == [
        "Alphabet Inc. (GOOGL) said so.", "The U.S. market is big.", "The A.I. firm won.", "It is No. 1 now."]


def test_french_abbreviations():
    assert texts("Il a levé 4,5 Md. d'euros. M. Dupont est venu. Env. 300 personnes.", "fr") == [
        "Il a levé 4,5 Md. d'euros.", "M. Dupont est venu.", "Env. 300 personnes."]


def test_spaced_closing_quote_stays_with_its_sentence():
    assert texts("Il dit : « Je viens. » Puis il partit.", "fr") == ["Il dit : « Je viens. »", "Puis il partit."]
    assert texts("« Je viens. Tu viens. » Puis il partit.", "fr") == ["« Je viens.", "Tu viens. »", "Puis il partit."]
    # lower case after the closing mark: one sentence
    assert texts("Il dit : « Je viens ! » puis il partit.", "fr") == ["Il dit : « Je viens ! » puis il partit."]
    assert texts("Er sagte: „Ich komme. “ Dann ging er.", "de") == ["Er sagte: „Ich komme. “", "Dann ging er."]
    assert texts("(Voir plus haut. ) Puis encore.", "fr") == ["(Voir plus haut. )", "Puis encore."]
    # a mark that closes nothing opens the next sentence
    assert texts("Il dit. « Je viens. »", "fr") == ["Il dit.", "« Je viens. »"]
    assert texts("Fin. » Puis.", "fr") == ["Fin.", "» Puis."]


def test_abbreviation_that_ends_a_sentence():
    assert texts("The firm is based in the U.S. The CEO said so. The U.S. Senate voted.", "en") == [
        "The firm is based in the U.S.", "The CEO said so.", "The U.S. Senate voted."]
    assert texts("Er kaufte Äpfel, Birnen usw. Dann ging er. Er wurde 3. Die Siegerin kam am 3. Mai.", "de") == [
        "Er kaufte Äpfel, Birnen usw.", "Dann ging er.", "Er wurde 3.", "Die Siegerin kam am 3. Mai."]
    assert texts("Der Umsatz betrug 4,5 Mrd. Euro. Z. B. Die Zeit berichtete.", "de") == [
        "Der Umsatz betrug 4,5 Mrd. Euro.", "Z. B. Die Zeit berichtete."]
    # a title is never the end of a sentence
    assert texts("M. Le Pen est venu. Il a levé 4,5 Md. Les analystes sont surpris.", "fr") == [
        "M. Le Pen est venu.", "Il a levé 4,5 Md.", "Les analystes sont surpris."]


def test_paragraphs_are_respected():
    segs = segment("Title without stop\nFirst sentence. Second one.\r\n\r\nThird", "en")
    assert [(s.text, s.paragraph) for s in segs] == [
        ("Title without stop", 0), ("First sentence.", 1), ("Second one.", 1), ("Third", 2)]


def test_presegmented_lines():
    text = "  one. two.\n\nthree\r\n"
    assert [(s.start, s.end, s.text) for s in presegmented(text)] == [(2, 11, "one. two."), (13, 18, "three")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?…\n\r\t\u00a0\"„“«»()3ÄZ.")), max_size=80),
       st.sampled_from(["en", "de", "fr"]))
def test_offsets_always_verify(text, lang):
    for s in segment(text, lang) + presegmented(text):
        assert text[s.start:s.end] == s.text and s.text.strip()
