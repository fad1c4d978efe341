#!/usr/bin/env bash
# Renders an HTML report from result files and takes a PNG screenshot of it with headless Chromium,
# so a person can look at the charts without opening a browser.
#
# Usage: scripts/report-screenshot.sh [--out OUT.png] [--width PX] [--height PX] [--chromium CMD] [RESULT.json ...]
#   --out       default target/report-screenshot.png (the report itself goes beside it, as .html)
#   RESULT.json default: the fixed result files of the tests (src/test/resources/org/lockdemo/report/results)
#   --width, --height  the window in pixels (default 1400 x 2600; the screenshot shows that much
#               of the page from the top); also read from WIDTH and HEIGHT, as before
#   --chromium  the browser (default chromium, or $CHROMIUM; Debian: apt-get install chromium)
# The old form, scripts/report-screenshot.sh [OUT.png [RESULT.json ...]], still works: a first
# argument ending in .png is the output. LOCKDEMO_JAR and LOCKDEMO_JAVA_OPTS: see scripts/lib.sh.
# Exit: 0 the PNG was written; 1 it was not; 2 usage or no browser.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
png=""
width="${WIDTH:-1400}"
height="${HEIGHT:-2600}"
chromium="${CHROMIUM:-chromium}"
inputs=()
while [ $# -gt 0 ]; do
    case "$1" in
        --out) png="${2:?--out needs a value}"; shift 2 ;;
        --width) width="${2:?--width needs a value}"; shift 2 ;;
        --height) height="${2:?--height needs a value}"; shift 2 ;;
        --chromium) chromium="${2:?--chromium needs a value}"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "report-screenshot: unknown option $1 (see --help)" >&2; exit 2 ;;
        *.png) if [ -z "$png" ] && [ ${#inputs[@]} -eq 0 ]; then png="$1"; else inputs+=("$1"); fi; shift ;;
        *) inputs+=("$1"); shift ;;
    esac
done
lockdemo_int --width "$width"
lockdemo_int --height "$height"
png="${png:-$lockdemo_root/target/report-screenshot.png}"
if [ ${#inputs[@]} -eq 0 ]; then
    inputs=("$lockdemo_root"/src/test/resources/org/lockdemo/report/results/*.json)
fi
html="${png%.png}.html"
if ! command -v "$chromium" >/dev/null; then
    echo "report-screenshot: $chromium not found; install it (Debian: apt-get install -y chromium) or set CHROMIUM" >&2
    exit 2
fi
mkdir -p "$(dirname "$png")"
lockdemo_build
"${lockdemo_cmd[@]}" report "${inputs[@]}" -o "$html"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# A fresh profile and no background traffic: the page needs no network, and neither should the browser.
"$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$profile" \
    --window-size="$width,$height" --screenshot="$png" "file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")" \
    >/dev/null 2>&1
test -s "$png"
echo "report-screenshot: wrote $png (from $html)"
