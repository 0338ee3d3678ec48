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
#
# Wine 8 (Debian) lacks bcryptprimitives.dll's ProcessPrng, which Rust's std calls on Windows
# 10+: a stub DLL built here with mingw (it calls RtlGenRandom) goes into the Wine prefix only;
# real Windows has the DLL. Needs: rustup, gcc-mingw-w64-x86-64, wine, xvfb, x11-apps,
# imagemagick, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
for tool in rustup cargo x86_64-w64-mingw32-gcc wine Xvfb xwd convert python3; do
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
exit $status
