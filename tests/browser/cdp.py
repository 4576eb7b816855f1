"""A small driver of headless Chromium through the DevTools protocol.

The browser tests (tests/browser/checks.py, run by tests/cli/browser.sh)
use it to load a report from a file:// URL with a fragment, wait for the
load, evaluate JavaScript, click and press keys as a user does, take
screenshots, and record what must never happen: a request that leaves the
page, a JavaScript dialog, an exception, a Content-Security-Policy
violation.

It needs Debian's python3-websocket (the websocket-client module) and a
Chromium; Browser() raises Unavailable when either is missing, so that a
test can skip.  Chromium is started in its own process group with
--remote-debugging-port=0 and a fresh profile; the port is read from the
profile's DevToolsActivePort file.  Every wait is bounded, the whole
session has a hard deadline (SIGALRM), and close() (also on exit) kills
the browser's process group and removes the profile.
"""

import atexit
import base64
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time

try:
    import websocket
except ImportError:  # the test skips
    websocket = None


class Unavailable(Exception):
    """No Chromium or no websocket module: the test should skip."""


class Timeout(Exception):
    """A wait took longer than allowed."""


def find_chromium():
    """The Chromium to drive: $CHROMIUM, else the first on a known path."""
    for path in (os.environ.get("CHROMIUM"), "/usr/bin/chromium",
                 "/usr/bin/chromium-browser"):
        if path and os.access(path, os.X_OK):
            return path
    return None


