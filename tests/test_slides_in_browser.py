"""The decks as a class sees them: every slide in headless Chromium, on a 1280x800 screen.

The decks are built as `make slides` builds them, and opened one after the
other in one headless Chromium (Debian's `chromium` package), driven over the
DevTools protocol. On every slide and sub-slide it measures what reveal.js
lays out, in the slide's own pixels (reveal.js scales its slide area, here
1120x700, to the screen), and fails, naming the deck and the slide:

- on a slide that is cut off. With scrolling on (`make slides` turns it on)
  reveal.js does not clip a tall slide: the slide gets a scroll bar. That is
  for what cannot be split, so a slide taller than the slide area counts as
  cut off unless one of its cells alone is taller than the slide area (a
  long list of exercises, a tall figure): sub-slides start only between
  cells, so no split could make that slide fit. Content wider than the slide
  area, and text that a box clips at its right edge (a code line too long
  for the slide), are cut off in any case, as is a formula MathJax could not
  typeset;
- on any request that is not for a file beside the deck (the internet,
  images included: no host name resolves in this browser, so nothing leaves
  the machine), and on a file the deck asks for that is missing.

Without Chromium: run as root, the test installs it (`apt-get install
chromium`); otherwise it is skipped with a line saying how to run it; with
`CI=true` a missing browser fails the test instead.
"""

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import websocket  # websocket-client: jupyter-server's own dependency, pinned in the lock
from conftest import NOTEBOOKS, ROOT

import build_slides

SCREEN = {"width": 1280, "height": 800}
FLAGS = [
    "--headless",
    "--no-sandbox",  # as root, e.g. in a container
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # a request to the internet fails at once
    # Every tab works as if in front: the decks are opened side by side.
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
    "--remote-debugging-port=0",
]
# What a deck may load: its own files; data: images (nbconvert embeds the
# figures); about:blank, MathJax's test of web fonts.
LOCAL = ("file:", "data:", "blob:", "about:")
HOW_TO_RUN = (
    "to run it, `sudo apt-get install chromium` (or set CHROMIUM=/path/to/chromium), "
    "then `pytest tests/test_slides_in_browser.py`"
)


def find_chromium():
    """The browser's path: $CHROMIUM, else `chromium` (Debian's); installed here if root."""
    found = shutil.which(os.environ.get("CHROMIUM") or "chromium")
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
        for command in [["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]]:
            subprocess.run(command, env=env, capture_output=True, check=True, timeout=900)
        found = shutil.which("chromium")
    return found


class Chromium:
    """One headless Chromium and its DevTools connection (a WebSocket to the browser)."""

    def __init__(self, executable, profile):
        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: closed with all its helpers
        )
        # Chromium writes the port it listens on, and the browser's path, into the profile.
        port_file = Path(profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while len(lines := port_file.read_text().split() if port_file.exists() else []) < 2:
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError(f"{executable} did not start")
            time.sleep(0.05)
        port, path = lines[:2]
        self.socket = websocket.create_connection(
            f"ws://127.0.0.1:{port}{path}", timeout=120, suppress_origin=True
        )
        self.last_id = 0
        self.replies = {}  # command id: reply, read while waiting for another
        self.events = {}  # session: the events it sent, in order

    def send(self, method, session=None, **params):
        """Send a command; its number, for `reply`."""
        self.last_id += 1
        message = {"id": self.last_id, "method": method, "params": params}
        self.socket.send(json.dumps(message | ({"sessionId": session} if session else {})))
        return self.last_id

    def receive(self):
        message = json.loads(self.socket.recv())
        if "id" in message:
            self.replies[message["id"]] = message
        else:
            self.events.setdefault(message.get("sessionId"), []).append(message)

    def reply(self, number):
        while number not in self.replies:
            self.receive()
        reply = self.replies.pop(number)
        if "error" in reply:
            raise RuntimeError(str(reply["error"]))
        return reply["result"]

    def call(self, method, session=None, **params):
        return self.reply(self.send(method, session, **params))

    def wait_for(self, method, session):
        """The first event `method` of the session not waited for yet."""
        while True:
            events = self.events.setdefault(session, [])
            for index, event in enumerate(events):
                if event["method"] == method:
                    return events.pop(index)
            self.receive()

    def close(self):
        if getattr(self, "socket", None):
            self.socket.close()
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # its helper processes, before the profile goes
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)


class Tab:
    """A page of the browser with the screen's size, whose requests are recorded.

    Tabs work at the same time: each command is sent, and its reply read later.
    """

    def __init__(self, browser):
        self.browser = browser
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        attached = browser.call("Target.attachToTarget", targetId=target, flatten=True)
        self.session = attached["sessionId"]
        for method in ["Page.enable", "Network.enable"]:
            browser.call(method, self.session)
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            self.session,
            deviceScaleFactor=1,
            mobile=False,
            **SCREEN,
        )

    def open(self, url):
        """Start loading `url`; `loaded()` waits for it."""
        self.browser.events[self.session] = []
        self.browser.call("Page.navigate", self.session, url=url)

    def loaded(self):
        self.browser.wait_for("Page.loadEventFired", self.session)

    def evaluate(self, expression):
        """Start running `expression` (a promise's value is awaited); `result(number)` reads it."""
        return self.browser.send(
            "Runtime.evaluate",
            self.session,
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )

    def result(self, number):
        result = self.browser.reply(number)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise RuntimeError(details.get("exception", {}).get("description") or details["text"])
        return result["result"].get("value")

    def network(self, event):
        found = self.browser.events.get(self.session, [])
        return [e["params"] for e in found if e["method"] == event]


