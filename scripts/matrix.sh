#!/usr/bin/env bash
# The Hermitage-style matrix: every strategy x databases x isolation levels. Writes one result JSON
# per cell (database x isolation; each cell races all strategies) into OUT_DIR (default: results/)
# and a markdown summary, OUT_DIR/SUMMARY.md, of verdicts and key counts.
#
# Usage: scripts/matrix.sh [OUT_DIR]
# Settings (environment, defaults in brackets):
#   MATRIX_DATABASES   which of: embedded pg mariadb          [embedded pg mariadb]
#   MATRIX_ISOLATIONS  levels, as --isolation takes them        [read-committed repeatable-read serializable]
#   MATRIX_STRATEGIES  --strategy                              [all]
#   MATRIX_THREADS / MATRIX_ROUNDS / MATRIX_SEED               [32 / 10 / 1]
#   MATRIX_PG_URL      the PostgreSQL service  [$LOCKDEMO_TEST_PG_URL, else jdbc:postgresql://127.0.0.1:5432/test]
#   MATRIX_PG_USER                                             [postgres]
#   MATRIX_MYSQL_URL   the MariaDB/MySQL server [$LOCKDEMO_TEST_MYSQL_URL, else jdbc:mariadb://127.0.0.1:3306/test]
#   MATRIX_MYSQL_USER                                          [root]
#   LOCKDEMO_JAR       run this jar instead of scripts/lockdemo (which builds target/lockdemo.jar)
# Passwords come from the environment as for lockdemo race (LOCKDEMO_PASSWORD, PGPASSWORD, MYSQL_PWD).
#
# Exit status: 0 when every cell ran, whatever its verdicts (a FAIL is a finding, shown in the
# summary); 1 when a cell could not run (database unreachable, usage or internal error).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/results}"
databases="${MATRIX_DATABASES:-embedded pg mariadb}"
isolations="${MATRIX_ISOLATIONS:-read-committed repeatable-read serializable}"
strategies="${MATRIX_STRATEGIES:-all}"
threads="${MATRIX_THREADS:-32}"
rounds="${MATRIX_ROUNDS:-10}"
seed="${MATRIX_SEED:-1}"
pg_url="${MATRIX_PG_URL:-${LOCKDEMO_TEST_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}}"
mysql_url="${MATRIX_MYSQL_URL:-${LOCKDEMO_TEST_MYSQL_URL:-jdbc:mariadb://127.0.0.1:3306/test}}"

if [ -n "${LOCKDEMO_JAR:-}" ]; then
    lockdemo=(java -jar "$LOCKDEMO_JAR")
else
    lockdemo=("$root/scripts/lockdemo")
fi

mkdir -p "$out"
# the command as a reader would type it again, settings included
command="$(for v in MATRIX_DATABASES MATRIX_ISOLATIONS MATRIX_STRATEGIES MATRIX_THREADS MATRIX_ROUNDS MATRIX_SEED; do
    [ -n "${!v:-}" ] && printf "%s='%s' " "$v" "${!v}"; done)scripts/matrix.sh${1:+ $1}"

files=()
failed=0
for db in $databases; do
    case "$db" in
        embedded) target=() ;;
        pg) target=(--url "$pg_url" --user "${MATRIX_PG_USER:-postgres}") ;;
        mariadb) target=(--url "$mysql_url" --user "${MATRIX_MYSQL_USER:-root}") ;;
        *) echo "matrix: unknown database '$db' (choose from embedded pg mariadb)" >&2; exit 1 ;;
    esac
    for iso in $isolations; do
        cell="$db-$iso"
        json="$out/$cell.json"
        echo "matrix: $cell" >&2
        "${lockdemo[@]}" race "${target[@]}" --isolation "$iso" --strategy "$strategies" --threads "$threads" \
            --rounds "$rounds" --seed "$seed" --quiet --json "$json" > /dev/null
        rc=$?
        case $rc in
            0|4) files+=("$json") ;;   # 4: a strategy failed a check there, which is what the matrix shows
            *) echo "matrix: $cell did not run (lockdemo exit $rc)" >&2; failed=1; rm -f "$json" ;;
        esac
    done
done

if [ ${#files[@]} -eq 0 ]; then
    echo "matrix: no cell ran" >&2
    exit 1
fi
"${lockdemo[@]}" matrix-summary --command "$command" -o "$out/SUMMARY.md" "${files[@]}" || exit 1
echo "matrix: ${#files[@]} cells; summary in $out/SUMMARY.md" >&2
exit $failed
