"""The chat widget in a real Chromium against a real `advisor serve`: what a visitor sees
and does, with the mouse, the keyboard alone, on a phone, across origins and while the
server is down, slow or refusing."""
from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from bot.wiring import load_content

from .conftest import ROOT, STATIC, AdvisorServer, Site, Watch

QUESTION = "what is managed IT?"
XSS = "<img src=x onerror=alert(1)>"
SHADOW = "document.querySelector('it-support-advisor').shadowRoot"


class Widget:
    """The widget as a visitor meets it (Playwright's locators pierce its open shadow root)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.panel = page.get_by_role("dialog")
        self.log = page.get_by_role("log")
        self.input = page.get_by_role("textbox", name="Your message")
        self.launcher = page.locator(".launcher")
        self.notice = page.locator(".notice")
        self.bot = page.locator(".msg.bot")
        self.user = page.locator(".msg.user")
        self.messages = page.locator(".log .msg")
        self.options = page.locator(".options .option")
        self.card = page.locator(".card")

    def settle(self) -> None:
        expect(self.page.locator(".typing.on")).to_have_count(0)

    def greeted(self) -> None:
        expect(self.bot.first).to_be_visible()
        self.settle()

    def ask(self, text: str) -> None:
        before = self.bot.count()
        self.input.fill(text)
        self.input.press("Enter")
        self.replied(before)

    def choose(self, option: Locator) -> None:
        before = self.bot.count()
        option.click()
        self.replied(before)

    def replied(self, before: int) -> None:
        expect(self.bot.nth(before)).to_be_attached()
        self.settle()

    def focused(self) -> str:
        """The class of the element focused inside the widget ('' when focus is elsewhere)."""
        return str(self.page.evaluate(f"{SHADOW}.activeElement?.className ?? ''"))


def said(message: Locator) -> str:
    """A message's visible text, without the screen-reader prefix."""
    return str(message.evaluate(
        "m => Array.from(m.childNodes).filter(n => !n.classList?.contains('sr')).map(n => n.textContent).join('')"))


def plain(markdown: str) -> str:
    """What the widget shows of an answer: no ** markers, no '- ' bullets, lines run together."""
    lines = (line.strip() for line in markdown.split("\n") if line.strip())
    return "".join(line.removeprefix("- ").replace("**", "") for line in lines)


def reference(server: AdvisorServer, *inputs: dict[str, str]) -> dict[str, Any]:
    """The turn a fresh conversation gets for these inputs, straight from the API."""
    turn = server.post({"option": "meta.greeting"})
    for body in inputs:
        turn = server.post({**body, "session": turn["session"]})
    return turn


def snapshot(page: Page, name: str, tmp_path: Path) -> None:
    """Screenshots for the README: always taken, copied to docs/ with UPDATE_SCREENSHOTS=1."""
    page.mouse.move(0, 0)
    shot = tmp_path / name
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copy(shot, ROOT / "docs" / name)


def contrast(element: Locator) -> float:
    """WCAG contrast of an element's text against the first opaque background behind it."""
    fg, bg = element.evaluate("""el => {
        const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
        let node = el, bg = [255, 255, 255];
        while (node && node.nodeType === 1) {
            const c = rgb(getComputedStyle(node).backgroundColor);
            if (c.length === 3 || c[3] === 1) { bg = c; break; }
            node = node.parentElement || node.parentNode?.host;
        }
        return [rgb(getComputedStyle(el).color).slice(0, 3), bg.slice(0, 3)];
    }""")

    def luminance(rgb: list[float]) -> float:
        chan = [c / 255 for c in rgb]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in chan]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def embed_page(src: str, attrs: str = "", head: str = "") -> str:
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>Partner</title>{head}"
            f"</head><body><a id='first' href='#top'>Partner home</a><p>A partner site.</p>"
            f"<script src='{src}' defer {attrs}></script></body></html>")


def chat_posts(watch: Watch, text: str) -> list[dict[str, Any]]:
    return [body for body in watch.chat_bodies if body.get("text") == text]


# ---- the demo page -------------------------------------------------------------------