# Runs in the deck: waits for reveal.js and MathJax, then shows each slide in
# turn and measures it (layout is computed when read; nothing needs painting).
VISIT_EVERY_SLIDE = """
new Promise(done => require([%(reveal)s], Reveal => {
  const ready = Reveal.isReady() ? Promise.resolve() : new Promise(r => Reveal.on("ready", r));
  ready.then(() => MathJax.Hub.Queue(() => {
    const seen = [];
    for (const slide of Reveal.getSlides()) {
      const {h, v} = Reveal.getIndices(slide);
      Reveal.slide(h, v);
      const area = Reveal.getComputedSlideSize();
      const scale = Reveal.getScale();
      const section = slide.parentElement.matches("section") ? slide.parentElement : slide;
      const heading = slide.querySelector("h1, h2, h3") || section.querySelector("h1, h2, h3");
      const clipped = [];
      for (const box of slide.querySelectorAll("*")) {
        if (box.scrollWidth <= box.clientWidth || box.clientWidth === 0
            || getComputedStyle(box).overflowX === "visible"
            || box.closest(".MathJax, .MJX_Assistive_MathML")) continue;
        const range = document.createRange();
        range.selectNodeContents(box);
        const right = Math.max(...[...range.getClientRects()].map(r => r.right));
        const edge = box.getBoundingClientRect().left + (box.clientLeft + box.clientWidth) * scale;
        if (right > edge + 1) {
          clipped.push(Math.round((right - edge) / scale) + " px of "
                       + JSON.stringify(box.textContent.trim().slice(0, 50)));
        }
      }
      seen.push({
        slide: h + "." + v,
        section: heading ? heading.textContent.replace(/¶$/, "").trim() : "(no heading)",
        area: [area.width, area.height],
        size: [slide.scrollWidth, slide.scrollHeight],
        cells: [...slide.querySelectorAll(":scope > .jp-Cell")].map(
          cell => [cell.id.replace("cell-id=", ""), cell.offsetHeight]),
        clipped,
      });
    }
    // Formulas typeset again on a slide shown are done when MathJax's queue is.
    MathJax.Hub.Queue(() => {
      Reveal.getSlides().forEach((slide, i) => {
        seen[i].formula_errors = slide.querySelectorAll(".MathJax_Error").length;
      });
      done(seen);
    });
  }));
}))
"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: no Chromium to open the decks with; {HOW_TO_RUN}")
        pytest.skip(f"no Chromium: {HOW_TO_RUN}")
    chromium = Chromium(executable, tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def decks(browser, tmp_path_factory):
    """{deck: (its slides, measured; its requests; the requests that failed)}, each deck opened once."""
    output = tmp_path_factory.mktemp("slides")
    paths = build_slides.build(output, [ROOT / "notebooks" / name for name in NOTEBOOKS])
    reveal = json.dumps(f"{build_slides.URLS['reveal_url_prefix']}/dist/reveal.js")
    # Every deck in a tab of its own, all at once: a renderer process each.
    tabs = [Tab(browser) for _ in paths]
    for tab, path in zip(tabs, paths, strict=True):
        tab.open(path.as_uri())
    for tab in tabs:
        tab.loaded()
    visits = [tab.evaluate(VISIT_EVERY_SLIDE % {"reveal": reveal}) for tab in tabs]
    seen = {}
    for tab, path, visit in zip(tabs, paths, visits, strict=True):
        slides = tab.result(visit)
        sent = {
            r["requestId"]: r["request"]["url"] for r in tab.network("Network.requestWillBeSent")
        }
        failed = [sent.get(f["requestId"], "?") for f in tab.network("Network.loadingFailed")]
        seen[path.name.removesuffix(".slides.html")] = (slides, list(sent.values()), failed)
    return seen


def cut_off(slide):
    """Why a measured slide is cut off, or None (see the module's docstring)."""
    (width, height), (content_width, content_height) = slide["area"], slide["size"]
    reasons = []
    tallest = max([h for _, h in slide["cells"]], default=0)
    beside = sum(h for _, h in slide["cells"]) - tallest
    if content_height > height and (tallest <= height or beside > height / 3):
        cells = ", ".join(f"{cell} {h}" for cell, h in slide["cells"])
        reasons.append(
            f"{content_height} px tall in a slide area of {height} (its cells: {cells}): "
            "split it into sub-slides"
        )
    if content_width > width:
        reasons.append(f"{content_width} px wide in a slide area of {width}")
    reasons += [f"clips {clip}" for clip in slide["clipped"]]
    if slide["formula_errors"]:
        reasons.append(f"{slide['formula_errors']} formula(s) MathJax could not typeset")
    return "; ".join(reasons) or None


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_slide_fits_a_1280x800_screen_or_scrolls_a_cell_too_tall_for_it(name, decks):
    slides, _, _ = decks[Path(name).stem]
    assert slides, "no slides"
    problems = [
        f"{Path(name).stem}, slide {s['slide']} ({s['section']}): {why}"
        for s in slides
        if (why := cut_off(s))
    ]
    assert not problems, "cut off at 1280x800:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_a_deck_requests_nothing_but_its_own_files(name, decks):
    _, requests, failed = decks[Path(name).stem]
    remote = [url for url in requests if not url.startswith(LOCAL)]
    assert not remote, f"{Path(name).stem} asks the internet for {remote}"
    missing = [url for url in failed if url.startswith("file:")]
    assert not missing, f"{Path(name).stem} asks for files that are not there: {missing}"


def test_a_slide_too_tall_for_the_screen_is_found():
    # The rule itself, on measurements: two cells that together overflow can be
    # split; one cell taller than the slide area cannot, and may keep a line
    # beside it (a heading, a caption), not a third of the slide area or more.
    slide = {"area": [1120, 700], "clipped": [], "formula_errors": 0}
    two = slide | {"size": [1120, 900], "cells": [["a", 450], ["b", 450]]}
    assert "split it into sub-slides" in cut_off(two)
    assert cut_off(slide | {"size": [1120, 900], "cells": [["a", 100], ["b", 800]]}) is None
    many = slide | {"size": [1120, 1200], "cells": [["a", 150], ["b", 800], ["c", 250]]}
    assert "split it into sub-slides" in cut_off(many)
    assert cut_off(slide | {"size": [1120, 600], "cells": [["a", 600]]}) is None
    assert "1300 px wide" in cut_off(slide | {"size": [1300, 600], "cells": [["a", 600]]})
