"""Negation and hedge equivalents across en/de/fr: negative subjects ("personne
n'"), "ni ... ni", "unable"/"incapable", "privé de" = "without", the French
conditional as the counterpart of "would"/"würde"."""
from __future__ import annotations

import pytest
from helpers import make_pair

from audit.checks.modality import ModalityCheck
from audit.checks.negation import NegationCheck
from audit.sense.cues import find_cues


def neg(src, tgt, sl, tl):
    return list(NegationCheck().run(make_pair(src, tgt, sl, tl)))


def mod(src, tgt, sl, tl):
    return list(ModalityCheck().run(make_pair(src, tgt, sl, tl)))


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("No one was injured.", "Personne n'a été blessé.", "en", "fr"),
    ("Niemand wurde verletzt.", "Personne n'a été blessé.", "de", "fr"),
    ("Personne n'est venu.", "Nobody came.", "fr", "en"),
    ("Personne n'était présent.", "Niemand war anwesend.", "fr", "de"),
    ("Nothing has changed.", "Rien n'a changé.", "en", "fr"),
    ("Ni le président ni le ministre n'ont réagi.",
     "Neither the president nor the minister reacted.", "fr", "en"),
    ("The firm is unable to pay.", "L'entreprise ne peut pas payer.", "en", "fr"),
    ("L'entreprise ne peut pas payer.", "The firm is unable to pay.", "fr", "en"),
    ("L'entreprise est incapable de payer.", "Die Firma kann nicht zahlen.", "fr", "de"),
    ("Die Firma ist unfähig zu zahlen.", "The firm cannot pay.", "de", "en"),
    ("Thousands of homes were left without power.",
     "Des milliers de foyers ont été privés d'électricité.", "en", "fr"),
    ("Des milliers de foyers ont été privés d'électricité.",
     "Thousands of homes were left without power.", "fr", "en"),
    ("Tausende Haushalte waren ohne Strom.",
     "Des milliers de foyers ont été privés d'électricité.", "de", "fr"),
    ("Des milliers de foyers ont été privés d'électricité.",
     "Tausende Haushalte waren ohne Strom.", "fr", "de"),
    ("Without power, residents left their homes.",
     "Privés d'électricité, les habitants ont quitté leurs maisons.", "en", "fr"),
    ("Residents, without power, left their homes.",
     "Les habitants, privés d'électricité, ont quitté leurs maisons.", "en", "fr"),
])
def test_equivalent_negations_are_clean(src, tgt, sl, tl):
    assert neg(src, tgt, sl, tl) == []


@pytest.mark.parametrize("src,tgt,sl,tl,direction", [
    ("Someone was injured.", "Personne n'a été blessé.", "en", "fr", "added"),
    ("No one was injured.", "Quelqu'un a été blessé.", "en", "fr", "lost"),
    ("Nobody came.", "Tout le monde est venu.", "en", "fr", "lost"),
    ("Neither the president nor the minister reacted.",
     "Le président et le ministre ont réagi.", "en", "fr", "lost"),
    ("The firm is unable to pay.", "L'entreprise peut payer.", "en", "fr", "lost"),
    ("The firm is able to pay.", "L'entreprise ne peut pas payer.", "en", "fr", "added"),
    ("Thousands of homes were left without power.",
     "Des milliers de foyers ont eu de l'électricité.", "en", "fr", "lost"),
])
def test_real_negation_errors_still_found(src, tgt, sl, tl, direction):
    out = neg(src, tgt, sl, tl)
    assert len(out) == 1 and out[0].severity == "major"
    assert out[0].details["direction"] == direction


def test_private_sector_is_not_a_negation():
    assert find_cues("Le secteur privé de l'énergie a progressé.", "fr", "negation") == []
    assert neg("The private energy sector grew.", "Le secteur privé de l'énergie a progressé.", "en", "fr") == []


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("The plan would cost £2.5bn.", "Le plan coûterait 2,5 milliards de livres.", "en", "fr"),
    ("Der Plan würde 2,5 Milliarden Pfund kosten.", "Le plan coûterait 2,5 milliards de livres.", "de", "fr"),
    ("Le plan coûterait 2,5 milliards de livres.", "The plan would cost £2.5bn.", "fr", "en"),
    ("Le plan coûterait 2,5 milliards de livres.", "Der Plan würde 2,5 Milliarden Pfund kosten.", "fr", "de"),
    ("The deal would raise $2 billion.", "L'accord permettrait de lever 2 milliards de dollars.", "en", "fr"),
])
def test_french_conditional_matches_would(src, tgt, sl, tl):
    assert mod(src, tgt, sl, tl) == []


@pytest.mark.parametrize("tgt", [
    "Le plan coûte 2,5 milliards de livres.",
    "Le portrait coûte 2,5 milliards de livres.",
    "Le retrait coûte 2,5 milliards de livres.",
    "L'extrait coûte 2,5 milliards de livres.",
    "Le plan déclarait un coût de 2,5 milliards de livres.",
])
def test_would_without_conditional_still_dropped(tgt):
    out = mod("The plan would cost £2.5bn.", tgt, "en", "fr")
    assert [f.source.text for f in out] == ["would"] and out[0].severity == "major"


def test_conditional_cue_list():
    hits = lambda t: [c.text for c in find_cues(t, "fr", "hedge")]  # noqa: E731
    for w in ("coûterait", "pourraient", "voudrait", "devrait", "aurait", "finirait", "mettrait", "serions"):
        assert w in hits(f"Il {w} 3 millions."), w
    for w in ("portrait", "retrait", "extrait", "attrait", "trait", "tirait", "montrait", "s'effondrait", "préparait",
              "frais"):
        assert hits(f"Le {w} 3 millions.") == [], w
