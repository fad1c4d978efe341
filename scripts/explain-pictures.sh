#!/usr/bin/env bash
# Renders built-in explain scenarios as pictures for the docs: for each, the page
# (explain --format html), the picture alone (--format svg) and a PNG of that picture taken with
# headless Chromium, all into one folder. The run is real: each scenario runs on the database.
#
# Usage: scripts/explain-pictures.sh [--out DIR] [--url URL ...] [--user USER] [--password PW]
#                                    [--suffix TEXT] [--scale F] [--chromium CMD] [SCENARIO ...]
#   SCENARIO    built-in names (lockdemo explain --list); default: every built-in scenario for the
#               database: the postgresql ones without --url or with a PostgreSQL --url, the mysql
#               ones with a MariaDB/MySQL --url, the galera ones with two --url
#   --out       the folder (default target/explain-pictures); files NAME[SUFFIX].html, .svg, .png
#   --url       a JDBC URL, as for explain (default: an embedded PostgreSQL); twice for a Galera
#               cluster's two nodes
#   --user, --password   passed to explain
#   --suffix    appended to each file's name, e.g. -pg15 (default none)
#   --scale     the PNG's device scale factor (default 1; 0.8 makes a smaller file)
#   --chromium  the browser (default chromium, or $CHROMIUM; Debian: apt-get install chromium)
# Examples:
#   scripts/explain-pictures.sh savepoint-postgresql naive-postgresql --out docs/pictures
#   scripts/explain-pictures.sh --url jdbc:mariadb://127.0.0.1:3306/test --user root savepoint-mysql
# LOCKDEMO_JAR and LOCKDEMO_JAVA_OPTS: see scripts/lib.sh.
# Exit: 0 every picture was written; 1 a scenario or a screenshot failed; 2 usage or no browser.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$lockdemo_root/target/explain-pictures"
suffix=""
scale="1"
chromium="${CHROMIUM:-chromium}"
db=()
urls=0
kind="postgresql"
names=()
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="${2:?--out needs a value}"; shift 2 ;;
        --url)
            db+=(--url "${2:?--url needs a value}")
            urls=$((urls + 1))
            case "$2" in jdbc:mariadb:*|jdbc:mysql:*) kind="mysql" ;; esac
            shift 2 ;;
        --user|--password) db+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
        --suffix) suffix="${2?--suffix needs a value}"; shift 2 ;;
        --scale) scale="${2:?--scale needs a value}"; shift 2 ;;
        --chromium) chromium="${2:?--chromium needs a value}"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "explain-pictures: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) names+=("$1"); shift ;;
    esac
done
[[ "$scale" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "explain-pictures: --scale must be a number, got '$scale'" >&2; exit 2; }
if [ "$urls" -gt 1 ]; then
    kind="galera"
fi
if ! command -v "$chromium" >/dev/null; then
    echo "explain-pictures: $chromium not found; install it (Debian: apt-get install -y chromium) or set CHROMIUM" >&2
    exit 2
fi
lockdemo_build
if [ ${#names[@]} -eq 0 ]; then
    # explain --list: NAME RUNS-ON ISOLATION LESSON; RUNS-ON is postgresql, mysql, both, or galera
    while read -r name runs_on _; do
        case ",$runs_on," in *",$kind,"*) names+=("$name") ;; esac
    done < <("${lockdemo_cmd[@]}" explain --list)
fi
mkdir -p "$out"
lockdemo_tmpdir explain-pictures
failed=0
for name in "${names[@]}"; do
    base="$out/$name$suffix"
    if ! "${lockdemo_cmd[@]}" explain "$name" "${db[@]}" --format html -o "$base.html" \
        || ! "${lockdemo_cmd[@]}" explain "$name" "${db[@]}" --format svg -o "$base.svg"; then
        echo "explain-pictures: $name did not run to its end (see above); its pictures show the steps so far" >&2
        failed=1
    fi
    [ -s "$base.svg" ] || continue
    # the window is the picture's own size, from the <svg> element's width and height
    size="$(sed -n 's/^<svg [^>]* width="\([0-9]*\)" height="\([0-9]*\)".*/\1,\2/p' "$base.svg" | head -n 1)"
    [ -n "$size" ] || { echo "explain-pictures: no width and height in $base.svg" >&2; failed=1; continue; }
    # a fresh profile and no background traffic: the picture needs no network, and neither should the browser
    "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
        --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$lockdemo_tmp/profile-$name" \
        --force-device-scale-factor="$scale" --window-size="$size" --screenshot="$base.png" \
        "file://$(cd "$(dirname "$base.svg")" && pwd)/$(basename "$base.svg")" >/dev/null 2>&1 || true
    if [ -s "$base.png" ]; then
        echo "explain-pictures: wrote $base.png ($(wc -c < "$base.png") bytes), $base.html, $base.svg"
    else
        echo "explain-pictures: chromium wrote no $base.png" >&2
        failed=1
    fi
done
exit "$failed"
