"""Anchor features of the aligner: lexicon data, elision, German compounds."""
from __future__ import annotations

import yaml

from audit.align import align, anchors
from audit.lang import DATA_DIR
from audit.model import LANGUAGES


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a mapping with a repeated key (the default
    loader silently keeps the last one)."""


def _no_duplicates(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        assert key not in seen, f"repeated key {key!r} at line {key_node.start_mark.line + 1}"
        seen.add(key)
    return loader.construct_mapping(node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def test_lexicon_files_are_well_formed():
    files = sorted((DATA_DIR / "lexicon").glob("*.yaml"))
    assert files
    total = 0
    for path in files:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
        entries = doc["entries"]
        for gloss, langs in entries.items():
            assert isinstance(gloss, str) and gloss == gloss.lower(), (path.name, gloss)
            assert set(langs) == set(LANGUAGES), (path.name, gloss)
            for lang, forms in langs.items():
                assert forms, (path.name, gloss, lang)
                for form in forms:
                    assert isinstance(form, str) and form.strip() == form and " " not in form, (path.name, gloss, form)
        total += len(entries)
    assert total >= 1000


def test_lexicon_entries_become_shared_concepts():
    de = set(anchors.features("Der Gletscher war steil.", "de"))
    fr = set(anchors.features("Le glacier était raide.", "fr"))
    en = set(anchors.features("The glacier was steep.", "en"))
    assert "c:glacier" in de & fr & en


def test_french_elision_is_dropped():
    glued = anchors.features("Jusqu'à l'arête d’Everest", "fr")
    spaced = anchors.features("Jusqu' à l' arête d' Everest", "fr")
    assert sorted(glued) == sorted(spaced)
    assert "p:aret" in glued


def test_german_compound_reads_head_and_tail():
    feats = anchors.features("Gletscherbecken", "de")
    assert "c:glacier" in feats
    # a listed word is never split
    assert anchors.features("Gletscher", "de").count("c:glacier") == 1
    # short words are left whole
    assert anchors._lexicon_glosses("abcd", anchors._lang("de")) == []


def test_lexicon_aligns_sentences_without_cognates():
    # no number, name or cognate is shared: only the trilingual lexicon links them
    src = ["Am Morgen brachen wir früh auf.", "Der Wind war kalt und der Nebel dicht.",
           "Nach drei Stunden erreichten wir den Gipfel.", "Der Abstieg über den Grat war schwierig."]
    tgt = ["Le matin, nous partîmes tôt.", "Le vent était froid et le brouillard épais.",
           "Après trois heures nous atteignîmes le sommet.", "La descente par l'arête fut difficile."]
    pairs = [(p.src, p.tgt) for p in align(src, tgt, "de", "fr")]
    assert pairs == [((k,), (k,)) for k in range(4)]
    from audit.align import lexical_similarity
    assert lexical_similarity(src[1], tgt[1], "de", "fr") > lexical_similarity(src[1], tgt[3], "de", "fr")


def test_spelled_compound_numbers_become_number_anchors():
    # read by the numbers extractor, so every language shares one key
    assert "#250" in anchors.features("zweihundertfünfzig Meter", "de")
    assert "#90" in anchors.features("quatre-vingt-dix mètres", "fr")
    assert "#25" in anchors.features("twenty-five metres", "en")
    # a suffix from ``number_word_suffixes``: a peak of over 8000 m
    assert "#8000" in anchors.features("der letzte Achttausender", "de")
    assert "#8000" in anchors.features("des Achttausenders", "de")
    # words that merely contain a number morph stay words
    assert not [f for f in anchors.features("Hunderte Zenturionen", "de") if f.startswith("#")]
    assert not [f for f in anchors.features("la Dixence", "fr") if f.startswith("#")]


def test_align_data_files_have_no_repeated_keys():
    for lang in LANGUAGES:
        path = DATA_DIR / lang / "align.yaml"
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
        assert isinstance(doc.get("months"), dict), lang


def test_teens_and_ordinals_are_number_anchors():
    for lang, teen, ordinal in (("fr", "quinze jours", "le quatrième jour"),
                                ("de", "fünfzehn Tage", "am vierten Tag"),
                                ("en", "fifteen days", "the fourth day")):
        assert "#15" in anchors.features(teen, lang), lang
        assert "#4" in anchors.features(ordinal, lang), lang
    # German "achte" is also "respects": it stays a word
    assert "#8" not in anchors.features("er achte", "de")
