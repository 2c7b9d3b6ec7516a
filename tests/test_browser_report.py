"""The HTML report in a real headless Chromium (Debian ``chromium`` and
``chromium-driver``, Python ``selenium``); skipped where they are missing.

Checked: no console errors, highlights on the exact text, the category
filter, keyboard navigation, the jump from the overview, a screenshot, and
that a corpus full of markup renders as text and runs nothing.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from audit.model import Finding, Span
from audit.report.html import write_report
from audit.report.sample import naive_adocs, write_run

ROOT = Path(__file__).resolve().parent.parent
SENSETIME = ROOT / "corpora" / "sensetime"
INJECTION = Path(__file__).parent / "data" / "injection"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROME_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
# installed before any script of the page runs: records alert() calls
ALERT_HOOK = (
    "window.__alerts = [];"
    "['alert','confirm','prompt'].forEach(function(n){"
    " window[n] = function(m){ window.__alerts.push(n + ':' + String(m)); return null; }; });"
)


@pytest.fixture(scope="module")
def browser():
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install selenium)")
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip(f"headless Chromium not available: {CHROMIUM} or {CHROMEDRIVER} missing "
                    "(Debian: apt install chromium chromium-driver)")
    profile = Path(tempfile.mkdtemp(prefix="mtaudit-chromium-"))
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for a in CHROME_ARGS:
        opts.add_argument(a)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.add_argument("--window-size=1280,900")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    opts.set_capability("unhandledPromptBehavior", "ignore")
    try:
        drv = webdriver.Chrome(options=opts, service=Service(str(CHROMEDRIVER)))
    except WebDriverException as exc:
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"headless Chromium did not start: {str(exc).splitlines()[0]}")
    drv.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": ALERT_HOOK})
    yield drv
    drv.quit()
    shutil.rmtree(profile, ignore_errors=True)


def open_page(drv, report: Path) -> None:
    drv.get_log("browser")  # drop what earlier pages logged
    drv.get(report.resolve().as_uri())


def console_errors(drv) -> list[str]:
    return [e["message"] for e in drv.get_log("browser") if e.get("level") == "SEVERE"]


def assert_nothing_ran(drv) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        drv.switch_to.alert  # noqa: B018 - raises when there is no dialog
    assert drv.execute_script("return window.__alerts") == []
    assert drv.execute_script(
        "return document.querySelectorAll('img, iframe, object, embed, [onerror], [onload]').length") == 0
    assert drv.execute_script("return document.scripts.length") == 1
    # the hook is really in place: a call from the test is recorded
    drv.execute_script("alert('probe')")
    assert drv.execute_script("return window.__alerts") == ["alert:probe"]


def _find(text: str, needle: str) -> Span:
    i = text.index(needle)
    return Span.of(text, i, i + len(needle))


@pytest.fixture(scope="module")
def sensetime_preview(tmp_path_factory) -> Path:
    """The SenseTime texts paired by position, with hand-made findings:
    the renderer on real text, whatever state the checks are in."""
    adocs = naive_adocs(SENSETIME)
    by_id = {a.doc.id: a for a in adocs}
    s2, t2 = by_id["002"].doc.source, by_id["002"].doc.target
    t1 = by_id["001"].doc.target
    findings = [
        Finding("002", "numbers", "number", "major",
                "The source says $410million (received in 2017); the target says $ 2017million.",
                _find(s2, "$410million"), _find(t2, "$ 2017million")),
        Finding("002", "fluency", "fluency", "minor", "The target writes '$ 2017' with a space.",
                None, _find(t2, "$ 2017")),
        Finding("002", "lexicon", "sense", "major",
                "The source says 'people of interest'; the target says 'Interessenten' (prospective customers).",
                _find(s2, "people of interest"), _find(t2, "Interessenten")),
        Finding("001", "lexicon", "sense", "major",
                "The source says the company name-dropped its backers; the target says it dropped them.",
                None, _find(t1, "fallen")),
    ]
    out = write_run(tmp_path_factory.mktemp("st") / "out", adocs, findings, input_path=str(SENSETIME))
    return write_report(out)


def test_preview_report_in_chromium(browser, sensetime_preview: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    drv = browser
    open_page(drv, sensetime_preview)
    assert console_errors(drv) == []
    assert_nothing_ran(drv)

    # 002 shows '$ 2017million' highlighted (its fragments, nested fluency included)
    fid, text, shown = drv.execute_script("""
        var sec = document.querySelector('section.doc[data-doc="002"]');
        var li = Array.from(sec.querySelectorAll('li.finding')).filter(
            function (l) { return l.dataset.cat === 'number'; })[0];
        var parts = sec.querySelectorAll('.side.tgt mark.hl[data-f="' + li.dataset.f + '"]');
        var txt = ''; var shown = true;
        parts.forEach(function (m) {
            var c = m.cloneNode(true);
            c.querySelectorAll('.tag').forEach(function (t) { t.remove(); });
            txt += c.textContent;
            var bg = getComputedStyle(m).backgroundColor;
            if (bg === 'rgba(0, 0, 0, 0)' || m.offsetParent === null) { shown = false; }
        });
        return [li.dataset.f, txt, shown];""")
    assert text == "$ 2017million"
    assert shown
    tag = drv.find_element(By.CSS_SELECTOR, f'.side.tgt .tag[data-f="{fid}"]')
    assert "major" in tag.text

    # category filter: only 'number' left
    drv.find_element(By.ID, "cat-none").click()
    drv.find_element(By.CSS_SELECTOR, 'input[name="cat"][value="number"]').click()
    state = drv.execute_script("""
        return Array.from(document.querySelectorAll('li.finding')).map(function (li) {
            return [li.dataset.cat, li.offsetParent !== null]; });""")
    assert state and all(vis == (cat == "number") for cat, vis in state), state
    marks = drv.execute_script("""
        return Array.from(document.querySelectorAll('mark.hl')).map(function (m) {
            return [m.className.split(' ')[1], getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)']; });""")
    assert all(on == (cls == "c-number") for cls, on in marks), marks
    assert "1 of 4 findings shown" in drv.find_element(By.ID, "f-count").text
    drv.find_element(By.ID, "cat-all").click()
    assert "4 of 4 findings shown" in drv.find_element(By.ID, "f-count").text

    # severity filter: minor only
    drv.find_element(By.CSS_SELECTOR, 'input[name="sev"][value="major"]').click()
    sev = drv.execute_script("""
        return Array.from(document.querySelectorAll('li.finding')).map(function (li) {
            return [li.dataset.sev, li.offsetParent !== null]; });""")
    assert all(vis == (s == "minor") for s, vis in sev), sev
    drv.find_element(By.CSS_SELECTOR, 'input[name="sev"][value="major"]').click()

    # keyboard: 'n' goes to the first finding, shows its message, 'n' again to the next
    drv.execute_script("window.scrollTo(0, 0); document.activeElement.blur();")
    body = drv.find_element(By.TAG_NAME, "body")
    body.send_keys("n")
    first = drv.execute_script("return document.activeElement.getAttribute('data-f')")
    assert drv.execute_script("return document.activeElement.matches('mark.hl')")
    tip = drv.find_element(By.ID, "tip")
    assert tip.is_displayed() and tip.text
    drv.switch_to.active_element.send_keys("n")
    second = drv.execute_script("return document.activeElement.getAttribute('data-f')")
    assert second and second != first
    drv.switch_to.active_element.send_keys("p")
    assert drv.execute_script("return document.activeElement.getAttribute('data-f')") == first

    # document filter and the jump from the overview
    from selenium.webdriver.support.ui import Select

    Select(drv.find_element(By.ID, "f-doc")).select_by_value("002")
    hidden = drv.execute_script("""
        return Array.from(document.querySelectorAll('section.doc')).filter(
            function (s) { return s.offsetParent === null; }).map(function (s) { return s.dataset.doc; });""")
    assert sorted(hidden) == ["000", "001", "003", "004"]
    drv.execute_script("window.scrollTo(0, 0)")
    drv.find_element(By.CSS_SELECTOR, 'a.doclink[data-doc="004"]').click()
    top = drv.execute_script(
        "return document.querySelector('section.doc[data-doc=\"004\"]').getBoundingClientRect().top")
    assert 0 <= top < drv.execute_script("return window.innerHeight")
    assert drv.find_element(By.ID, "f-doc").get_attribute("value") == ""

    assert console_errors(drv) == []
    shot = tmp_path / "report.png"
    assert drv.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_injection_corpus_runs_nothing(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    adocs = naive_adocs(INJECTION)
    findings = []
    for a in adocs:
        t = a.doc.target
        findings.append(Finding(a.doc.id, "numbers", "number", "major",
                                f"The source says {IMG}; the target says {SCRIPT}.", None, _find(t, SCRIPT)))
        findings.append(Finding(a.doc.id, "fluency", "fluency", "minor", IMG, None, _find(t, IMG)))
    out = write_run(tmp_path / "out", adocs, findings, input_path=f"{SCRIPT}{IMG}")
    report = write_report(out)
    open_page(browser, report)
    assert console_errors(browser) == []
    assert_nothing_ran(browser)
    body = browser.find_element(By.TAG_NAME, "body").text
    assert SCRIPT in body and IMG in body
    assert "</textarea><svg onload=alert(1)>" in body and "{{ 7*7 }}" in body
    # hovering a payload highlight shows the message as text, runs nothing
    m = browser.find_element(By.CSS_SELECTOR, "mark.hl[tabindex]")
    browser.execute_script("arguments[0].focus()", m)
    assert IMG in browser.find_element(By.ID, "tip").text or SCRIPT in browser.find_element(By.ID, "tip").text
    assert_nothing_ran_after = browser.execute_script("return window.__alerts")
    assert assert_nothing_ran_after == ["alert:probe"]


def _pipeline():
    try:
        from audit.outputs import write_outputs
        from audit.pipeline import run_audit
    except ImportError as exc:  # the pipeline is someone else's and may be mid-change
        pytest.skip(f"audit.pipeline cannot be imported: {exc}")
    return run_audit, write_outputs


def test_injection_corpus_through_the_pipeline(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    run_audit, write_outputs = _pipeline()
    out = write_outputs(run_audit(INJECTION), tmp_path / "out")
    open_page(browser, out / "report.html")
    assert console_errors(browser) == []
    assert_nothing_ran(browser)
    body = browser.find_element(By.TAG_NAME, "body").text
    assert SCRIPT in body and IMG in body


def test_sensetime_run_in_chromium(browser, tmp_path: Path) -> None:
    """``mtaudit run corpora/sensetime`` then the report in Chromium."""
    from selenium.webdriver.common.by import By

    run_audit, write_outputs = _pipeline()
    out = write_outputs(run_audit(SENSETIME), tmp_path / "out")
    open_page(browser, out / "report.html")
    assert console_errors(browser) == []
    assert_nothing_ran(browser)
    texts = browser.execute_script("""
        var sec = document.querySelector('section.doc[data-doc="002"]');
        var byF = {};
        sec.querySelectorAll('.side.tgt mark.hl').forEach(function (m) {
            var c = m.cloneNode(true);
            c.querySelectorAll('.tag').forEach(function (t) { t.remove(); });
            if (m.parentElement.closest('mark.hl[data-f="' + m.dataset.f + '"]')) { return; }
            byF[m.dataset.f] = (byF[m.dataset.f] || '') + c.textContent;
        });
        return Object.values(byF);""")
    assert any("2017million" in t for t in texts), texts
    drv = browser
    cats = drv.execute_script(
        "return Array.from(new Set(Array.from(document.querySelectorAll('li.finding')).map(function (l) { return l.dataset.cat; })))")
    keep = "number"
    drv.find_element(By.ID, "cat-none").click()
    drv.find_element(By.CSS_SELECTOR, f'input[name="cat"][value="{keep}"]').click()
    state = drv.execute_script("""
        return Array.from(document.querySelectorAll('li.finding')).map(function (li) {
            return [li.dataset.cat, li.offsetParent !== null]; });""")
    assert all(vis == (cat == keep) for cat, vis in state), (cats, state)
    shot = tmp_path / "sensetime.png"
    assert drv.save_screenshot(str(shot)) and shot.stat().st_size > 1000
