#!/usr/bin/env python3
"""What one keystroke costs in the real window, without a GPU.

usage: scripts/typing-cost.py [--renderer glow|wgpu] [--bin PATH] [--keys N] [--size WxH]

Starts the app's binary under Xvfb (Mesa's software drivers: llvmpipe for glow, lavapipe for
wgpu), opens a copy of a shipped review, clicks the «Cơ quan giải quyết» field and then:

- CPU per keystroke: types N keys (default 100) at 10 keys a second with xdotool and reads the
  process's CPU time (all its threads, the software renderer's included) from /proc before and
  after; the same stretch of time without typing (the cursor blinking) is measured too and printed
  beside it;
- key → screen: presses one key at a time and grabs the field from the X server until its pixels
  change (20 times; median and worst printed).

Needs Xvfb, xdotool and python3 with Pillow (ImageGrab). The binary: --bin, else $TTHC_BIN, else
target/release/tthc-review. Prints one line per measure; exits 2 when something it needs is missing.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # utime and stime are fields 14 and 15 of the line (11 and 12 after the name).
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--renderer", default="glow", choices=["glow", "wgpu"])
    ap.add_argument("--bin", default=os.environ.get("TTHC_BIN", os.path.join(REPO, "target/release/tthc-review")))
    ap.add_argument("--keys", type=int, default=100)
    ap.add_argument("--size", default="1366x768")
    args = ap.parse_args()
    args.bin = os.path.abspath(args.bin)
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            print(f"typing-cost: {tool} is missing", file=sys.stderr)
            return 2
    try:
        from PIL import ImageGrab
    except ImportError:
        print("typing-cost: python3 Pillow is missing (pip install pillow)", file=sys.stderr)
        return 2
    if not os.access(args.bin, os.X_OK):
        print(f"typing-cost: no binary at {args.bin} (cargo build --release)", file=sys.stderr)
        return 2

    work = tempfile.mkdtemp()
    display = f":{300 + os.getpid() % 400}"
    procs = []
    try:
        procs.append(subprocess.Popen(
            ["Xvfb", display, "-screen", "0", f"{args.size}x24", "-noreset", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        env = dict(os.environ, DISPLAY=display, TTHC_RENDERER=args.renderer,
                   HOME=os.path.join(work, "home"), XDG_DATA_HOME=os.path.join(work, "data"))
        env.pop("XMODIFIERS", None)
        for _ in range(50):
            if subprocess.run(["xdotool", "getmouselocation"], env=env,
                              capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
        reviews = os.path.join(work, "saved-reviews")
        os.makedirs(reviews)
        src = os.path.join(REPO, "saved-reviews", "vlncn-cap-lai-gcn-huan-luyen.ron")
        review = os.path.join(reviews, "r.ron")
        shutil.copy(src, review)
        app = subprocess.Popen([args.bin, "open", review], cwd=work, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(app)

        def xdo(*a):
            return subprocess.run(["xdotool", *a], env=env, capture_output=True, text=True)

        win = ""
        for _ in range(200):
            win = xdo("search", "--class", "tthc").stdout.split()
            if win:
                win = win[0]
                break
            time.sleep(0.1)
        if not win:
            print("typing-cost: the window did not appear", file=sys.stderr)
            return 1
        time.sleep(4)
        xdo("windowfocus", win)
        time.sleep(0.3)
        # «Cơ quan giải quyết» of step 1 (y = 199 at 1280 px and wider), end of its text.
        xdo("mousemove", "700", "199", "click", "1")
        time.sleep(0.3)
        xdo("key", "End")
        time.sleep(2)

        span = args.keys / 10
        c0 = cpu_seconds(app.pid)
        time.sleep(span)
        idle = cpu_seconds(app.pid) - c0

        keys = ("abcdefghij" * (args.keys // 10 + 1))[: args.keys]
        c0 = cpu_seconds(app.pid)
        t0 = time.monotonic()
        xdo("type", "--delay", "100", keys)
        time.sleep(max(0.0, span - (time.monotonic() - t0)) + 1.0)
        typing = cpu_seconds(app.pid) - c0
        print(f"typing-cost: renderer {args.renderer}, window {args.size}, {args.keys} keys at 10/s")
        print(f"typing-cost: CPU while typing {typing:.2f} s = {typing / args.keys:.4f} s per key "
              f"(the same time without typing: {idle:.2f} s)")

        bbox = (343, 187, 982, 211)
        lat = []
        for i in range(20):
            before = ImageGrab.grab(bbox=bbox, xdisplay=display).tobytes()
            t0 = time.monotonic()
            xdo("key", "x" if i % 2 == 0 else "BackSpace")
            seen = None
            while time.monotonic() - t0 < 2.0:
                if ImageGrab.grab(bbox=bbox, xdisplay=display).tobytes() != before:
                    seen = time.monotonic() - t0
                    break
            if seen is not None:
                lat.append(seen)
            time.sleep(0.4)
        if lat:
            print(f"typing-cost: key → screen median {statistics.median(lat):.3f} s, "
                  f"worst {max(lat):.3f} s ({len(lat)}/20 seen)")
        else:
            print("typing-cost: key → screen: no change seen within 2 s")
            return 1
        return 0
    finally:
        for p in reversed(procs):
            p.kill()
            p.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
