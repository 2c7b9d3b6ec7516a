"""The HTML report rendered from hand-built run folders (no browser)."""
from __future__ import annotations

import base64
import hashlib
import html as htmlmod
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit.model import AlignedPair, Finding, Span
from audit.report.html import ReportError, highlight, load_run, render, write_report, _Hit
from audit.report.sample import naive_adocs, write_run
from helpers import make_adoc

INJ = Path(__file__).parent / "data" / "injection"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def span(text: str, needle: str, nth: int = 0) -> Span:
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return Span.of(text, i, i + len(needle))


class Tags(HTMLParser):
    """Every start tag of a page, and its visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Tags:
    p = Tags()
    p.feed(page)
    return p


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    a = make_adoc(
        ["SenseTime received $410million in 2017.", "It is based in Hong Kong.", "Furniture: share this."],
        ["SenseTime erhielt $ 2017million.", "Es sitzt in Hongkong.", "Teilen Sie dies."],
        doc_id="002",
    )
    a.pairs[2].furniture = True
    a.pairs[1].low_confidence = True
    s, t = a.doc.source, a.doc.target
    b = make_adoc(None, ["Ein Text ohne Quelle.", "Er hat 3 Sätze.", "Dritter Satz."], tgt_lang="de", doc_id="000")
    c = make_adoc(["Une phrase.", "Une autre phrase omise."], ["One sentence."], src_lang="fr", tgt_lang="en",
                  pairs=[((0,), (0,)), ((1,), ())], doc_id="004")
    bt = b.doc.target
    findings = [
        Finding("002", "numbers", "number", "major",
                "The source says $410million in 2017; the target says $ 2017million.",
                span(s, "$410million"), span(t, "$ 2017million")),
        Finding("002", "fluency", "fluency", "minor", "Odd spacing: '$ 2017'.", None, span(t, "$ 2017")),
        # crosses the boundary between pair 1 and pair 2 on the target side
        Finding("002", "entity", "entity", "minor", "The source says Hong Kong; the target says Hongkong.",
                span(s, "Hong Kong"), Span.of(t, t.index("2017million"), t.index("Hongkong") + 8)),
        Finding("002", "cross", "cross-document", "minor", "No span at all."),
        Finding("000", "fluency", "fluency", "minor", "Target-only: number word.", None, span(bt, "3")),
        Finding("004", "omission", "omission", "major",
                "The source says 'Une autre phrase omise.'; the target leaves it out.",
                span(c.doc.source, "Une autre phrase omise."), None),
    ]
    out = tmp_path / "run"
    write_run(out, [b, a, c], findings, backends=[
        {"name": "lexical", "ran": True, "reason": None},
        {"name": "embeddings", "ran": False, "reason": "sentence-transformers not installed"},
    ])
    return out


def test_render_is_self_contained(run_dir: Path) -> None:
    page = render(run_dir)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"https?://", page)
    assert "xmlns" not in page
    tags = parse(page).tags
    for tag, attrs in tags:
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            v = attrs.get(name)
            if v is not None:
                assert v.startswith("#"), (tag, name, v)
    assert [t for t, _ in tags].count("script") == 1
    assert [t for t, _ in tags].count("style") == 1
    assert "<link" not in page and "@import" not in page and "url(" not in page


def test_csp_allows_only_the_inline_script_and_style(run_dir: Path) -> None:
    page = render(run_dir)
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert m
    csp = htmlmod.unescape(m.group(1))
    assert "default-src 'none'" in csp
    js = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    css = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    for body in (js, css):
        h = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{h}'" in csp
    assert "unsafe-inline" not in csp
    assert " style=" not in page  # inline style attributes would be blocked


def test_overview_and_documents(run_dir: Path) -> None:
    page = render(run_dir)
    text = "".join(parse(page).text)
    for doc in ("000", "002", "004"):
        assert f'data-doc="{doc}"' in page
    assert "sentence-transformers not installed" in text
    assert "target only" in text
    # the target-only document has a single column
    sec = page[page.index('<section class="doc target-only"'):]
    sec = sec[:sec.index("</section>")]
    assert 'class="pairs one"' in sec and 'class="side src"' not in sec
    assert "Target-only: number word." in sec
    # 1-0 pair and page furniture are written out
    assert "no target sentence" in text
    assert "page furniture" in text and "low confidence" in text
    # the charts are inline SVG
    assert page.count("<svg") == 2 and "<rect" in page and "<circle" in page


def test_every_finding_is_listed_once_with_severity_written(run_dir: Path) -> None:
    page = render(run_dir)
    ids = re.findall(r'<li class="finding [^"]*" id="f-(\d+)"', page)
    assert sorted(map(int, ids)) == list(range(1, 7))
    for sev in ("major", "minor"):
        assert f'<span class="sev s-{sev}">{sev}</span>' in page
    assert "No span at all." in page
    assert "spans pairs 1, 2" in page


def test_highlights_sit_on_the_exact_spans(run_dir: Path) -> None:
    run = load_run(run_dir)
    page = render(run_dir)
    for f in run["findings"]:
        for side in ("source", "target"):
            if f[side]:
                fid = 1 + run["findings"].index(f)
                pieces = re.findall(rf'<mark [^>]*data-f="{fid}"[^>]*>(.*?)</mark>', page)
                assert pieces, (fid, side)
    # the number finding covers '$ 2017million' (split by the nested fluency finding)
    num = 1 + [f["category"] for f in run["findings"]].index("number")
    frag = re.search(rf'<mark [^>]*id="hl-{num}"', page)
    assert frag
    tgt_html = page[page.index('class="side tgt"', page.index('data-doc="002" aria-labelledby')):]
    tgt_html = tgt_html[:tgt_html.index("</div>")]
    no_tags = re.sub(r'<span class="tag[^>]*>.*?</span>', "", tgt_html)
    assert "$ 2017million" in htmlmod.unescape(re.sub(r"<[^>]+>", "", no_tags))


def test_highlight_nests_overlaps_and_loses_nothing() -> None:
    text = 'a <b> "x" & y'
    hits = [_Hit(1, 0, 7, "number", "major", first=True), _Hit(2, 4, 11, "sense", "minor", first=True),
            _Hit(3, 13, 13, "omission", "minor")]
    out = str(highlight(text, hits, {1: "1 major", 2: "2 minor", 3: "3 minor"}))
    assert "<b>" not in out and "&lt;b" in out
    body = re.sub(r'<span class="tag[^>]*>[^<]*</span>', "", out)
    body = re.sub(r'<span class="caret"[^>]*>[^<]*</span>', "", body)
    assert htmlmod.unescape(re.sub(r"<[^>]+>", "", body)) == text
    assert out.count('data-f="1"') == 3  # two fragments + tag
    assert out.count('id="hl-1"') == 1 and out.count('id="hl-2"') == 1
    assert 'class="caret"' in out


def test_injection_corpus_is_escaped(tmp_path: Path) -> None:
    adocs = naive_adocs(INJ)
    findings = []
    for a in adocs:
        t = a.doc.target
        findings.append(Finding(a.doc.id, "numbers", "number", "major",
                                f"The target says {SCRIPT} and {IMG}.", None, span(t, SCRIPT)))
        if IMG in t:
            findings.append(Finding(a.doc.id, "fluency", "fluency", "minor", IMG, None, span(t, IMG)))
    out = write_run(tmp_path / "inj", adocs, findings, input_path=f"{SCRIPT}{IMG}")
    page = render(out)
    assert SCRIPT not in page and "<img" not in page and "<svg onload" not in page
    assert "<b>Reuters</b>" not in page
    tags = parse(page).tags
    assert [t for t, _ in tags].count("script") == 1
    assert not any(k.startswith("on") for _, attrs in tags for k in attrs)
    text = "".join(parse(page).text)
    assert SCRIPT in text and IMG in text and "{{ 7*7 }}" in text and "<b>Reuters</b>" in text


def test_claims_are_shown_when_present(tmp_path: Path) -> None:
    a = make_adoc(["It rose 5%."], ["Es stieg um 5 %."], doc_id="001")
    out = write_run(tmp_path / "r", [a], [], claims=[
        {"doc": "001", "kind": "number", "source": "5%", "target": "5 %", "status": "kept <ok>"}])
    page = render(out)
    assert "Claim ledger: 1 claim" in page and "kept &lt;ok&gt;" in page


def test_missing_or_bad_files(tmp_path: Path, run_dir: Path) -> None:
    with pytest.raises(ReportError, match="no such folder"):
        render(tmp_path / "nope")
    with pytest.raises(ReportError, match="missing"):
        render(tmp_path)
    (run_dir / "findings.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(ReportError, match="findings.jsonl:1"):
        render(run_dir)


def test_empty_run_renders(tmp_path: Path) -> None:
    out = write_run(tmp_path / "e", [], [])
    page = render(out)
    assert "No findings." in page


def test_write_report_is_atomic_and_cli(run_dir: Path, tmp_path: Path) -> None:
    from audit.report.cli import report_cmd

    p = write_report(run_dir)
    assert p == run_dir / "report.html" and p.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(run_dir.glob(".report-*"))
    p.unlink()
    res = CliRunner().invoke(report_cmd, [str(run_dir)])
    assert res.exit_code == 0, res.output
    assert res.output.strip() == str(run_dir / "report.html")
    assert (run_dir / "report.html").is_file()

    bad = CliRunner().invoke(report_cmd, [str(tmp_path / "missing")])
    assert bad.exit_code == 2
    assert bad.stderr.count("\n") == 1 and bad.stderr.startswith("mtaudit: ")


def test_findings_outside_any_pair_are_listed_per_document(tmp_path: Path) -> None:
    a = make_adoc(["One."], ["Eins."], doc_id="d")
    a.pairs[:] = [AlignedPair(0, (0,), (0,))]
    t = a.doc.target
    f = Finding("d", "x", "addition", "minor", "Beyond the text.", None, Span(len(t) + 5, len(t) + 9, "????"))
    out = write_run(tmp_path / "o", [a], [f])
    page = render(out)
    assert "not inside any aligned pair" in page and "Beyond the text." in page
    summary = json.loads((out / "summary.json").read_text())
    assert summary["totals"]["findings"] == 1


def test_render_is_deterministic(run_dir: Path) -> None:
    assert render(run_dir) == render(run_dir)


def test_hostile_fields_in_the_run_files_are_escaped(tmp_path: Path) -> None:
    """Not only corpus text: ids, names, categories and reasons are escaped too."""
    bad = '"><script>alert(1)</script><x onclick="alert(1)'
    text = "Eins zwei drei."
    d = tmp_path / "h"
    d.mkdir()
    (d / "summary.json").write_text(json.dumps({
        "tool": bad, "version": bad, "input": bad,
        "backends": [{"name": bad, "ran": False, "reason": bad}],
        "documents": [{"id": bad, "source_lang": None, "target_lang": bad, "target_name": bad,
                       "pairs": 1, "meta": {"note": bad, "origin": "https://example.org/" + bad},
                       "similarity": {"backend": bad, "label": bad, "mean": 0.5, "values": [0.5]},
                       "findings": {"total": 1, "by_category": {bad: {"major": 1, "minor": 0}}}}],
    }), encoding="utf-8")
    (d / "alignment.jsonl").write_text(json.dumps({
        "doc": bad, "index": 0, "type": bad, "source": None,
        "target": {"start": 0, "end": len(text), "text": text}, "confidence": 1.0,
        "scores": {bad: 1.0}}) + "\n", encoding="utf-8")
    (d / "findings.jsonl").write_text(json.dumps({
        "doc": bad, "check": bad, "category": bad, "severity": bad, "message": bad,
        "source": None, "target": {"start": 0, "end": 4, "text": "Eins"}, "details": {bad: bad}}) + "\n",
        encoding="utf-8")
    (d / "claims.jsonl").write_text(json.dumps({"doc": bad, bad: bad}) + "\n", encoding="utf-8")
    page = render(d)
    tags = parse(page).tags
    assert [t for t, _ in tags].count("script") == 1
    assert not [t for t, _ in tags if t == "x"]
    assert not any(k.startswith("on") for _, attrs in tags for k in attrs)
    assert not re.search(r"https?://", page)
    assert "https://example.org/" in "".join(parse(page).text)


def test_claim_ledger_section(tmp_path: Path) -> None:
    a = make_adoc(["It raised $410million."], ["Es sammelte $ 2017million."], doc_id="002")
    sent = {"start": 0, "end": 26, "text": "Es sammelte $ 2017million."}
    row = {"id": "R002", "subject": "SenseTime", "predicate": "funding", "predicate_label": "funding",
           "time": "2017", "status": "translation-drift", "documents": ["002"],
           "values": ["$410 million", "<b>2.017</b>"],
           "claims": [{"doc": "002", "side": "target", "lang": "de", "display": "$2.017 billion",
                       "agrees_with_source": False, "span": {"start": 12, "end": 25, "text": "$ 2017million"},
                       "sentence": sent}]}
    out = write_run(tmp_path / "r", [a], [], claims=[row, {**row, "id": "R003", "status": "single"}])
    page = render(out)
    assert 'id="ledger"' in page and "2 claims across the documents, 1 where they disagree" in page
    assert '<mark class="claim">$ 2017million</mark>' in page
    assert "&lt;b&gt;2.017&lt;/b&gt;" in page and "differs from the source" in page
    assert page.count('<tbody class="lrow disagree">') == 1