def test_the_demo_page_opens_the_widget_with_the_greeting(page: Page, watch: Watch, advisor: AdvisorServer):
    response = page.goto(advisor.url + "/")
    assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    widget = Widget(page)
    widget.greeted()
    expect(page.get_by_role("dialog", name="Brightline IT Advisor")).to_be_visible()
    expect(widget.log).to_have_attribute("aria-live", "polite")
    expect(widget.launcher).to_have_attribute("aria-expanded", "true")
    greeting = reference(advisor)
    assert [said(m) for m in widget.messages.all()] == [plain(greeting["replies"][0]["text"])]
    assert widget.options.all_inner_texts() == [o["label"] for o in greeting["replies"][0]["options"]]
    assert watch.chat_bodies[0]["option"] == "meta.greeting" and "session" not in watch.chat_bodies[0]
    assert all(url.startswith(advisor.url + "/") or url.startswith("data:") for url in watch.requests)
    assert watch.console == [], "CSP refusals and failed loads show up as console errors"

    page.get_by_role("button", name="Close chat").click()
    expect(widget.panel).to_be_hidden()
    page.get_by_role("button", name="Which support model suits us?").click()
    expect(widget.panel).to_be_visible()
    assert page.evaluate(f"{SHADOW}.activeElement?.id") == "itsa-input"
    assert len(watch.chat_bodies) == 1, "reopening does not greet again"


def test_a_question_gets_its_answer_and_an_option_click_answers_too(page: Page, watch: Watch,
                                                                    advisor: AdvisorServer):
    page.goto(advisor.url + "/")
    widget = Widget(page)
    widget.greeted()
    widget.ask(QUESTION)
    expected = reference(advisor, {"text": QUESTION})
    assert said(widget.user.last) == QUESTION
    assert said(widget.bot.last) == plain(expected["replies"][-1]["text"])
    bullets = [line[2:] for line in expected["replies"][-1]["text"].split("\n") if line.startswith("- ")]
    assert bullets and widget.bot.last.locator("li").all_inner_texts() == bullets
    session = watch.responses[0].json()["session"]
    assert watch.chat_bodies[-1]["session"] == session

    first = expected["replies"][-1]["options"][0]
    widget.choose(widget.options.filter(has_text=first["label"]))
    assert said(widget.user.last) == first["label"]
    assert watch.chat_bodies[-1]["option"] == first["id"]
    after = reference(advisor, {"text": QUESTION}, {"option": first["id"]})
    assert said(widget.bot.last) == plain(after["replies"][-1]["text"])
    assert widget.options.all_inner_texts() == [o["label"] for r in after["replies"] for o in r["options"]]
    ids = [body["id"] for body in watch.chat_bodies]
    assert len(set(ids)) == len(ids), "one idempotency id per message"


