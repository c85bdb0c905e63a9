#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Opens a page in headless Chromium over the DevTools protocol (--remote-debugging-pipe, so
no port and no third-party module) and prints the page's own Performance API timings as JSON:
first-paint, first-contentful-paint, domContentLoaded and load, in ms from navigation start,
and the size on screen of the zone diagram (svg: {width, height} of #zones-svg, null without
one).

    cdp-paint.py FILE.html [RUNS] [--shot=PNG]

--shot writes a PNG of the page's "Zones and conduits" section (or of the top of the page
without one), as the browser painted it, after the last run.
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile

EXPR = """JSON.stringify((function () {
  var o = {}, n = performance.getEntriesByType('navigation')[0];
  performance.getEntriesByType('paint').forEach(function (e) { o[e.name] = e.startTime; });
  o.domContentLoaded = n.domContentLoadedEventEnd; o.load = n.loadEventEnd;
  o.rows = document.querySelectorAll('tr[data-x]').length;
  o.hosts = document.querySelectorAll('details.host').length;
  var svg = document.getElementById('zones-svg'), r = svg && svg.getBoundingClientRect();
  o.svg = r ? {width: r.width, height: r.height} : null;
  return o; })())"""

CLIP = """JSON.stringify((function () {
  var e = document.getElementById('zones') || document.body, r = e.getBoundingClientRect();
  return {x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width,
          height: Math.min(r.height, 4000), scale: 1}; })())"""


class Browser:
    def __init__(self):
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        if not browser:
            sys.exit("cdp-paint: chromium not installed")
        self.profile = tempfile.mkdtemp()
        to_r, to_w = os.pipe()      # we write, the browser reads (its fd 3)
        from_r, from_w = os.pipe()  # the browser writes (its fd 4), we read

        def fds():
            os.dup2(to_r, 3)
            os.dup2(from_w, 4)

        self.proc = subprocess.Popen(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--remote-debugging-pipe", "--user-data-dir=" + self.profile, "about:blank"],
            preexec_fn=fds, pass_fds=(3, 4, to_r, from_w), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(to_r)
        os.close(from_w)
        self.w = os.fdopen(to_w, "wb", buffering=0)
        self.r = os.fdopen(from_r, "rb", buffering=0)
        self.buf = b""
        self.next_id = 0

    def recv(self):
        while b"\0" not in self.buf:
            chunk = self.r.read(65536)
            if not chunk:
                raise RuntimeError("browser closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None, wait_event=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.w.write(json.dumps(msg).encode() + b"\0")
        result, event = None, wait_event is None
        while result is None or not event:
            m = self.recv()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                result = m["result"]
            elif wait_event and m.get("method") == wait_event:
                event = True
        return result

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        self.proc.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


def measure(b, url, shot=None):
    target = b.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    s = b.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    b.call("Page.enable", session=s)
    b.call("Page.navigate", {"url": url}, session=s, wait_event="Page.loadEventFired")
    r = b.call("Runtime.evaluate", {"expression": EXPR, "returnByValue": True}, session=s)
    if shot:
        b.call("Emulation.setDeviceMetricsOverride",
               {"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": False},
               session=s)
        clip = b.call("Runtime.evaluate", {"expression": CLIP, "returnByValue": True}, session=s)
        png = b.call("Page.captureScreenshot",
                     {"format": "png", "captureBeyondViewport": True,
                      "clip": json.loads(clip["result"]["value"])}, session=s)
        with open(shot, "wb") as f:
            f.write(base64.b64decode(png["data"]))
    b.call("Target.closeTarget", {"targetId": target})
    return json.loads(r["result"]["value"])


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--shot=")]
    shots = [a[len("--shot="):] for a in sys.argv[1:] if a.startswith("--shot=")]
    path = os.path.abspath(args[0])
    runs = int(args[1]) if len(args) > 1 else 5
    b = Browser()
    try:
        out = [measure(b, "file://" + path, shots[0] if shots and i == runs - 1 else None)
               for i in range(runs)]
    finally:
        b.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
