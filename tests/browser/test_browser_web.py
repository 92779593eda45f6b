"""Browser tests: Playwright drives Debian's Chromium against the local web page.

Skipped cleanly when the ``playwright`` package or ``/usr/bin/chromium`` is absent
(never runs ``playwright install``; nothing is downloaded). Screenshots of each
page are written to ``tests/artifacts/`` (git-ignored) for review.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("AKHBAR_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]

sync_api = pytest.importorskip("playwright.sync_api")
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)

import uvicorn

from akhbar.store import build_index
from akhbar.store.demo import demo_rows, write_demo_outdir
from akhbar.web import create_app

ARTS, _ = demo_rows()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory):
    d = write_demo_outdir(tmp_path_factory.mktemp("browser"))
    build_index(d)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(d), host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=server.run, daemon=True)
    th.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    th.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    try:
        pw = sync_api.sync_playwright().start()
    except (sync_api.Error, OSError) as e:  # pragma: no cover - depends on the machine
        pytest.skip(f"playwright unusable: {e}")
    try:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
    except (sync_api.Error, OSError) as e:  # pragma: no cover
        pw.stop()
        pytest.skip(f"chromium does not start: {e}")
    yield b
    b.close()
    pw.stop()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1100, "height": 900}, locale="ar")
    p = ctx.new_page()
    p.set_default_timeout(15000)
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    external: list[str] = []
    p.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:")) else external.append(r.url))
    p.dialogs, p.external = dialogs, external
    yield p
    assert not external, f"requests left the machine: {external}"
    ctx.close()


def shot(p, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / f"web_{name}.png"), full_page=True)


def test_search_article_story_entity(page, base_url):
    page.goto(base_url + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("input[name=q]", "الاوروبي")  # no hamza: must find الأوروبي
    page.click("#go")
    page.wait_for_selector("#results")
    titles = page.locator("#results .title").all_inner_texts()
    assert ARTS[0]["title"] in titles and ARTS[2]["title"] in titles
    assert page.locator("#results mark").count() >= 2
    shot(page, "1_search")

    page.click(f"text={ARTS[0]['title']}")
    page.wait_for_selector("#article")
    assert page.inner_text("#title") == ARTS[0]["title"]
    assert "واس" in page.inner_text("#article")
    shot(page, "2_article")

    page.click("#original-link")
    page.wait_for_selector("#lines")
    assert page.locator("#lines li.boiler").count() >= 4
    shot(page, "3_original")
    page.go_back()

    page.click("#story-link")
    page.wait_for_selector("#story-articles")
    assert page.locator("#story-articles li").count() == 3
    assert page.locator("#timeline svg circle").count() == 3
    shot(page, "4_story")

    page.click(f"#story-articles a:text('{ARTS[0]['title']}')")
    page.wait_for_selector("#entities")
    page.click("#entities a:has-text('فيكتور أوربان')")
    page.wait_for_selector("#entity-name")
    assert page.inner_text("#entity-name") == "أوربان"  # the most frequent spelling is the display name
    assert "فيكتور أوربان" in page.inner_text("main")  # the canonical name
    assert "فكتور اوربان" in page.inner_text("#variants")
    assert page.locator("#entity-chart svg rect").count() >= 2
    shot(page, "5_entity")

    page.goto(base_url + "/stats")
    assert page.locator("svg.chart").count() >= 3
    shot(page, "6_stats")
    assert not page.dialogs


def test_filters_in_the_form(page, base_url):
    page.goto(base_url + "/")
    page.fill("input[name=q]", "أوربان")
    page.select_option("select[name=publisher]", "aawsat")
    page.click("#go")
    page.wait_for_selector("#results")
    assert page.locator("#results .title").all_inner_texts() == [ARTS[2]["title"]]
    page.goto(base_url + "/?from=2025-99-01")
    assert "422" in page.inner_text("#error")


def test_xss_article_shows_script_as_text(page, base_url):
    xss = ARTS[5]
    page.goto(f"{base_url}/article/{xss['id']}")
    page.wait_for_selector("#article")
    assert '<script>alert("xss")</script>' in page.inner_text("#title")
    assert "<img src=x onerror=alert(1)>" in page.inner_text("#article")
    assert page.locator("#article script").count() == 0
    assert page.locator("#article img").count() == 0
    page.goto(f"{base_url}/?q=وسم")
    page.wait_for_selector("#results")
    page.goto(f"{base_url}/article/{xss['id']}/original")
    page.goto(f"{base_url}/stats")
    shot(page, "7_xss")
    time.sleep(0.3)
    assert page.dialogs == [], f"script ran: {page.dialogs}"


def test_overview_page(page, base_url):
    page.goto(base_url + "/")
    page.wait_for_selector("#overview-counts")
    assert page.locator("#top-stories li").count() == 1
    assert page.locator("#rejections tr").count() == 3  # header + 2 reasons
    # every date is an LTR isolate: its box reads left to right whatever the page direction
    d = page.locator("#latest bdi.date").first
    assert d.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert d.evaluate("e => getComputedStyle(e).unicodeBidi") == "isolate"
    shot(page, "0_overview")
    page.fill("input[name=q]", "أوربان")
    page.click("#go")
    page.wait_for_selector("#results")
    assert "/search?" in page.url
