"""The training filters work in a real browser, and without JavaScript every session is listed."""
from __future__ import annotations


def visible_sessions(page):
    return page.locator(".ph-session:visible")


def test_category_and_audience_filters_hide_other_sessions(page, site_url):
    page.goto(site_url + "training/index.html")
    everything = visible_sessions(page).count()
    assert everything > 10
    page.select_option("#ph-filter-category", "court-skills")
    court = visible_sessions(page)
    assert 0 < court.count() < everything
    assert {court.nth(i).get_attribute("data-category") for i in range(court.count())} == {"court-skills"}
    assert f"{court.count()} session" in page.locator("[data-ph-filter-count]").inner_text()
    page.select_option("#ph-filter-category", "")
    page.select_option("#ph-filter-audience", "team-managers")
    managers = visible_sessions(page)
    assert 0 < managers.count() < everything
    for i in range(managers.count()):
        assert "team-managers" in managers.nth(i).get_attribute("data-audience").split()
    # A month with nothing left to show is hidden too, so no empty headings are read out.
    for month in page.locator(".ph-month:visible").all():
        assert month.locator(".ph-session:visible").count() > 0


def test_without_javascript_every_session_is_listed_and_the_form_is_hidden(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "training/index.html")
    assert page.locator(".ph-session").count() == visible_sessions(page).count() > 10
    assert not page.locator("form.ph-filter").is_visible()
    context.close()