def test_the_guided_advisor_ends_in_a_recommendation_card_and_a_summary_download(
        page: Page, watch: Watch, advisor: AdvisorServer, tmp_path: Path):
    page.goto(advisor.url + "/")
    widget = Widget(page)
    widget.greeted()
    widget.choose(widget.options.filter(has_text="Which model fits us?"))
    for _ in range(15):
        if widget.card.count():
            break
        widget.choose(widget.options.first)
    expect(widget.card).to_have_count(1)
    rec = next(r.json()["recommendation"] for r in reversed(watch.responses) if r.json()["recommendation"])
    names = {model.id: model.name for model in load_content().models.values()}
    top = next(entry for entry in rec["ranking"] if entry["model"] == rec["top"])

    expect(widget.card).to_have_attribute("data-model", rec["top"])
    expect(widget.card.locator(".eyebrow")).to_have_text("Top pick")
    expect(widget.card.locator(".name")).to_have_text(names[rec["top"]])
    expect(widget.card.locator(".score")).to_contain_text(f"{top['score']:.2f}")
    assert widget.card.locator(".reasons li").all_inner_texts() == rec["reasons"]
    expect(widget.card.locator(".runner")).to_have_attribute("data-model", rec["runner_up"]["model"])
    expect(widget.card.locator(".runner")).to_contain_text(f"{rec['runner_up']['score']:.2f}")
    expect(widget.card.locator(".runner strong")).to_have_text(names[rec["runner_up"]["model"]])
    bold = widget.bot.locator("strong").all_inner_texts()
    assert names[rec["top"]] in bold, "**name** in the answer is a <strong>"
    assert "**" not in widget.log.inner_text()

    with page.expect_download() as info:
        widget.card.get_by_role("link", name="Download summary (Markdown)").click()
    download = info.value
    assert download.suggested_filename == "it-support-recommendation.md"
    markdown = Path(download.path()).read_text(encoding="utf-8")
    assert markdown == rec["summary"] and names[rec["top"]] in markdown

    for element in [widget.user.last, widget.bot.last, widget.options.first, widget.launcher,
                    page.locator(".head h2"), page.locator(".head .restart"), page.locator(".send"),
                    widget.card.locator(".score"), widget.card.locator(".eyebrow"),
                    widget.card.locator(".download"), widget.input]:
        assert contrast(element) >= 4.5, element
    widget.log.evaluate("log => { log.scrollTop = log.querySelector('.card').offsetTop - log.offsetTop - 12; }")
    snapshot(page, "widget.png", tmp_path)


def test_a_reload_keeps_the_conversation_and_start_over_clears_it(page: Page, watch: Watch,
                                                                  advisor: AdvisorServer, embed_site: Site):
    page.goto(embed_site.page("/reload.html", embed_page(f"{advisor.url}/widget.js", "data-open='true'")))
    widget = Widget(page)
    widget.greeted()
    widget.ask(QUESTION)
    before = [said(m) for m in widget.messages.all()]
    options = widget.options.all_inner_texts()
    posts = len(watch.chat_bodies)
    session = watch.responses[0].json()["session"]

    page.reload()
    expect(widget.messages).to_have_count(len(before))
    assert [said(m) for m in widget.messages.all()] == before
    assert widget.options.all_inner_texts() == options
    assert len(watch.chat_bodies) == posts, "a kept conversation is not greeted again"

    page.locator(".head .restart").click()
    widget.replied(0)
    assert watch.chat_bodies[-1]["option"] == "meta.restart"
    assert watch.chat_bodies[-1]["session"] == session
    restarted = reference(advisor, {"option": "meta.restart"})
    assert [said(m) for m in widget.messages.all()] == [plain(restarted["replies"][0]["text"])]
    page.reload()
    expect(widget.messages).to_have_count(1)
    assert QUESTION not in page.evaluate("JSON.stringify(localStorage)")


def test_the_demo_page_still_runs_the_widget_after_a_reload(page: Page, watch: Watch, advisor: AdvisorServer):
    page.goto(advisor.url + "/")
    widget = Widget(page)
    widget.greeted()
    page.reload()
    expect(widget.bot).to_have_count(1, timeout=3000)
    assert watch.console == []


def test_untrusted_text_from_the_visitor_is_shown_literally(page: Page, watch: Watch, advisor: AdvisorServer,
                                                            embed_site: Site):
    page.goto(embed_site.page("/xss.html", embed_page(f"{advisor.url}/widget.js", "data-open='true'")))
    widget = Widget(page)
    widget.greeted()
    widget.ask(XSS)
    widget.ask("**not bold** and\n- not a list")
    assert said(widget.user.nth(0)) == XSS
    assert widget.user.nth(1).locator("strong, li").count() == 0
    page.reload()
    expect(widget.user).to_have_count(2)
    assert said(widget.user.first) == XSS
    assert page.evaluate(f"document.querySelectorAll('img').length + {SHADOW}.querySelectorAll('img').length") == 0
    assert watch.dialogs == []


