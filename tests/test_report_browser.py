"""The HTML report in a real browser: headless Chromium driven by Selenium.

What an editor relies on, checked on the rendered page: every statement is
there with its level, its badge is visible, its details appear on mouse hover
and on keyboard focus (and not before), the summary matches the document and
its links land on statements, injected markup stays text, and nothing errors.

Needs Debian's ``chromium`` and ``chromium-driver`` and ``pip install
selenium``; without them these tests fail (they do not skip), saying how to
install them. ``RELIABILITY_CHROMIUM`` and ``RELIABILITY_CHROMEDRIVER`` point
at other binaries.
"""

from __future__ import annotations

import os
import shutil
import time

import pytest

from reliability.report import render_html
from reliability.types import LEVELS
from test_report import INJECTION, scored_article

INSTALL = (
    "the browser test needs Chromium, chromedriver and Selenium: "
    "`apt-get update && apt-get install -y chromium chromium-driver` and "
    "`pip install selenium` (or `pip install .[test]`)"
)


def _binary(env: str, *names: str) -> str | None:
    if os.environ.get(env):
        return shutil.which(os.environ[env])
    return next((path for name in names if (path := shutil.which(name))), None)


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail(f"selenium is not installed; {INSTALL}")
    browser = _binary("RELIABILITY_CHROMIUM", "chromium", "chromium-browser")
    chromedriver = _binary("RELIABILITY_CHROMEDRIVER", "chromedriver")
    if not browser or not chromedriver:
        pytest.fail(f"chromium or chromedriver not found (browser={browser}, driver={chromedriver}); {INSTALL}")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1400,1000", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    chrome = webdriver.Chrome(service=Service(chromedriver), options=options)
    yield chrome
    chrome.quit()


@pytest.fixture
def doc():
    return scored_article()


