#!/usr/bin/env python3
"""Load every page of the built book in headless Chromium and report what a
reader would trip on. No DevTools library: the DevTools protocol over
--remote-debugging-pipe (JSON messages ended by NUL on fds 3 and 4).

    python3 book/browse.py [build/book]      # exit 1 on any problem

Per page: console errors and uncaught exceptions, failed loads, any request
that is not a local file (the book must work offline; a proxy that goes
nowhere makes such a request fail loudly), images that did not decode,
MathML elements that were not laid out, links whose target file or anchor is
missing; a full-page screenshot in <book>/screenshots/<page>.png.
"""
import base64
import fcntl
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         "--disable-extensions", "--mute-audio", "--hide-scrollbars",
         "--proxy-server=http://127.0.0.1:9", "--remote-debugging-pipe"]

PROBE = r"""
(() => {
  const out = {title: document.title, images: [], math: 0, mathUnrendered: [], links: [],
               overflow: [], text: document.body ? document.body.innerText.length : 0};
  for (const img of document.images) {
    if (!img.complete || img.naturalWidth === 0)
      out.images.push(img.getAttribute('src'));
  }
  for (const m of document.querySelectorAll('math')) {
    out.math++;
    const r = m.getBoundingClientRect();
    if (m.namespaceURI !== 'http://www.w3.org/1998/Math/MathML' || r.width === 0 || r.height === 0)
      out.mathUnrendered.push((m.textContent || '').slice(0, 40));
  }
  for (const a of document.querySelectorAll('a[href]'))
    out.links.push(a.getAttribute('href'));
  const main = document.querySelector('main');
  if (main) {
    const right = main.getBoundingClientRect().right;
    for (const el of main.querySelectorAll('p, li, h1, h2, h3, figure, table')) {
      const r = el.getBoundingClientRect();
      let scrolls = false;
      for (let a = el.parentElement; a && a !== main; a = a.parentElement)
        if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) scrolls = true;
      // a figure may be wider than the text column, never wider than the window
      const limit = el.tagName === 'FIGURE' ? document.documentElement.clientWidth : right;
      if ((r.right > limit + 2 || r.left < -2) && !scrolls)
        out.overflow.push(el.tagName + ': ' + (el.textContent || '').slice(0, 40));
    }
  }
  out.wide = [];
  if (main) {
    const right = main.getBoundingClientRect().right;
    for (const m of main.querySelectorAll('math:not([display="block"])')) {
      let scrolls = false;
      for (let a = m.parentElement; a && a !== main; a = a.parentElement)
        if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) scrolls = true;
      if (!scrolls && m.getBoundingClientRect().right > right + 2)
        out.wide.push((m.querySelector('annotation') || m).textContent.slice(0, 60));
    }
  }
  return JSON.stringify(out);
})()
"""