def test_untrusted_text_from_the_server_is_shown_literally(page: Page, watch: Watch, site: Site):
    site.canned = {
        "session": "s-" + "0" * 32, "node": "x", "confidence": 1.0, "suggestions": [], "expects": None,
        "replies": [{"text": "<img src=x onerror=alert(1)> says **<b>bold</b>** here\n"
                             "- <script>alert(2)</script> item\nplain <i>line</i>",
                     "options": [{"id": "x", "label": "<img src=y onerror=alert(3)>"}]}],
        "recommendation": {"top": "evil", "ranking": [{"model": "evil", "score": 0.5, "reasons": []}],
                           "reasons": ["<img src=z onerror=alert(4)>"], "runner_up": None, "summary": "# hi"},
    }
    page.goto(site.page("/canned.html", embed_page("/widget.js", "data-open='true'")))
    widget = Widget(page)
    widget.greeted()
    expect(widget.bot.first.locator("strong")).to_have_text("<b>bold</b>")
    expect(widget.bot.first.locator("li")).to_have_text("<script>alert(2)</script> item")
    assert said(widget.bot.first).startswith("<img src=x onerror=alert(1)> says")
    expect(widget.options).to_have_text(["<img src=y onerror=alert(3)>"])
    expect(widget.card.locator(".reasons li")).to_have_text(["<img src=z onerror=alert(4)>"])
    assert page.evaluate(f"{SHADOW}.querySelectorAll('img, script, b, i').length") == 0
    assert watch.dialogs == []


# ---- accessibility -------------------------------------------------------------------

def test_the_widget_works_with_the_keyboard_alone(page: Page, watch: Watch, advisor: AdvisorServer,
                                                  embed_site: Site):
    page.goto(embed_site.page("/keyboard.html", embed_page(f"{advisor.url}/widget.js")))
    widget = Widget(page)
    expect(widget.launcher).to_be_visible()
    expect(widget.panel).to_be_hidden()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "first"
    page.keyboard.press("Tab")
    assert widget.focused() == "launcher"
    ring = widget.launcher.evaluate("b => [getComputedStyle(b).outlineStyle, getComputedStyle(b).outlineWidth]")
    assert ring[0] == "solid" and float(ring[1].removesuffix("px")) >= 2, "a visible focus ring"

    page.keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    expect(widget.launcher).to_have_attribute("aria-expanded", "true")
    assert page.evaluate(f"{SHADOW}.activeElement.id") == "itsa-input"
    widget.greeted()
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    widget.replied(1)
    assert said(widget.user.last) == QUESTION

    page.keyboard.press("Shift+Tab")
    assert widget.focused() == "option"
    label = page.evaluate(f"{SHADOW}.activeElement.textContent")
    page.keyboard.press("Enter")
    widget.replied(2)
    assert said(widget.user.last) == label
    assert page.evaluate(f"{SHADOW}.activeElement.id") == "itsa-input", "focus stays in the conversation"

    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    assert widget.focused() == "launcher"
    page.keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    expect(widget.user).to_have_count(2)


def test_on_a_360px_phone_the_panel_fills_the_screen_without_sideways_scrolling(
        browser: Any, advisor: AdvisorServer, tmp_path: Path):
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                              is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        watch = Watch(page)
        page.goto(advisor.url + "/")
        widget = Widget(page)
        widget.greeted()
        widget.ask(QUESTION)
        box = widget.panel.bounding_box()
        assert box is not None and (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 360, 740)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert widget.log.evaluate("log => log.scrollWidth <= log.clientWidth")
        for option in widget.options.all():
            right = option.bounding_box()
            assert right is not None and right["x"] + right["width"] <= 360
        expect(widget.launcher).to_be_hidden()
        snapshot(page, "widget-phone.png", tmp_path)

        page.get_by_role("button", name="Close chat").click()
        launcher = widget.launcher.bounding_box()
        assert launcher is not None and 0 <= launcher["x"] and launcher["x"] + launcher["width"] <= 360
        assert watch.errors == []
    finally:
        ctx.close()


# ---- failures ------------------------------------------------------------------------

