"""Every reader, every device (issue 14): axe at phone widths, reflow at 320 px (WCAG 1.4.10),
a full keyboard walk (2.1.1, 2.4.7, 2.4.11), the menu by keyboard, and a training list you can scan.

axe at 1280 px on every page is test_accessibility.py. Here: every page at 320 px, and a sample of
page kinds at 375 px (the full matrix at three widths takes several minutes on the shared machine
and 375 px has found nothing 320 px did not).
"""
from __future__ import annotations

import pytest

from test_accessibility import axe_violations, site_pages

SAMPLE = ["index.html", "practice-model/supervision.html", "practice-standards/visits.html",
          "signs-of-safety/mapping.html", "learning/cp-visits-children-seen-alone.html", "training/index.html",
          "training/subscribe.html", "training/past.html", "training/months/2027-05.html", "governance.html", "whats-new.html", "glossary.html",
          "accessibility.html", "topics/index.html", "bulletins/index.html", "bulletins/2026/11/index.html"]

# Content wider than the screen and not inside a scroll box: cut off, since Material hides the
# page's sideways scrolling. The header's topic swap and the closed drawer are left out (hidden).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const el of document.querySelectorAll('.md-main *, .md-footer *')) {
    if (!el.checkVisibility({visibilityProperty: true}) || el.closest('.md-visually-hidden')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || (r.right <= width + 1 && r.left >= -1)) continue;
    let box = el.parentElement, scrolled = false;
    while (box && box !== document.body) {
      const overflow = getComputedStyle(box).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && box.scrollWidth > box.clientWidth) { scrolled = box; break; }
      box = box.parentElement;
    }
    if (scrolled) {
      // A scroll box must be reachable by keyboard and named, or hold something focusable.
      const reachable = scrolled.tabIndex >= 0 || scrolled.querySelector('a[href], button, input, select, textarea, [tabindex]');
      if (!reachable) found.push('unreachable scroll box ' + scrolled.className);
      else if (scrolled.matches('.md-typeset__scrollwrap, .ph-table-scroll') && !scrolled.getAttribute('aria-label'))
        found.push('unlabelled scroll box ' + scrolled.className);
      continue;
    }
    found.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent || '').trim().slice(0, 40)}" right=${Math.round(r.right)}`);
  }
  return [...new Set(found)].slice(0, 8);
}"""

# What a focused element looks like: where it is, whether it is shown, whether the fixed header
# covers it, and whether it has a visible focus indicator.
FOCUS = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  if (el.dataset.phWalked) return {again: true};
  el.dataset.phWalked = '1';
  getComputedStyle(el).opacity;   // start any fade-in, then let it (and any scrolling) finish
  await Promise.race([Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
                      new Promise(done => setTimeout(done, 600))]);
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const header = document.querySelector('.md-header');
  const h = header.getBoundingClientRect();
  const inHeader = header.contains(el);
  const describe = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '')
    + ' "' + ((el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)) + '"';
  // Covered: what is drawn at the element's centre (and at its top) belongs to the fixed header.
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const onTop = [r.top + Math.min(r.height / 2, 4), r.top + r.height / 2].map(y => document.elementFromPoint(x, Math.max(y, 0)));
  return {
    describe,
    shown: el.checkVisibility({visibilityProperty: true}) && getComputedStyle(el).opacity !== '0' && r.width > 0 && r.height > 0
      && r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight,
    covered: !inHeader && onTop.some(top => top && header.contains(top)),
    indicator: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
  };
}"""


def open_at(browser, url: str, width: int, height: int = 800):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_timeout(100)   # Material wraps tables and our script labels the scroll boxes
    return context, page


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{problem}\n    on {len(paths)} page(s): {', '.join(paths[:5])}" for problem, paths in problems.items())


def test_every_page_at_320_px_meets_wcag_aa_and_nothing_is_cut_off(browser, site_url, built_site):
    context, page = open_at(browser, site_url + "index.html", 320)
    axe_problems: dict[str, list[str]] = {}
    cut_off: dict[str, list[str]] = {}
    for path in site_pages(built_site):
        if path.endswith("email.html"):
            continue   # the email copies have their own test below
        page.goto(site_url + path, wait_until="load")
        page.wait_for_timeout(50)
        for violation in axe_violations(page):
            axe_problems.setdefault(violation, []).append(path)
        for problem in page.evaluate(OVERFLOW):
            cut_off.setdefault(problem, []).append(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    context.close()
    assert not axe_problems, "axe-core at 320 px:\n" + report(axe_problems)
    assert not cut_off, "content cut off at 320 px (wider than the screen, not in a scroll box):\n" + report(cut_off)


@pytest.mark.parametrize("width", [375, 1280])
def test_a_sample_of_pages_at_375_and_1280_px(browser, site_url, width):
    context, page = open_at(browser, site_url + "index.html", width)
    problems: dict[str, list[str]] = {}
    for path in SAMPLE:
        page.goto(site_url + path, wait_until="load")
        page.wait_for_timeout(50)
        for violation in axe_violations(page) + page.evaluate(OVERFLOW):
            problems.setdefault(violation, []).append(path)
    context.close()
    assert not problems, f"at {width} px:\n" + report(problems)


def test_the_governance_table_scrolls_in_a_labelled_box_on_a_phone(browser, site_url):
    context, page = open_at(browser, site_url + "governance.html", 320)
    box = page.locator(".ph-table-scroll").first
    assert box.get_attribute("role") == "region" and box.get_attribute("tabindex") == "0"
    assert "table" in box.get_attribute("aria-label").lower()
    box.focus()
    for _ in range(20):   # scroll sideways by keyboard, as a reader would
        page.keyboard.press("ArrowRight")
    assert box.evaluate("b => b.scrollLeft") > 0
    status = page.locator("table.ph-governance th", has_text="Status")
    status.scroll_into_view_if_needed()
    assert status.is_visible()
    context.close()


def walk(page, key: str, limit: int = 400) -> list[dict]:
    """Press Tab (or Shift+Tab) until focus comes round again; what each stop looked like."""
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)

        state = page.evaluate(FOCUS)
        if state is None:
            if stops:
                break
            continue
        if state.get("again"):
            break
        stops.append(state)
    return stops


