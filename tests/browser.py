"""Headless Chromium for the tests that open what the series builds (slide decks, the web book).

One headless Chromium (Debian's `chromium` package), driven over the DevTools
protocol through a WebSocket (websocket-client, pinned in the lock). No host
name resolves in it, so nothing a page asks for can leave the machine: the
tests list every request a page made and fail on any that is not for a local
file.

Without Chromium: run as root (as CI runs), `find_chromium` installs it with
`apt-get install chromium`; otherwise `chromium_or_skip` skips the test with a
line saying how to run it, and with `CI=true` fails it instead.
"""

import base64
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import websocket  # websocket-client: jupyter-server's own dependency, pinned in the lock

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
    # Every tab works as if in front: the pages are opened side by side.
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
    "--remote-debugging-port=0",
]
# What a page may load: its own files; data: images (figures embedded in the
# page); about:blank, MathJax's test of web fonts.
LOCAL = ("file:", "data:", "blob:", "about:")


def how_to_run(test_file):
    return (
        "to run it, `sudo apt-get install chromium` (or set CHROMIUM=/path/to/chromium), "
        f"then `pytest tests/{test_file}`"
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


def chromium_or_skip(profile, test_file, what):
    """A started Chromium; without one, skip (fail with CI=true) saying how to run `test_file`."""
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: no Chromium to open {what} with; {how_to_run(test_file)}")
        pytest.skip(f"no Chromium: {how_to_run(test_file)}")
    return Chromium(executable, profile)


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
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:  # it had already ended (say, at start-up)
            return
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
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
    `domains` are the DevTools domains whose events are recorded: add "Runtime"
    and "Log" to read what the page wrote to its console (`console_errors`).
    """

    def __init__(self, browser, domains=("Page", "Network")):
        self.browser = browser
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        attached = browser.call("Target.attachToTarget", targetId=target, flatten=True)
        self.session = attached["sessionId"]
        for domain in domains:
            browser.call(f"{domain}.enable", self.session)
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

    def requests(self):
        """The URLs the page asked for since it was opened, and those that failed to load."""
        sent = {
            r["requestId"]: r["request"]["url"] for r in self.network("Network.requestWillBeSent")
        }
        failed = [sent.get(f["requestId"], "?") for f in self.network("Network.loadingFailed")]
        return list(sent.values()), failed

    def console_errors(self):
        """What the page reported as errors: uncaught exceptions, console.error, the browser's log."""
        errors = []
        for event in self.browser.events.get(self.session, []):
            params = event["params"]
            if event["method"] == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                errors.append(details.get("exception", {}).get("description") or details["text"])
            elif event["method"] == "Runtime.consoleAPICalled" and params["type"] == "error":
                errors.append(
                    " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
                )
            elif event["method"] == "Log.entryAdded" and params["entry"]["level"] == "error":
                entry = params["entry"]
                errors.append(f"{entry['text']} ({entry.get('url', '')})")
        return errors

    def front(self):
        """Bring the tab to the front: a tab behind others paints nothing (no screenshot)."""
        self.browser.call("Page.bringToFront", self.session)

    def screenshot(self, path, clip=None):
        """Save what the screen shows (or the page's region `clip`, {x, y, width, height}) as PNG."""
        self.front()
        options = {"format": "png"}
        if clip:
            options |= {"clip": clip | {"scale": 1}, "captureBeyondViewport": True}
        data = self.browser.call("Page.captureScreenshot", self.session, **options)["data"]
        Path(path).write_bytes(base64.b64decode(data))


def browser_fixture(test_file, what):
    """A fixture for a test file: one headless Chromium for all its tests, closed after them."""

    @pytest.fixture(scope="module")
    def browser(tmp_path_factory):
        chromium = chromium_or_skip(tmp_path_factory.mktemp("chromium-profile"), test_file, what)
        yield chromium
        chromium.close()

    return browser