@pytest.fixture
def page(driver, doc, tmp_path):
    """The report for ``doc``, opened from a file:// URL, the mouse parked on the title."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    path = tmp_path / "report.html"
    path.write_text(render_html(doc), encoding="utf-8")
    driver.get_log("browser")  # drop messages from earlier pages
    driver.get(path.as_uri())
    ActionChains(driver).move_to_element(driver.find_element(By.TAG_NAME, "h1")).perform()
    return driver


def statement(driver, index):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, f"s{index}")


def details(driver, index):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, f"s{index}-details")


def test_every_statement_shows_its_level_class_and_badge(page, doc):
    from selenium.webdriver.common.by import By

    rendered = page.find_elements(By.CSS_SELECTOR, "main .st")
    assert [int(el.get_attribute("data-index")) for el in rendered] == [st["index"] for st in doc["statements"]]
    for st, el in zip(doc["statements"], rendered):
        classes = el.get_attribute("class").split()
        badge = el.find_element(By.CSS_SELECTOR, ".badge")
        assert badge.is_displayed()
        if st["level"] is None:
            assert f"kind-{st['kind']}" in classes
            assert badge.text == st["kind"].replace("_", " ")
        else:
            assert f"level-{st['level']}" in classes
            assert badge.text == f"{st['level']} {st['label']}"
        assert " ".join(el.find_element(By.CSS_SELECTOR, ".st-text").text.split()) == " ".join(st["text"].split())
        assert not details(page, st["index"]).is_displayed()


def test_levels_are_shaded_differently(page, doc):
    colours = {}
    for st in doc["statements"]:
        if st["level"] is not None:
            colour = statement(page, st["index"]).value_of_css_property("background-color")
            colours.setdefault(st["level"], set()).add(colour)
    assert all(len(c) == 1 for c in colours.values())
    assert len({c.pop() for c in colours.values()}) == len(LEVELS)


def test_hovering_a_statement_shows_its_details(page, doc):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    panel = details(page, 1)
    assert not panel.is_displayed()
    ActionChains(page).move_to_element(statement(page, 1)).perform()
    assert panel.is_displayed()
    text = " ".join(panel.text.split())
    assert "level 0 unsupported · score 0.08" in text
    assert "writer → Rebel commanders (vague, “claimed”, distancing)" in text
    assert "distancing reporting cue 'claimed'" in text and "\u22120.210" in text
    bars = panel.find_elements(By.CSS_SELECTOR, ".p-fill")
    assert [b.size["width"] > 0 for b in bars] == [True] * len(LEVELS)
    assert bars[0].size["width"] > 10 * bars[1].size["width"]
    # the panel sits beside the article text, so the statement stays readable
    box, text_box = panel.rect, statement(page, 1).rect
    assert box["x"] >= text_box["x"] + text_box["width"] or box["y"] >= text_box["y"] + text_box["height"]

    ActionChains(page).move_to_element(page.find_element(By.TAG_NAME, "h1")).perform()
    assert not panel.is_displayed()


def test_keyboard_focus_shows_details_without_a_mouse(page):
    from selenium.webdriver.common.keys import Keys

    panel = details(page, 5)
    assert not panel.is_displayed()
    for _ in range(60):  # Tab through the summary links to the statement
        if page.switch_to.active_element.get_attribute("id") == "s5":
            break
        page.switch_to.active_element.send_keys(Keys.TAB)
    assert page.switch_to.active_element.get_attribute("id") == "s5", "statement not reachable with Tab"
    assert panel.is_displayed()
    text = " ".join(panel.text.split())
    assert "level 1 hedged · score 0.36" in text
    assert "writer → analysts (vague, “said”)" in text
    assert "epistemic modal 'may'" in text
    page.switch_to.active_element.send_keys(Keys.TAB)
    assert page.switch_to.active_element.get_attribute("id") == "s6"
    assert not panel.is_displayed() and details(page, 6).is_displayed()


def test_summary_counts_and_links_match_the_document(page, doc):
    from selenium.webdriver.common.by import By

    counts = {
        int(li.get_attribute("data-level")): int(li.find_element(By.CSS_SELECTOR, ".n").text)
        for li in page.find_elements(By.CSS_SELECTOR, ".summary li.count")
    }
    expected = {k: sum(st["level"] == k for st in doc["statements"]) for k in range(len(LEVELS))}
    assert counts == expected
    links = page.find_elements(By.CSS_SELECTOR, ".summary ol.weakest a")
    targets = [a.get_attribute("href").rpartition("#")[2] for a in links]
    assert targets == ["s1", "s0", "s5", "s3", "s4"]
    assert all(page.find_elements(By.ID, t) for t in targets)
    links[2].click()
    assert page.execute_script("return location.hash") == "#s5"
    assert page.execute_script("return document.querySelector(':target').id") == "s5"
    disclaimers = [li.text for li in page.find_elements(By.CSS_SELECTOR, ".summary .disclaimers li")]
    assert disclaimers == ["Wirenews could not independently verify the claims made by either side."]


def test_injected_markup_is_shown_as_text_and_never_runs(page):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    time.sleep(0.3)
    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert.text
    assert page.find_elements(By.TAG_NAME, "script") == []
    assert page.execute_script("return document.querySelectorAll('main b, main img').length") == 0
    assert INJECTION in statement(page, 3).text
    assert "<b>Ceasefire talks</b> stall" in statement(page, 7).text
    ActionChains(page).move_to_element(statement(page, 3)).perform()
    assert INJECTION in details(page, 3).text
    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert.text


def test_no_console_errors(page):
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(page).move_to_element(statement(page, 4)).perform()
    severe = [entry for entry in page.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == []


def test_screenshot_of_the_report(page, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains

    page.set_window_size(1400, 1300)
    ActionChains(page).move_to_element(statement(page, 1)).perform()
    shot = tmp_path / "report.png"
    assert page.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    page.set_window_size(1400, 1000)
