#!/usr/bin/env bash
# The Windows program, built and tried on this Linux machine.
#
# usage: scripts/windows-check.sh
#
# 1. Cross-builds target/x86_64-pc-windows-gnu/release/tthc-review.exe (rustup target
#    x86_64-pc-windows-gnu, linker x86_64-w64-mingw32-gcc from Debian's gcc-mingw-w64-x86-64).
# 2. Runs `calc --json` of every shipped example with the .exe under Wine and with the Linux
#    binary, and compares them (the "file" path aside).
# 3. Starts the .exe's window under Wine + Xvfb and saves a screenshot to
#    target/windows-check.png (it must still be running after 20 s).
# 4. Opens a scratch review in the .exe drawn with glow (OpenGL: Windows' renderer where
#    Direct3D 12 is missing, and Wine's), sizes its window to 1280×720, clicks the «Tên TTHC»
#    field where it is drawn, types a name, saves with Ctrl+S and reads the name back from the
#    file: a drawing that did not fill the window would put the click on another widget.
#    Screenshot: target/windows-glow-click.png.
#
# Wine 8 (Debian) lacks bcryptprimitives.dll's ProcessPrng, which Rust's std calls on Windows
# 10+: a stub DLL built here with mingw (it calls RtlGenRandom) goes into the Wine prefix only;
# real Windows has the DLL. Needs: rustup, gcc-mingw-w64-x86-64, wine, xvfb, x11-apps,
# imagemagick, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
for tool in rustup cargo x86_64-w64-mingw32-gcc wine Xvfb xwd convert python3 xdotool; do
  command -v "$tool" >/dev/null || { echo "windows-check: $tool is missing" >&2; exit 2; }
done

echo "== 1. cross-build"
rustup target add x86_64-pc-windows-gnu >/dev/null
cargo build --release --locked --target x86_64-pc-windows-gnu
exe=$repo/target/x86_64-pc-windows-gnu/release/tthc-review.exe
linux=${TTHC_LINUX_BIN:-$repo/target/debug/tthc-review}
[ -x "$linux" ] || cargo build --locked
ls -l "$exe"

work=$(mktemp -d)
display=":$(( 300 + RANDOM % 400 ))"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=$display WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export WINEPREFIX=${WINEPREFIX:-$repo/target/wine-prefix}
sleep 1
if [ ! -d "$WINEPREFIX/drive_c/windows/system32" ]; then
  echo "== making the Wine prefix $WINEPREFIX"
  wineboot -i >/dev/null 2>&1 || true
  wineserver -w || true
fi
stub=$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll
if [ ! -f "$stub" ]; then
  cat > "$work/prng.c" <<'EOF'
#include <windows.h>
BOOLEAN NTAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom, advapi32 */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
EOF
  x86_64-w64-mingw32-gcc -shared -O2 -o "$stub" "$work/prng.c" -ladvapi32
  echo "== stub bcryptprimitives.dll (ProcessPrng) put in the Wine prefix"
fi

echo "== 2. calc --json: Windows (Wine) against Linux"
mkdir -p "$work/app"
cp -r "$repo/saved-reviews" "$work/app/"
cd "$work/app"
status=0
for f in saved-reviews/*.ron; do
  case "$f" in *.plan.ron) continue ;; esac   # the year's plan, not a review
  wine "$exe" calc "$f" --json > "$work/win.json" 2> "$work/win.err" || { cat "$work/win.err" >&2; status=1; continue; }
  "$linux" calc "$f" --json > "$work/lin.json"
  if python3 - "$work/win.json" "$work/lin.json" <<'EOF'
import json, sys
w, l = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
w.pop("file"); l.pop("file")
sys.exit(0 if w == l else 1)
EOF
  then
    echo "   same: $f ($(python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); c=v["chosen"]; print(c["before"], c["after"], c["saving"], c["percent_text"])' "$work/lin.json"))"
  else
    echo "   DIFFERENT: $f" >&2; diff <(python3 -m json.tool "$work/win.json") <(python3 -m json.tool "$work/lin.json") >&2 || true
    status=1
  fi
done

echo "== 3. the window under Wine + Xvfb"
wine "$exe" > "$work/gui.log" 2>&1 &
gui=$!
pids+=($gui)
sleep 20
shot=$repo/target/windows-check.png
xwd -root -silent | convert xwd:- "png:$shot"
if kill -0 "$gui" 2>/dev/null; then
  echo "   the window is up; screenshot: $shot"
else
  echo "   the program ended before the screenshot:" >&2
  tail -20 "$work/gui.log" >&2
  status=1
fi
kill "$gui" 2>/dev/null || true
wineserver -k 2>/dev/null || true

echo "== 4. glow under Wine: a click lands on the field drawn there"
printf '(schema_version: 1, activities: [(name: "", hours: "1", service: "0", other: "0")])\n' > saved-reviews/nhap.ron
TTHC_RENDERER=glow wine "$exe" open saved-reviews/nhap.ron > "$work/glow.log" 2>&1 &
glow=$!
pids+=($glow)
win=""
for _ in $(seq 150); do
  win=$(xdotool search --name "TTHC" 2>/dev/null | head -1 || true)
  [ -n "$win" ] && break
  sleep 0.2
done
if [ -z "$win" ]; then
  echo "   the window did not open:" >&2; tail -20 "$work/glow.log" >&2
  exit 1
fi
xdotool windowmove "$win" 0 0 windowsize "$win" 1280 720
sleep 3
xdotool windowfocus "$win" 2>/dev/null || true
name="Cap phep Wine glow 4321"
# «Tên TTHC», step 1, second row of the record grid (the place typing-check.sh clicks).
xdotool mousemove --window "$win" 600 115 click 1
sleep 1
xdotool key --delay 80 ctrl+a BackSpace
xdotool type --delay 80 "$name"
sleep 1
xdotool key ctrl+s
saved=""
for _ in $(seq 50); do
  saved=$(python3 - saved-reviews/nhap.ron <<'EOF'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'tthc: \(\s*(?:code: "[^"]*",\s*)?name: "((?:[^"\\]|\\.)*)"', t)
print(m.group(1) if m else "", end="")
EOF
)
  [ -n "$saved" ] && break
  sleep 0.2
done
shot=$repo/target/windows-glow-click.png
xwd -root -silent | convert xwd:- "png:$shot"
if [ "$saved" = "$name" ]; then
  echo "   clicked «Tên TTHC» at (600, 115) of a 1280×720 window, typed and saved: «$saved»; screenshot: $shot"
else
  echo "   the click did not land in «Tên TTHC»: saved name «$saved», typed «$name»; screenshot: $shot" >&2
  tail -20 "$work/glow.log" >&2
  status=1
fi
exit $status