# Anything wider than the window that is not inside a box of its own that scrolls
# sideways: on a phone (390 px) it would be cut off at the right edge.
PROBE_WIDTH = r"""
(() => {
  const W = document.documentElement.clientWidth, out = [];
  const seen = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= W + 1) continue;
    let scrolls = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (['auto', 'scroll', 'hidden', 'clip'].includes(ox) && a.getBoundingClientRect().right <= W + 1) {
        scrolls = true; break;
      }
    }
    if (scrolls) continue;
    // report the outermost offender only
    let parent = el.parentElement, inner = false;
    while (parent) { if (seen.has(parent)) { inner = true; break; } parent = parent.parentElement; }
    seen.add(el);
    if (inner) continue;
    const what = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
      ? '.' + el.className.split(' ').join('.') : '');
    out.push(what + ' (' + Math.round(r.right) + ' px > ' + W + '): ' +
             (el.textContent || el.getAttribute('src') || '').trim().slice(0, 50));
  }
  const scrolling = [];
  for (const b of document.querySelectorAll('pre, .table-wrap, .display-math'))
    if (b.scrollWidth > b.clientWidth + 1)
      scrolling.push(b.tagName.toLowerCase() + ' ' + (b.textContent || '').trim().slice(0, 40));
  return JSON.stringify({width: W, scrollWidth: document.documentElement.scrollWidth,
                         cut: out.slice(0, 12), scrolling: scrolling});
})()
"""


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="book-chromium-")
        r_to_chrome, w_to_chrome = os.pipe()
        r_from_chrome, w_from_chrome = os.pipe()
        # Chromium reads commands on fd 3 and writes answers on fd 4.
        self.proc = subprocess.Popen(
            [CHROMIUM] + FLAGS + [f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=self._fds(r_to_chrome, w_from_chrome))
        os.close(r_to_chrome)
        os.close(w_from_chrome)
        self.w, self.r = w_to_chrome, r_from_chrome
        self.buf, self.next_id, self.events = b"", 0, []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        for m in ("Runtime.enable", "Log.enable", "Network.enable", "Page.enable"):
            self.call(m, session=True)
        self.viewport(1200, 900)

    def viewport(self, width, height=900):
        self.width = width
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1,
                   "mobile": width < 600}, session=True)

    def cut_off(self):
        """What sticks out of the window, the page being loaded: {width, scrollWidth, cut}."""
        return json.loads(self.call("Runtime.evaluate", {"expression": PROBE_WIDTH,
                                                         "returnByValue": True},
                                    session=True)["result"]["value"])

    @staticmethod
    def _fds(r, w):
        def child():   # out of the way first, so that dup2 cannot clobber either
            r2, w2 = fcntl.fcntl(r, fcntl.F_DUPFD, 10), fcntl.fcntl(w, fcntl.F_DUPFD, 10)
            os.dup2(r2, 3)
            os.dup2(w2, 4)
        return child

    def _read_message(self, deadline):
        while b"\0" not in self.buf:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self.r, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buf += chunk
        msg, _, self.buf = self.buf.partition(b"\0")
        return json.loads(msg)

    def call(self, method, params=None, session=False, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self.session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            m = self._read_message(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, name, timeout=30):
        deadline = time.monotonic() + timeout
        for k, e in enumerate(self.events):
            if e["method"] == name:
                return e
        while True:
            m = self._read_message(deadline)
            if "method" in m:
                self.events.append(m)
                if m["method"] == name:
                    return m

    def load(self, url, screenshot=None):
        """Navigate, wait for load, return (probe dict, [problem])."""
        self.events = []
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_event("Page.loadEventFired")
        time.sleep(0.2)                       # late console messages
        self.call("Runtime.evaluate", {"expression": "1"}, session=True)   # drain
        probe = json.loads(self.call("Runtime.evaluate", {"expression": PROBE, "returnByValue": True},
                                     session=True)["result"]["value"])
        problems = []
        for e in self.events:
            p = e.get("params", {})
            if e["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
                args = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
                problems.append(f"console {p['type']}: {args}")
            elif e["method"] == "Runtime.exceptionThrown":
                problems.append("exception: " + p["exceptionDetails"].get("text", ""))
            elif e["method"] == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
                problems.append(f"console {p['entry']['level']}: {p['entry']['text']} "
                                f"{p['entry'].get('url', '')}".strip())
            elif e["method"] == "Network.loadingFailed":
                problems.append(f"failed to load: {p.get('errorText')} (request {p.get('requestId')})")
            elif e["method"] == "Network.requestWillBeSent":
                u = p["request"]["url"]
                if not u.startswith(("file:", "data:", "about:")):
                    problems.append(f"fetches from the network: {u}")
        for src in probe["images"]:
            problems.append(f"broken image: {src}")
        for m in probe["mathUnrendered"]:
            problems.append(f"MathML not laid out: {m!r}")
        for o in probe["overflow"]:
            problems.append(f"sticks out of the page: {o}")
        if screenshot:
            metrics = self.call("Page.getLayoutMetrics", session=True)
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            height = min(int(size["height"]) + 1, 16000)
            shot = self.call("Page.captureScreenshot",
                             {"format": "png", "captureBeyondViewport": True,
                              "clip": {"x": 0, "y": 0, "width": self.width, "height": height,
                                       "scale": 1}},
                             session=True, timeout=60)
            with open(screenshot, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
        return probe, problems

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.w)
        os.close(self.r)
        shutil.rmtree(self.profile, ignore_errors=True)


def check_book(book_dir, screenshots=True):
    """{page: (probe, [problem])} for every page of the book."""
    book_dir = os.path.abspath(book_dir)
    shots = os.path.join(book_dir, "screenshots")
    if screenshots:
        os.makedirs(shots, exist_ok=True)
    out = {}
    b = Browser()
    try:
        for page in sorted(glob.glob(os.path.join(book_dir, "*.html"))):
            name = os.path.basename(page)
            shot = os.path.join(shots, name[:-5] + ".png") if screenshots else None
            out[name] = b.load("file://" + page, shot)
    finally:
        b.close()
    return out


def check_widths(book_dir, widths=(390, 1280), pages=None, shots=None):
    """{(page, width): cut-off report} for every page (or the given ones) at every
    window width; full-page screenshots into shots/<page>-<width>.png when asked."""
    book_dir = os.path.abspath(book_dir)
    out = {}
    b = Browser()
    try:
        for width in widths:
            b.viewport(width)
            for page in sorted(glob.glob(os.path.join(book_dir, "*.html"))):
                name = os.path.basename(page)
                if pages and name not in pages:
                    continue
                shot = os.path.join(shots, f"{name[:-5]}-{width}.png") if shots else None
                b.load("file://" + page, shot)
                out[(name, width)] = b.cut_off()
    finally:
        b.close()
    return out


def main(argv):
    if len(argv) > 1 and argv[1] == "--widths":
        # python3 book/browse.py --widths 390,1280 BOOK [SHOTS_DIR [page.html ...]]
        widths = [int(w) for w in argv[2].split(",")]
        shots = argv[4] if len(argv) > 4 else None
        if shots:
            os.makedirs(shots, exist_ok=True)
        res = check_widths(argv[3], widths, argv[5:] or None, shots)
        bad = 0
        for (name, width), r in res.items():
            print(f"  {'ok  ' if not r['cut'] else 'CUT '} {name} at {width} px"
                  f" (page {r['scrollWidth']} px wide; {len(r['scrolling'])} box(es) scroll sideways)")
            for c in r["cut"]:
                print("       " + c)
            bad += bool(r["cut"])
        return 1 if bad else 0
    book = argv[1] if len(argv) > 1 else os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build", "book")
    results = check_book(book)
    bad = 0
    for name, (probe, problems) in results.items():
        print(f"  {'ok  ' if not problems else 'FAIL'} {name}: {probe['math']} math, "
              f"{len(probe['links'])} links")
        for p in problems:
            print("       " + p)
        for w in probe.get("wide", []):
            print(f"       warning: inline math sticks out of the page (make it display math?): {w}")
        bad += bool(problems)
    print(f"screenshots in {os.path.relpath(os.path.join(book, 'screenshots'))}/")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
