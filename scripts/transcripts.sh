#!/usr/bin/env bash
# Captures what the real frameworks send for lockdemo's framework-modelled strategies, into the
# test data that StrategyTranscriptTest holds the strategies to.
#
#   scripts/transcripts.sh           regenerate src/test/resources/org/lockdemo/transcripts/ and
#                                    docs/transcripts.md from the real frameworks
#   scripts/transcripts.sh --check   regenerate into a temporary directory and fail (exit 1) if
#                                    anything differs from the committed files: drift
#
# Needs the machine's PostgreSQL (127.0.0.1:5432, user postgres, db test) and MariaDB / MySQL
# (127.0.0.1:3306, user root, db test), and Debian's python3-django, python3-psycopg2 and
# python3-mysqldb. Without them it says what to install and exits 3; it never passes silently.
# Options: --pg-host H --pg-port P --mysql-host H --mysql-port P (defaults as above);
# LOCKDEMO_PYTHON names another python3 (default /usr/bin/python3).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # runs no Java: LOCKDEMO_JAR and LOCKDEMO_JAVA_OPTS do not apply
root=$lockdemo_root
python=${LOCKDEMO_PYTHON:-/usr/bin/python3}  # Debian's, where python3-django installs
check=false pg_host=127.0.0.1 pg_port=5432 my_host=127.0.0.1 my_port=3306

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case $1 in
        --check) check=true ;;
        --pg-host) pg_host=$2; shift ;;
        --pg-port) pg_port=$2; shift ;;
        --mysql-host) my_host=$2; shift ;;
        --mysql-port) my_port=$2; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "transcripts.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

if ! [ -x "$python" ] || ! "$python" -c 'import django, psycopg2, MySQLdb' 2>/dev/null; then
    echo "transcripts.sh: Django with its drivers is missing: apt-get install python3-django python3-psycopg2 python3-mysqldb" >&2
    exit 3
fi

committed=$root/src/test/resources/org/lockdemo/transcripts
docs=$root/docs/transcripts.md
if $check; then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
else
    out=$committed
    rm -rf "$out/django"
fi
mkdir -p "$out/django"

capture() { # capture BACKEND ISOLATION HOST PORT
    "$python" "$root/scripts/transcripts/django_capture.py" --backend "$1" --isolation "$2" --host "$3" --port "$4" \
        --out "$out/django"
}
capture postgresql read-committed "$pg_host" "$pg_port"
capture mysql read-committed "$my_host" "$my_port"
capture mysql repeatable-read "$my_host" "$my_port"
"$python" "$root/scripts/transcripts/render_docs.py" "$out" > "$out/transcripts.md"

if $check; then
    status=0
    diff -ru --exclude=transcripts.md "$committed" "$out" || status=1
    diff -u "$docs" "$out/transcripts.md" || status=1
    if [ $status -ne 0 ]; then
        echo "transcripts.sh: what the frameworks send differs from the committed transcripts (above);" \
            "if the change is real, run scripts/transcripts.sh, make the strategies send it, and commit" >&2
        exit 1
    fi
    echo "transcripts.sh: $(find "$out" -name '*.sql' | wc -l) transcripts, no drift"
else
    mkdir -p "$(dirname "$docs")"
    mv "$out/transcripts.md" "$docs"
    echo "transcripts.sh: wrote $(find "$out" -name '*.sql' | wc -l) transcripts under ${out#"$root"/} and ${docs#"$root"/}"
fi