class Browser:
    """One headless Chromium and one page, driven over one websocket."""

    def __init__(self, deadline=240, width=1280, height=900):
        if websocket is None:
            raise Unavailable("no websocket module (python3-websocket)")
        chromium = find_chromium()
        if chromium is None:
            raise Unavailable("no chromium")
        self.proc = None
        self.profile = tempfile.mkdtemp(prefix="infdiag-cdp.")
        atexit.register(self.close)
        signal.signal(signal.SIGALRM, self._expired)
        signal.alarm(deadline)
        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu",
             "--remote-debugging-port=0",
             "--user-data-dir=" + self.profile, "--no-first-run",
             "--disable-background-networking", "--disable-sync",
             "--disable-component-update", "--disable-extensions",
             "--disable-quic", "--hide-scrollbars",
             "--window-size=%d,%d" % (width, height), "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)
        port = self._port(30)
        self.ws = websocket.create_connection(
            self._page_url(port), timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events = []
        self.requests = []
        self.dialogs = []
        self.exceptions = []
        self.csp = []
        self.page_url = None
        for method in ("Page.enable", "Network.enable", "Runtime.enable",
                       "Log.enable"):
            self.send(method)

    @staticmethod
    def _expired(signum, frame):
        raise Timeout("the browser session ran out of time")

    def _port(self, wait):
        """Reads the debugging port from the profile, waiting for it."""
        path = os.path.join(self.profile, "DevToolsActivePort")
        end = time.time() + wait
        while time.time() < end:
            if self.proc.poll() is not None:
                raise Unavailable("chromium exited with status %d"
                                  % self.proc.returncode)
            try:
                with open(path) as f:
                    lines = f.read().split("\n")
                if lines[0].strip():
                    return int(lines[0])
            except (OSError, ValueError):
                pass
            time.sleep(0.05)
        raise Timeout("no DevToolsActivePort after %d s" % wait)

    def _page_url(self, port):
        """The websocket of the first page target."""
        import urllib.request
        end = time.time() + 30
        while time.time() < end:
            with urllib.request.urlopen(
                    "http://127.0.0.1:%d/json/list" % port, timeout=10) as r:
                targets = json.load(r)
            for t in targets:
                if t.get("type") == "page":
                    return t["webSocketDebuggerUrl"]
            time.sleep(0.05)
        raise Timeout("no page target")

    def close(self):
        """Kills the browser's process group and removes the profile."""
        signal.alarm(0)
        if getattr(self, "ws", None) is not None:
            try:
                self.ws.close()
            except Exception:
                pass
            self.ws = None
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
        self.proc = None
        if self.profile is not None:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None

    def _record(self, msg):
        """Keeps an event, noting what the tests assert never happens."""
        method = msg.get("method")
        params = msg.get("params", {})
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(params.get("message", ""))
            # Dismiss it, or the page would hang.
            self._send_raw("Page.handleJavaScriptDialog", {"accept": False})
        elif method == "Runtime.exceptionThrown":
            d = params.get("exceptionDetails", {})
            self.exceptions.append(
                d.get("exception", {}).get("description") or d.get("text"))
        elif method == "Log.entryAdded":
            text = params.get("entry", {}).get("text", "")
            if "Content Security Policy" in text:
                self.csp.append(text)
        elif method == "Runtime.consoleAPICalled":
            pass
        self.events.append(msg)

    def _send_raw(self, method, params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method,
                                 "params": params or {}}))
        return self.next_id

    def send(self, method, params=None):
        """Sends a command and returns its result; raises on an error."""
        want = self._send_raw(method, params)
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == want:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            if "method" in msg:
                self._record(msg)

    def wait_event(self, method, wait=30):
        """Waits for an event; returns its parameters."""
        end = time.time() + wait
        while time.time() < end:
            self.ws.settimeout(max(0.05, end - time.time()))
            try:
                msg = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                break
            finally:
                self.ws.settimeout(30)
            if "method" in msg:
                self._record(msg)
                if msg["method"] == method:
                    return msg.get("params", {})
        raise Timeout("no %s in %d s" % (method, wait))

    def drain(self, wait=0.2):
        """Records the events that arrive within wait seconds."""
        try:
            self.wait_event("-none-", wait)
        except Timeout:
            pass

    def open(self, url, settle=0.15):
        """Loads url afresh (through about:blank, so that a new fragment is
        a new load), waits for its load event and lets its handlers run."""
        self.send("Page.navigate", {"url": "about:blank"})
        self.wait_event("Page.loadEventFired")
        self.requests = []
        self.page_url = url
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")
        self.drain(settle)

    def eval(self, expression):
        """Evaluates JavaScript in the page; returns its value (by value,
        promises awaited); raises on an exception."""
        r = self.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True,
            "awaitPromise": True})
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise RuntimeError(d.get("exception", {}).get("description")
                               or d.get("text"))
        return r["result"].get("value")

    def click(self, selector):
        """Clicks the centre of the first element matching selector, as a
        mouse does; False when there is none (or it is not shown)."""
        box = self.eval(
            "(function(){var e=document.querySelector(%s);if(!e)return null;"
            "e.scrollIntoView({block:'center'});"
            "var r=e.getBoundingClientRect();"
            "return r.width>0&&r.height>0?[r.left+r.width/2,r.top+r.height/2]"
            ":null})()" % json.dumps(selector))
        if box is None:
            return False
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {
                "type": kind, "x": box[0], "y": box[1], "button": "left",
                "clickCount": 1})
        self.drain(0.1)
        return True

    KEYS = {"ArrowLeft": 37, "ArrowUp": 38, "ArrowRight": 39,
            "ArrowDown": 40, "Enter": 13, "Tab": 9, "Escape": 27,
            "Backspace": 8, "Home": 36, "End": 35, "a": 65}

    def key(self, key, modifiers=0):
        """Presses and releases a key (modifiers: 2 = Ctrl, 8 = Shift)."""
        code = self.KEYS.get(key, 0)
        down = {"type": "rawKeyDown", "key": key, "modifiers": modifiers,
                "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code,
                "code": key if len(key) > 1 else "Key" + key.upper()}
        self.send("Input.dispatchKeyEvent", down)
        if len(key) == 1 and modifiers == 0:
            self.send("Input.dispatchKeyEvent",
                      dict(down, type="char", text=key))
        self.send("Input.dispatchKeyEvent", dict(down, type="keyUp"))
        self.drain(0.05)

    def type_text(self, text):
        """Types text into the focused element."""
        self.send("Input.insertText", {"text": text})
        self.drain(0.05)

    def screenshot(self, path, selector=None, full=False):
        """Writes a PNG of the viewport (scrolled to selector first), or of
        the whole page."""
        if selector is not None:
            self.eval("document.querySelector(%s).scrollIntoView()"
                      % json.dumps(selector))
        params = {"format": "png"}
        if full:
            params["captureBeyondViewport"] = True
        data = self.send("Page.captureScreenshot", params)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def leaving_requests(self):
        """The requests since the last open() other than the page's own
        file:// load (and data: URLs, which never leave)."""
        own = (self.page_url or "").split("#")[0]
        return [u for u in self.requests
                if u.split("#")[0] != own and not u.startswith("data:")
                and u != "about:blank"]
