"""Bulletin PDFs and email copies for every reader (issue 14): the PDF's structure read back with
pypdf (no blank page, layout never tagged as a table, headings in order, a title and language,
running header, footer and page numbers as pagination artifacts outside the structure tree,
reading order, no PDF/UA claim we do not check), and the email copies at a 320 px phone width
(axe, nothing cut off, a main landmark, link context) with Outlook's fixed 640 px kept in its
conditional markup."""
from __future__ import annotations

import calendar
import re
from collections import Counter

import pytest
from pypdf import PdfReader

from helpers import normalised
from pdf_reading import check_tagging, reading_order_problems
from test_accessibility import axe_violations
from test_every_width import OVERFLOW


def pdfs(site):
    found = sorted(site.glob("bulletins/*/*/*.pdf"))
    assert found, "no bulletin PDFs were built"
    return found


def structure(reader):
    """(tag, children tags) for every element of the structure tree, in reading order."""
    elements = []

    def walk(node):
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for kid in node:
                walk(kid)
            return
        if not isinstance(node, dict):
            return
        kids = node.get("/K")
        record = None
        if "/S" in node:
            record = [str(node["/S"]), []]
            elements.append(record)
        before = len(elements)
        if kids is not None:
            walk(kids)
        if record is not None:
            record[1] = [tag for tag, _ in elements[before:]]

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return elements


def test_no_pdf_starts_with_a_blank_page_or_has_one(built_site):
    for path in pdfs(built_site):
        reader = PdfReader(path)
        running = re.compile(r"Eastmere Borough Council Children's Services|Practice and Learning Bulletin, \w+ \d{4}"
                             r"|Page \d+ of \d+")
        for number, page in enumerate(reader.pages, start=1):
            text = normalised(running.sub("", normalised(page.extract_text() or "")))
            assert len(text) > 20, f"{path.name}: page {number} is blank apart from its header and footer: {text!r}"
        first = normalised(reader.pages[0].extract_text())
        assert "Edited by" in first and "Welcome" in first, f"{path.name}: page 1 does not start the edition"


def test_pdf_layout_is_never_tagged_as_a_table_and_headings_are_in_order(built_site):
    for path in pdfs(built_site):
        reader = PdfReader(path)
        elements = structure(reader)
        tags = Counter(tag for tag, _ in elements)
        assert tags["/Document"] == 1 and tags["/H1"] == 1, (path.name, tags)
        # A table in the PDF is a data table: it has header cells (the figures tables).
        for tag, inside in elements:
            if tag == "/Table":
                assert "/TH" in inside, f"{path.name}: a table without header cells (layout tagged as a table)"
        assert tags["/Table"] <= 2 * tags["/Caption"] + 2, (path.name, tags)
        headings = [int(tag[2]) for tag, _ in elements if re.fullmatch(r"/H[1-6]", tag)]
        assert headings[0] == 1, path.name
        for before, after in zip(headings, headings[1:]):
            assert after <= before + 1, f"{path.name}: heading level jumps from {before} to {after}"
        root = reader.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"] and str(root["/Lang"]).startswith("en"), path.name
        assert reader.metadata.title.startswith("Practice and Learning Bulletin"), path.name
        # Only some of PDF/UA-1 is checked (these tests; no full validator): so the file claims none of it.
        xmp = root.get("/Metadata")
        claim = xmp.get_object().get_data() if xmp is not None else b""
        assert b"pdfuaid" not in claim, f"{path.name} claims PDF/UA, which is not all checked"


def test_pdf_page_furniture_is_artifacts_and_reading_order_follows_the_page(built_site):
    for path in pdfs(built_site):
        reader = PdfReader(path)
        year, month = path.parent.parent.name, path.parent.name
        month_label = f"{calendar.month_name[int(month)]} {year}"
        # PRINT_CSS's @page margins: 20 mm at the top, 22 mm at the bottom.
        report = check_tagging(reader, top_margin_mm=20, bottom_margin_mm=22)
        assert report.problems == [], path.name
        pages = len(reader.pages)
        for number, furniture in enumerate(report.furniture, start=1):
            assert sorted(furniture) == [("Footer", f"Page {number} of {pages}"),
                                         ("Header", "Eastmere Borough Council Children's Services"),
                                         ("Header", f"Practice and Learning Bulletin, {month_label}")], \
                (path.name, number)
            content = " ".join(item.text for item in report.content[number - 1])
            assert f"Page {number} of {pages}" not in content, (path.name, number)
            assert f"Bulletin, {month_label}" not in content, (path.name, number)
        assert report.content[0][0].text.startswith("Eastmere"), path.name   # the masthead is content
        assert reading_order_problems(reader, report) == [], path.name


def test_briefing_titles_are_never_doubled(built_site):
    for name in ("index.html", "email.html"):
        for page in built_site.glob(f"bulletins/*/*/{name}"):
            text = normalised(page.read_text(encoding="utf-8"))
            assert "7-minute briefing: 7-minute briefing" not in text, page
    for path in pdfs(built_site):
        text = normalised(" ".join(p.extract_text() for p in PdfReader(path).pages))
        assert "7-minute briefing: 7-minute briefing" not in text, path


@pytest.mark.parametrize("width", [320, 375, 640])
def test_email_copies_at_phone_and_desktop_width(browser, site_url, built_site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = {}
    emails = sorted(p.relative_to(built_site).as_posix() for p in built_site.glob("bulletins/*/*/email.html"))
    assert emails
    for path in emails:
        page.goto(site_url + path, wait_until="load")
        found = axe_violations(page)
        found += [f"sideways scroll: {page.evaluate('document.documentElement.scrollWidth')} px"] \
            if page.evaluate("document.documentElement.scrollWidth") > width else []
        found += page.evaluate(OVERFLOW.replace(".md-main *, .md-footer *", "body *"))
        assert page.locator("[role=main], main").count() == 1, f"{path}: no main landmark"
        for problem in found:
            problems.setdefault(problem, []).append(path)
    context.close()
    assert not problems, "\n".join(f"{p}: {', '.join(v)}" for p, v in problems.items())


def test_email_links_have_context_and_outlook_keeps_its_fixed_width(built_site):
    for email in built_site.glob("bulletins/*/*/email.html"):
        html = email.read_text(encoding="utf-8")
        # Outlook for Windows ignores max-width: its own 640 px table, inside conditional comments.
        assert re.search(r'<!--\[if mso\]><table[^>]*width="640"', html), email
        assert 'width="640"' not in re.sub(r"<!--\[if mso\]>.*?<!\[endif\]-->", "", html, flags=re.S), email
        for label in ("Book a place", "Add to calendar"):
            for link in re.findall(rf"<a [^>]*>{label}</a>", html):
                assert 'aria-label="' + label in link and "," in link, (email, link)
