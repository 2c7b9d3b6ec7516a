"""Names: misspelt and swapped names, honorifics, transliteration variants."""
from __future__ import annotations

from helpers import make_pair

from audit.checks.entities import EntityCheck
from audit.sense.names import find_names, fold_name, fuzzy_locate, locate


def run(src, tgt, sl="en", tl="de"):
    ad = make_pair(src, tgt, sl, tl)
    out = list(EntityCheck().run(ad))
    for f in out:  # every span points at its text
        assert ad.doc.source[f.source.start:f.source.end] == f.source.text
        assert ad.doc.target[f.target.start:f.target.end] == f.target.text
    return out


def kinds(out):
    return sorted((f.details["kind"], f.source.text, f.target.text) for f in out)


def test_name_dense_sentence_is_no_headline():
    text = "French President Emmanuel Macron met Siemens chief Roland Busch in Berlin on Tuesday."
    found = [n.text for n in find_names(text, "en", doc_text=text)]
    assert "Emmanuel Macron" in found and "Siemens" in found and "Roland Busch" in found
    # a title inside a run of capitalised words is not part of the name
    assert not any("President" in n for n in found)
    headline = "Alibaba Leads Record Funding Round For SenseTime"
    assert [n.text for n in find_names(headline, "en", doc_text=headline)] == ["SenseTime"]


def test_misspelt_names_one_finding_each():
    out = run("French President Emmanuel Macron met Siemens chief Roland Busch in Berlin on Tuesday.",
              "Der französische Präsident Emmanuel Marcon traf am Dienstag in Berlin den Simens-Chef Roland Busch.")
    assert kinds(out) == [("misspelled", "Emmanuel Macron", "Emmanuel Marcon"),
                          ("misspelled", "Siemens", "Simens")]


def test_swapped_letters_and_hyphen_compound():
    assert fuzzy_locate("Macron", "Marcon traf Busch.", [(0, 18)]).text == "Marcon"
    assert fuzzy_locate("Siemens", "den Simens-Chef", [(0, 15)]).text == "Simens"
    assert fuzzy_locate("Volkswagen", "Volkswagon sagte", [(0, 16)]).text == "Volkswagon"
    # two different short names are not a misspelling of each other
    assert fuzzy_locate("Fischer", "Müller sagte", [(0, 12)]) is None


def test_title_before_a_changed_name():
    for src, tgt in [("Dr. Fischer said the study was flawed.", "Dr. Müller sagte, die Studie sei fehlerhaft."),
                     ("Prof. Fischer said the study was flawed.", "Prof. Müller sagte, die Studie sei fehlerhaft."),
                     ("Mr. Fischer said the study was flawed.", "Herr Müller sagte, die Studie sei fehlerhaft."),
                     ("Mrs. Fischer said the study was flawed.", "Frau Müller sagte, die Studie sei fehlerhaft.")]:
        out = run(src, tgt)
        assert kinds(out) == [("changed", "Fischer", "Müller")], src
        assert out[0].severity == "major"
    out = run("M. Dupont a déclaré que l'étude était erronée.", "Mrs. Durand said the study was flawed.", "fr", "en")
    assert kinds(out) == [("changed", "Dupont", "Durand")]
    out = run("Mme Dupont a déclaré que l'étude était erronée.", "Mrs. Dupont said the study was flawed.", "fr", "en")
    assert out == []


def test_honorific_makes_a_german_noun_a_name():
    text = "Dr. Müller sagte, Frau Bauer und Herr Koch seien einverstanden."
    strict = [n.text for n in find_names(text, "de", doc_text=text, strict=True)]
    assert strict == ["Müller", "Bauer", "Koch"]
    assert run("Dr. Fischer said the study was flawed.", "Dr. Fischer sagte, die Studie sei fehlerhaft.") == []


def test_english_surname_that_is_a_german_noun():
    out = run("Analysts say Bauer and Koch will resign.", "Analysten sagen, Baur und Kohl würden zurücktreten.")
    assert kinds(out) == [("changed", "Koch", "Kohl"), ("misspelled", "Bauer", "Baur")]
    assert run("Analysts say Bauer and Koch will resign.",
               "Analysten sagen, Bauer und Koch würden zurücktreten.") == []


def test_transliteration_variants_do_not_fire():
    assert fold_name("Xiao'ou") == fold_name("Xiaoou")
    assert locate("Tang Xiao'ou", "Gründer Tang Xiaoou sprach.", "de", [(0, 27)], "en") is not None
    assert run("SenseTime founder Tang Xiao'ou spoke.", "SenseTime-Gründer Tang Xiaoou sprach.") == []
    assert run("The talks with Zelensky were held in Kyiv.", "Die Gespräche mit Selenskyj fanden in Kiew statt.") == []
    assert run("Shares of Nestlé rose.", "Die Aktien von Nestle stiegen.") == []


def test_country_word_before_a_title_and_a_sentence_full_of_names():
    from audit.sense.names import find_names

    text = "On Tuesday the French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin."
    assert [n.text for n in find_names(text, "en")] == ["Emmanuel Macron", "Olaf Scholz", "Berlin"]
    # a title-case line without a final full stop is still a headline
    assert [n.text for n in find_names("SenseTime Raises Another Billion From Investors", "en")] == ["SenseTime"]
