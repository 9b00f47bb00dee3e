"""A running app and a real Chromium (Debian's, driven by Playwright) for browser tests."""
from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from benchmarks.harness import CHROMIUM, CHROMIUM_ARGS, ROOT, SHAPES, start_app  # noqa: F401
from benchmarks.harness import free_port as _free_port  # noqa: F401

ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHART = '[data-testid="stVegaLiteChart"]'
# Playwright's assertions wait 5 s by default: a page that draws in 2 s alone can take longer with the other
# worker's browser and server on the same two cores (the KaiOS trend's name once failed CI that way).
expect.set_options(timeout=20_000)


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def app_url():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run the README's test command, which installs it")
    port = _free_port()
    proc = start_app(port)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def playwright_driver():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_driver):
    """A Chromium for tests that make their own contexts (a phone, a projector, a second visitor)."""
    b = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture(scope="session")
def warm_context(playwright_driver, tmp_path_factory):
    """One Chromium profile on disk per worker for the `page` fixture. A fresh context keeps neither an HTTP
    cache nor V8's code cache, so every page load fetched and compiled Streamlit's ~3 MB of scripts again:
    with this profile a load costs about 30 % less CPU in Chromium and in the app server (docs/PERFORMANCE.md,
    "Page loads in the browser tests"). Each test still starts with no cookies and no stored data (`page`)."""
    context = playwright_driver.chromium.launch_persistent_context(
        tmp_path_factory.mktemp("chromium-profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
        viewport={"width": 1400, "height": 1000})
    keeper = context.pages[0] if context.pages else context.new_page()  # a blank tab: the profile's CDP session
    yield context, context.new_cdp_session(keeper)
    context.close()


@pytest.fixture
def page(warm_context):
    """A new tab in the warm profile; what a test leaves (cookies, local storage of the origins it opened) is
    cleared after it, the caches of scripts are kept."""
    context, cdp = warm_context
    p = context.new_page()
    p.set_default_timeout(30_000)
    origins: set[str] = set()
    p.on("framenavigated", lambda f: origins.add(re.match(r"^(https?://[^/]+)", f.url).group(1))
         if f.url.startswith("http") else None)
    yield p
    p.close()
    context.clear_cookies()
    context.clear_permissions()
    for origin in origins:
        cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "local_storage,indexeddb,"
                                                "service_workers,cache_storage,file_systems,websql"})


def wait_idle(page) -> None:
    """Wait until the script has finished running (and at least one element is on the page)."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=30_000)


def wait_shapes(page, at_least: int, selector: str = SHAPES) -> int:
    """Wait until the map has drawn at least this many shapes; return how many it drew."""
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length >= n", arg=[selector, at_least],
                           timeout=30_000)
    return page.locator(selector).count()


def serious_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as drawn now (each browser test that loads a page
    checks it there, instead of a second load for the accessibility test)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run the README's test command, which installs it (npm ci)")
    if page.locator(CHART).count():  # let the charts draw (axe checks what they render)
        page.wait_for_function("(s) => [...document.querySelectorAll(s)].every(e => e.querySelector('svg'))", arg=CHART)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                          ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.html.slice(0, 160))}))")
    return [v for v in found if v["impact"] in ("serious", "critical")]


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def chart_texts(chart) -> list[str]:
    """Every text of a Vega chart as one string each: a wrapped text's lines (its tspans) joined by spaces
    (textContent would join "StatCounter" and "file" of two lines into "StatCounterfile")."""
    return chart.evaluate("""(c) => [...c.querySelectorAll('svg text')].map((t) => {
      const lines = [...t.querySelectorAll('tspan')];
      return lines.length ? lines.map((s) => s.textContent).join(' ') : t.textContent; })""")


def count_shapes(page) -> int:
    return page.locator(SHAPES).count()


def step_slider(page, slider: str, title: str, param: str, value: str, key: str = "ArrowLeft",
                shown: str | None = None) -> None:
    """Move a period slider one step with the keyboard, as a person would, and wait until the chart's
    title, the URL and the slider all show the new period (`shown`: as the slider writes it, 'Jul 2026')."""
    page.get_by_role("slider", name=slider).focus()
    page.keyboard.press(key)
    expect(page.get_by_text(title).first).to_be_visible()
    page.wait_for_url(re.compile(f"{param}={value}"))
    wait_idle(page)
    expect(page.get_by_test_id("stSliderThumbValue")).to_have_text(shown or value)
