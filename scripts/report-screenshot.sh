#!/usr/bin/env bash
# Renders an HTML report from result files and takes a PNG screenshot of it with headless Chromium,
# so a person can look at the charts without opening a browser.
#
# Usage: scripts/report-screenshot.sh [OUT.png [RESULT.json ...]]
#   default OUT.png: target/report-screenshot.png (the report itself goes beside it, as .html)
#   default inputs:  the fixed result files of the tests (src/test/resources/org/lockdemo/report/results)
# Environment: CHROMIUM (default: chromium; Debian: apt-get install chromium), WIDTH and HEIGHT of the
# window in pixels (default 1400 x 2600; the screenshot shows that much of the page from the top),
# LOCKDEMO_JAR (use this jar instead of scripts/lockdemo, which builds target/lockdemo.jar if stale).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
png="${1:-$root/target/report-screenshot.png}"
shift || true
if [ "$#" -eq 0 ]; then
    set -- "$root"/src/test/resources/org/lockdemo/report/results/*.json
fi
html="${png%.png}.html"
chromium="${CHROMIUM:-chromium}"
if ! command -v "$chromium" >/dev/null; then
    echo "report-screenshot: $chromium not found; install it (Debian: apt-get install -y chromium) or set CHROMIUM" >&2
    exit 2
fi
mkdir -p "$(dirname "$png")"
if [ -n "${LOCKDEMO_JAR:-}" ]; then
    java -jar "$LOCKDEMO_JAR" report "$@" -o "$html"
else
    "$root/scripts/lockdemo" report "$@" -o "$html"
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# A fresh profile and no background traffic: the page needs no network, and neither should the browser.
"$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$profile" \
    --window-size="${WIDTH:-1400},${HEIGHT:-2600}" --screenshot="$png" "file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")" \
    >/dev/null 2>&1
test -s "$png"
echo "report-screenshot: wrote $png (from $html)"
