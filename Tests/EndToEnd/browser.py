"""Chromium, headless, driven over its DevTools pipe: no network, no port, no library beyond
Python's own. Opens a page, reports what its console said, lays out what a test asks, prints it
to PDF and takes a screenshot."""

import base64
import json
import os
import shutil
import subprocess
import tempfile


def chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    def __init__(self, width=1000, height=1400):
        self.profile = tempfile.mkdtemp(prefix="hetao-chromium-")
        to_chrome_read, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_write = os.pipe()

        # Chromium reads commands on descriptor 3 and writes replies on 4; the ends are moved
        # out of the way first, so that neither lands on the other's number.
        os.dup2(to_chrome_read, 100, inheritable=False)
        os.dup2(from_chrome_write, 101, inheritable=False)

        def pipes():
            os.dup2(100, 3)
            os.dup2(101, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.process = subprocess.Popen(
            [chromium(), "--headless=new", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--mute-audio",
             f"--user-data-dir={self.profile}", f"--window-size={width},{height}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=pipes)
        for fd in (to_chrome_read, from_chrome_write, 100, 101):
            os.close(fd)
        self.reader = os.fdopen(self.from_chrome, "rb")
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)

    def _message(self):
        data = b""
        while not data.endswith(b"\0"):
            chunk = self.reader.read1(1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed its DevTools pipe")
            data += chunk
            # More than one message may come in a chunk.
            while b"\0" in data[:-1]:
                head, data = data.split(b"\0", 1)
                yield json.loads(head)
        yield json.loads(data[:-1])

    def call(self, method, session=False, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            for reply in self._message():
                if reply.get("id") == self.next_id:
                    if "error" in reply:
                        raise RuntimeError(f"{method}: {reply['error']}")
                    return reply["result"]
                self.events.append(reply)

    def wait_for(self, method):
        while True:
            for event in list(self.events):
                if event.get("method") == method:
                    self.events.remove(event)
                    return event
            for message in self._message():
                self.events.append(message)

    def open(self, path):
        self.call("Page.navigate", session=True, url="file://" + os.path.abspath(path))
        self.wait_for("Page.loadEventFired")

    def console_errors(self):
        """What the page said on its console or threw, and failed loads, as text."""
        errors = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                errors.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                errors.append(params["entry"].get("text", ""))
        return errors

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        return result["result"].get("value")

    def pdf(self, path):
        data = self.call("Page.printToPDF", session=True, printBackground=True, preferCSSPageSize=True)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", session=True, format="png", captureBeyondViewport=True)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.close()
        os.close(self.to_chrome)
        shutil.rmtree(self.profile, ignore_errors=True)
