"""`hetao brief` as its readers see it: in a real browser (Chromium, headless), printed to PDF,
and pasted as Markdown with its pictures beside it. Screenshots of the English and Chinese
briefs are kept in $HETAO_ARTIFACTS (else the test's folder) for a person to look at."""

import os
import re
import shutil
import subprocess

import html5lib
import pytest

from browser import Browser
from ptyharness import binary_path
from storecli import hetao

# The sizes every SVG on the page is laid out at, by the browser itself.
SVG_SIZES = "Array.from(document.querySelectorAll('svg')).map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height]; })"


def artifacts(tmp_path):
    folder = os.environ.get("HETAO_ARTIFACTS") or str(tmp_path / "artifacts")
    os.makedirs(folder, exist_ok=True)
    return folder


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


@pytest.fixture
def week(store):
    """A store with a week of records: a slip, a building behind plan, a spend."""
    hetao(store, "record", "progress", "B1-A", "40", "--source", "site report 12")
    hetao(store, "record", "milestone", "B1-B", "completion", "--forecast", "2028-03-31", "--source", "contractor programme")
    hetao(store, "record", "spend", "batch-1-construction", "--committed", "16.95bn", "--spent", "12.9bn",
          "--source", "monthly return")
    return store


def test_the_brief_prints_on_two_pages_in_english_and_chinese(week, tmp_path):
    out = artifacts(tmp_path)
    browser = Browser()
    try:
        for language, word in (("en", "Needs attention"), ("zh-Hant", "需要注意")):
            folder = tmp_path / language
            hetao(week, "brief", "--format", "html", "--lang", language, "--output", str(folder))
            page = str(folder / "brief.html")
            html = open(page, encoding="utf-8").read()
            assert len(html.encode()) <= 300_000
            assert word in html and "<script" not in html
            # The HTML5 parser, strict: any parse error fails.
            html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)
            browser.events.clear()
            browser.open(page)
            assert browser.console_errors() == []
            sizes = browser.evaluate(SVG_SIZES)
            assert len(sizes) == 3 and all(w > 300 and h > 50 for w, h in sizes), sizes
            # The S-curve draws the reports the store holds, not only the latest figures.
            assert browser.evaluate("document.querySelectorAll('svg')[1].querySelectorAll('circle').length") >= 2
            pdf = os.path.join(out, f"brief-{language}.pdf")
            browser.pdf(pdf)
            browser.screenshot(os.path.join(out, f"brief-{language}.png"))
            assert 1 <= pages(pdf) <= 2
            text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
            assert word in text
            if language == "zh-Hant":
                assert "每週簡報" in text and "河套香港園區" in text
            else:
                # What the week recorded is on the page: the slip and the building behind plan.
                assert "Batch 1 site B" in text and "Batch 1 site A" in text and "behind plan" in text
    finally:
        browser.close()
    print(f"screenshots and PDFs in {out}")


def test_markdown_writes_its_pictures_beside_it_and_each_is_well_formed(week, tmp_path):
    folder = tmp_path / "md"
    hetao(week, "brief", "--format", "md", "--output", str(folder))
    markdown = open(folder / "brief.md", encoding="utf-8").read()
    for picture in ("gantt.svg", "s-curve.svg", "budget.svg"):
        assert f"]({picture})" in markdown
        if shutil.which("xmllint"):
            subprocess.run(["xmllint", "--noout", str(folder / picture)], check=True)
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert len(headings) == len(set(headings))
    # On standard output, without its pictures, and saying where they would be.
    piped = hetao(week, "brief", "--format", "md")
    assert ".svg)" not in piped.stdout and "--output DIR" in piped.stderr


def test_text_fits_the_width_and_bad_input_is_named(week):
    text = hetao(week, "brief", "--format", "text", "--width", "80").stdout
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "NEEDS ATTENTION" in text and "SOURCES" in text
    wrong = hetao(week, "brief", "--since", "2026-12-01", "--until", "2026-11-01", check=False)
    assert wrong.returncode != 0 and "--since 2026-12-01 is after --until 2026-11-01" in wrong.stderr
    blocked = hetao(week, "brief", "--output", "/proc/hetao-brief", check=False)
    assert blocked.returncode == 73 and "/proc/hetao-brief" in blocked.stderr and "Traceback" not in blocked.stderr
    # A full disk is said, not a crash: for the brief and the report alike.
    for command in (["brief"], ["report"]):
        with open("/dev/full", "w") as full:
            result = subprocess.run([binary_path(), *command], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
                                    env={"PATH": os.environ.get("PATH", ""), "HOME": os.path.dirname(week), "HETAO_STORE": week},
                                    stdin=subprocess.DEVNULL)
        assert result.returncode == 74 and "cannot write standard output: No space left on device" in result.stderr, result.stderr
    # The period's end is the day the figures are known on; it cannot lie ahead.
    future = hetao(week, "brief", "--until", "2099-01-01", check=False)
    assert future.returncode == 64 and "--until 2099-01-01 has not come yet" in future.stderr
    past = hetao(week, "brief", "--format", "text", "--until", "2026-06-30").stdout
    assert "as known on 2026-06-30" in past
