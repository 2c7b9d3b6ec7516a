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


_SHORT_CUT_CASES = {
    "en": ["one of the biggest", "one million", "one and a half million", "one third of them", "$5 million",
           "$5 million one", "someone said $5 million", "one-third", "one hundred", "one two three"],
    "de": ["eine mit dem Geschäft", "eine Million Euro", "ein Drittel", "einfach 5 Millionen", "einer der größten",
           "ein\u00adhundert", "undzwanzig Leute", "eingeführt und 5 Mio. Euro", "eine halbe Million",
           "einundzwanzig", "eine zwei", "ein-", "einmillion"],
    "fr": ["une des plus grandes", "un million", "un et demi", "un tiers", "5 millions d'euros un", "une deux"],
}


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_nothing_to_read_agrees_with_full_scan(lang, monkeypatch):
    # the short cut (no word can start a quantity that survives) gives what
    # reading every word gives
    texts = _SHORT_CUT_CASES[lang] + _texts(X._spec(lang), 11, 1500)
    texts += ["Im Jahr " + t + " 5 Millionen" for t in texts[:40]]
    fast = {}
    for t in texts:
        X.clear_cache()
        fast[t] = [q.to_dict() for q in X.extract(t, lang)]
    monkeypatch.setattr(X, "_nothing_to_read", lambda *a: False)
    for t in texts:
        X.clear_cache()
        assert [q.to_dict() for q in X.extract(t, lang)] == fast[t], t
    X.clear_cache()


def test_nothing_to_read_takes_the_short_cut():
    spec = X._spec("de")
    X._word_scanner(spec)
    pre = spec.__dict__["_scanner_low"][0]
    cls = spec.__dict__.setdefault("_cls_cache", {})

    def short(s, figures=()):
        low = s.lower()
        return X._nothing_to_read(s, spec, low, pre.search(low), list(figures), 0, len(s), cls)
    assert short("doch eine mit dem Geschäft vertraute Person")
    assert short("schneller eingeführt als die Regeln")
    assert not short("eine Million Euro")
    assert not short("zwei Personen")
    # the magnitude word belongs to the figure before it
    text = "sammelte 523 Millionen US-Dollar ein"
    figures = [X._Q(q.start, q.end, q.value, q.role) for q in X._extract(text, "de")]
    assert not short(text)
    assert short(text, figures)