def test_with_the_server_down_a_retry_message_shows_and_works_once_it_is_back(
        page: Page, watch: Watch, start_advisor: Any, tmp_path: Path):
    server = start_advisor({"ADVISOR_STORE": f"sqlite:///{tmp_path}/sessions.db"})
    page.goto(server.url + "/")
    widget = Widget(page)
    widget.greeted()
    server.stop()

    widget.input.fill(QUESTION)
    widget.input.press("Enter")
    expect(widget.notice).to_be_visible()
    expect(widget.notice).to_contain_text("couldn't reach the advisor")
    retry = page.get_by_role("button", name="Try again")
    expect(retry).to_be_visible()
    assert contrast(widget.notice.locator("span")) >= 4.5 and contrast(retry) >= 4.5
    expect(widget.user).to_have_count(1)
    expect(widget.bot).to_have_count(1)

    server.start()
    retry.click()
    widget.replied(1)
    expect(widget.notice).to_be_hidden()
    expected = reference(server, {"text": QUESTION})
    assert said(widget.bot.last) == plain(expected["replies"][-1]["text"])
    expect(widget.user).to_have_count(1)
    sent = chat_posts(watch, QUESTION)
    assert len(sent) == 2 and sent[0] == sent[1], "the retry resends the same message with the same id"


def test_a_slow_server_times_out_visibly_and_the_retry_gets_the_recorded_turn(
        page: Page, watch: Watch, advisor: AdvisorServer, site: Site):
    site.upstream = advisor.url
    page.goto(site.page("/slow.html", embed_page("/widget.js", "data-open='true' data-timeout='2000'")))
    widget = Widget(page)
    widget.greeted()
    site.late.set()
    widget.input.fill(QUESTION)
    widget.input.press("Enter")
    expect(widget.page.locator(".typing.on")).to_have_count(1)
    expect(widget.notice).to_contain_text("taking too long")
    site.late.clear()
    site.released.set()

    page.get_by_role("button", name="Try again").click()
    widget.replied(1)
    expect(widget.notice).to_be_hidden()
    expected = reference(advisor, {"text": QUESTION})
    assert said(widget.bot.last) == plain(expected["replies"][-1]["text"])
    expect(widget.bot).to_have_count(2)
    sent = [body for body in site.bodies if body.get("text") == QUESTION]
    assert len(sent) == 2 and sent[0] == sent[1], "the server saw the same message id twice"


def test_a_refusal_shows_the_servers_own_message(page: Page, watch: Watch, start_advisor: Any):
    server = start_advisor({"ADVISOR_RATE_LIMIT": "2/minute"})
    page.goto(server.url + "/")
    widget = Widget(page)
    widget.greeted()
    widget.ask(QUESTION)
    widget.input.fill("and break-fix?")
    widget.input.press("Enter")
    expect(widget.notice).to_be_visible()
    refused = next(r for r in watch.responses if r.status == 429)
    assert int(refused.headers["retry-after"]) > 0
    message = refused.json()["message"]
    assert re.search(r"wait \d+ seconds", message)
    expect(widget.notice.locator("span")).to_have_text(message)
    expect(page.get_by_role("button", name="Try again")).to_be_visible()


# ---- embedding -----------------------------------------------------------------------

HOSTILE_HOST_CSS = ("<style>* { font: 40px/3 serif !important; color: #f0f !important; }"
                    " button { display: none !important; } div, section { display: none !important; }</style>")


def test_the_widget_embeds_cross_origin_with_one_script_tag(page: Page, watch: Watch, advisor: AdvisorServer,
                                                            embed_site: Site):
    page.goto(embed_site.page("/partner.html", embed_page(
        f"{advisor.url}/widget.js", "data-open='true' data-title='Partner Advisor'", HOSTILE_HOST_CSS)))
    widget = Widget(page)
    widget.greeted()
    expect(page.get_by_role("dialog", name="Partner Advisor")).to_be_visible()
    widget.ask(QUESTION)
    expected = reference(advisor, {"text": QUESTION})
    assert said(widget.bot.last) == plain(expected["replies"][-1]["text"])
    chat = [url for url in watch.requests if url.endswith("/api/chat")]
    assert chat and all(url == advisor.url + "/api/chat" for url in chat)
    assert f"{advisor.url}/widget.css" in watch.requests
    assert widget.input.evaluate("i => getComputedStyle(i).fontSize") == "16px", "host styles stay outside"
    page.get_by_role("button", name="Close chat").click()
    expect(widget.launcher).to_be_visible()


