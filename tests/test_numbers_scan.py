"""The fast number-word scan agrees with the reference patterns.

``_word_scanner`` keeps the IGNORECASE patterns (``pre``: the quick test,
``cand``: the candidate words) and, for lower-cased Latin-1 text, versions
written first letter first without IGNORECASE.  Both must find the same
places on any such text."""
import random

import pytest

from audit.numbers import extract as X


def _texts(spec, seed: int, n: int):
    keys = list(spec.words) + list(spec.ordinals) + list(spec.vague) + ["und", "and", "et", "komma", "point", "virgule"]
    extra = ["xx", "ab", "zwanzigste", "ä", "einsam", "a-b", "ß", "\u00ad", "\u00adzwei", "drei\u00adßig", "1", "-",
             "É", "Drei", "ZWEI", "Dix-Sept"]
    words = keys + extra
    rnd = random.Random(seed)
    out = []
    while len(out) < n:
        ws = []
        for _ in range(rnd.randint(1, 5)):
            w = rnd.choice(words)
            if rnd.random() < 0.3 and len(w) > 2:
                k = rnd.randrange(1, len(w))
                w = w[:k] + rnd.choice(["\u00ad", "", "x", "-"]) + w[k:]
            ws.append(w + rnd.choice(["", "s", "x", "-", "1", "\u00ad", " ", "en"]))
        s = rnd.choice(["", " ", "x", "-"]).join(ws)
        if X._latin1(s) and len(s.lower()) == len(s):
            out.append(s)
    return out


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_low_patterns_agree(lang):
    spec = X._spec(lang)
    X._word_scanner(spec)
    pre, cand = spec.__dict__["_scanner"]
    pre_low, cand_low = spec.__dict__["_scanner_low"]
    for s in _texts(spec, 7, 3000):
        low = s.lower()
        a, b = pre.search(s), pre_low.search(low)
        assert (a and a.start()) == (b and b.start()), s
        for pos in (0, 1, 3):
            assert [m.span() for m in cand.finditer(s, pos)] == [m.span() for m in cand_low.finditer(low, pos)], s


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_digits_pattern_finds_every_figure(lang):
    # the figure pattern starts with the digit; its look-behinds still
    # refuse figures glued to a word, a mark or a hyphenated word
    spec = X._spec(lang)
    d = spec.res["digits"]
    assert [m.group() for m in d.finditer("a5 x-7 .5 ,5 '5 5 12,5 1.000")] == ["5", "12,5", "1.000"]
    assert [m.group() for m in d.finditer("7")] == ["7"]