@pytest.mark.parametrize(("path", "width"), [
    ("practice-model/supervision.html", 1280), ("practice-model/supervision.html", 1024),
    ("practice-model/supervision.html", 375), ("governance.html", 1280), ("governance.html", 320),
    ("training/index.html", 375)])
def test_keyboard_walk_every_stop_is_shown_with_a_visible_focus_and_not_under_the_header(browser, site_url, path, width):
    context, page = open_at(browser, site_url + path, width)
    problems = []
    for key in ("Tab", "Shift+Tab"):
        page.goto(site_url + path, wait_until="load")
        page.wait_for_timeout(100)
        if key == "Shift+Tab":   # start from the foot of the page, so Shift+Tab scrolls up
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.locator(".md-footer a, .md-copyright a").last.focus()
        stops = walk(page, key)
        assert len(stops) > 5, (key, stops)
        for stop in stops:
            if not stop["shown"]:
                problems.append(f"{key}: invisible tab stop {stop['describe']}")
            elif stop["covered"]:
                problems.append(f"{key}: focus under the fixed header {stop['describe']}")
            elif not stop["indicator"]:
                problems.append(f"{key}: no visible focus indicator {stop['describe']}")
    context.close()
    assert not problems, "\n".join(sorted(set(problems)))


@pytest.mark.parametrize("width", [375, 1024])
def test_the_menu_opens_and_closes_by_keyboard(browser, site_url, width):
    context, page = open_at(browser, site_url + "practice-model/supervision.html", width)
    menu = page.locator('label.md-header__button[for="__drawer"]')
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('label[for=__drawer]')"):
            break
    else:
        pytest.fail("Tab never reached the menu button")
    assert menu.get_attribute("role") == "button" and menu.get_attribute("aria-expanded") == "false"
    # Closed, the menu's links are not tab stops.
    assert not page.locator(".md-sidebar--primary a").first.evaluate("a => a.checkVisibility({visibilityProperty: true})")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.querySelector('.md-sidebar--primary').contains(document.activeElement)")
    page.keyboard.press("Escape")
    page.wait_for_timeout(400)
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.matches('label[for=__drawer]')")
    context.close()


@pytest.mark.parametrize(("width", "most"), [(1280, 110), (390, 200)])
def test_the_training_list_takes_little_page_per_session(browser, site_url, width, most):
    # The home lists this month and the next three (the rest are on month pages), so the page's
    # other parts (filters, this week, later months, courses) no longer scale with the list: the
    # budget is for the list itself, month headings included.
    context, page = open_at(browser, site_url + "training/index.html", width)
    sessions = page.locator(".ph-sessions .ph-session").count()
    height = page.evaluate("[...document.querySelectorAll('.ph-month')].reduce((sum, m) => "
                           "sum + m.getBoundingClientRect().height, 0)")
    assert sessions >= 20
    assert height / sessions <= most, f"{height} px for {sessions} sessions: {height / sessions:.0f} px each"
    # Each row still carries what a reader acts on.
    row = page.locator(".ph-sessions .ph-session:not(.ph-session--cancelled)").first
    text = row.inner_text()
    assert row.locator(".ph-session__title a").count() == 1 and ":" in text and "places" in text
    assert row.locator("a.md-button", has_text="Add to calendar").is_visible()
    # "Book" on screen; "Book a place on <course>, <date>" to a screen reader (the name starts with what is seen).
    assert row.locator("a.md-button--primary").evaluate("a => a.textContent").startswith("Book a place on ")
    context.close()


def test_this_week_is_at_the_top_and_links_to_the_sessions(page, site_url):
    page.goto(site_url + "training/index.html")
    week = page.locator(".ph-week")
    assert week.locator("h3").inner_text().startswith("This week (23 to 29 November")
    links = week.locator("a")
    assert links.count() >= 1
    target = links.first.get_attribute("href")
    assert page.locator(target).count() == 1
    page.select_option("#ph-filter-category", "induction")   # nothing in induction this week
    assert page.locator(".ph-week__none").is_visible()