def test_an_origin_the_server_does_not_allow_gets_a_visible_error(page: Page, watch: Watch,
                                                                 advisor: AdvisorServer, site: Site):
    page.goto(site.page("/stranger.html", embed_page(f"{advisor.url}/widget.js", "data-open='true'")))
    widget = Widget(page)
    expect(widget.notice).to_contain_text("couldn't reach the advisor")
    expect(widget.bot).to_have_count(0)


# ---- the files themselves ------------------------------------------------------------

class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.inline_styles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs))
        if tag == "style" or any(name == "style" or name.startswith("on") for name, _ in attrs):
            self.inline_styles += 1


def test_the_widget_is_small_plain_and_never_builds_html_from_strings():
    js = (STATIC / "widget.js").read_text(encoding="utf-8")
    css = (STATIC / "widget.css").read_text(encoding="utf-8")
    assert len(js.encode()) + len(css.encode()) < 30_000
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in js, sink
    assert "@import" not in css and "url(" not in css, "no requests beyond widget.css"
    page = _Tags()
    page.feed((STATIC / "index.html").read_text(encoding="utf-8"))
    assert page.scripts == [{"src": "/widget.js", "defer": None, "data-open": "true",
                             "data-title": "Brightline IT Advisor"}]
    assert page.inline_styles == 0


@pytest.mark.parametrize("attrs", ["", "data-open='false'"])
def test_the_widget_stays_closed_unless_asked_to_open(page: Page, watch: Watch, advisor: AdvisorServer,
                                                     embed_site: Site, attrs: str):
    page.goto(embed_site.page(f"/closed{len(attrs)}.html", embed_page(f"{advisor.url}/widget.js", attrs)))
    widget = Widget(page)
    expect(widget.launcher).to_be_visible()
    expect(widget.panel).to_be_hidden()
    assert watch.chat_bodies == [], "no greeting until the visitor opens the chat"


def test_data_attributes_place_and_colour_the_widget_and_a_page_can_open_it(
        page: Page, watch: Watch, advisor: AdvisorServer, embed_site: Site):
    attrs = "data-position='left' data-accent='#5a2d82' data-title='Ask Dana'"
    page.goto(embed_site.page("/styled.html", embed_page(f"{advisor.url}/widget.js", attrs)))
    widget = Widget(page)
    box = widget.launcher.bounding_box()
    assert box is not None and box["x"] < 640 - box["width"], "on the left"
    assert widget.launcher.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(90, 45, 130)"
    page.evaluate("window.ITSupportAdvisor.open()")
    expect(page.get_by_role("dialog", name="Ask Dana")).to_be_visible()
    widget.greeted()
    assert contrast(widget.launcher) >= 4.5


def test_the_stored_transcript_is_capped(page: Page, watch: Watch, advisor: AdvisorServer, embed_site: Site):
    url = embed_site.page("/capped.html", embed_page(f"{advisor.url}/widget.js", "data-open='true'"))
    page.goto(url)
    widget = Widget(page)
    widget.greeted()
    key = f"itsa-widget:{advisor.url}"
    page.evaluate("""key => {
        const state = JSON.parse(localStorage.getItem(key));
        state.items = Array.from({length: 500}, (_, i) => ({who: 'bot', text: 'old ' + i + ' ' + 'x'.repeat(900)}));
        localStorage.setItem(key, JSON.stringify(state));
    }""", key)
    page.reload()
    expect(widget.bot).to_have_count(500)
    widget.ask(QUESTION)
    stored = page.evaluate("key => JSON.parse(localStorage.getItem(key))", key)
    assert len(stored["items"]) <= 120 and len(page.evaluate("key => localStorage.getItem(key)", key)) <= 200_000
    assert stored["items"][-1]["who"] == "bot" and stored["items"][-2] == {"who": "user", "text": QUESTION}
