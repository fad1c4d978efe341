#!/usr/bin/env bash
# The Hermitage-style matrix: every strategy x databases x isolation levels. Writes one result JSON
# per cell (database x isolation; each cell races all strategies) into OUT_DIR (default: results/)
# and a markdown summary, OUT_DIR/SUMMARY.md, of verdicts and key counts.
#
# Usage: scripts/matrix.sh [OPTIONS] [OUT_DIR]
# Options (each also read from the environment variable beside it, as before; defaults in brackets):
#   --out DIR            the folder for the cells and SUMMARY.md; or OUT_DIR   [results/]
#   --databases LIST     which of: embedded pg mariadb, embedded-13 ... embedded-18 (the embedded server
#                        of that PostgreSQL major, lockdemo race --pg-version), pg-majors (all of
#                        those)                                 MATRIX_DATABASES   [embedded pg mariadb]
#   --isolations LIST    levels, as --isolation takes them     MATRIX_ISOLATIONS  [read-committed repeatable-read serializable]
#   --strategies LIST    --strategy                             MATRIX_STRATEGIES  [all]
#   --threads N / --rounds N / --seed N                         MATRIX_THREADS / MATRIX_ROUNDS / MATRIX_SEED  [32 / 10 / 1]
#   --pg-url URL         the PostgreSQL service                 MATRIX_PG_URL  [$LOCKDEMO_TEST_PG_URL, else jdbc:postgresql://127.0.0.1:5432/test]
#   --pg-user NAME                                              MATRIX_PG_USER     [postgres]
#   --mysql-url URL      the MariaDB/MySQL server               MATRIX_MYSQL_URL  [$LOCKDEMO_TEST_MYSQL_URL, else jdbc:mariadb://127.0.0.1:3306/test]
#   --mysql-user NAME                                           MATRIX_MYSQL_USER  [root]
# Lists take commas or spaces. LOCKDEMO_JAR and LOCKDEMO_JAVA_OPTS: see scripts/lib.sh.
# Passwords come from the environment as for lockdemo race (LOCKDEMO_PASSWORD, PGPASSWORD, MYSQL_PWD).
#
# Exit status: 0 when every cell ran, whatever its verdicts (a FAIL is a finding, shown in the
# summary); 1 when a cell could not run (database unreachable, usage or internal error); 2 usage.
set -uo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# the command as a reader would type it again, settings included
command="$(for v in MATRIX_DATABASES MATRIX_ISOLATIONS MATRIX_STRATEGIES MATRIX_THREADS MATRIX_ROUNDS MATRIX_SEED; do
    [ -n "${!v:-}" ] && printf "%s='%s' " "$v" "${!v}"; done)scripts/matrix.sh"
[ $# -eq 0 ] || command="$command$(printf ' %q' "$@")"
out=""
databases="${MATRIX_DATABASES:-embedded pg mariadb}"
isolations="${MATRIX_ISOLATIONS:-read-committed repeatable-read serializable}"
strategies="${MATRIX_STRATEGIES:-all}"
threads="${MATRIX_THREADS:-32}"
rounds="${MATRIX_ROUNDS:-10}"
seed="${MATRIX_SEED:-1}"
pg_url="${MATRIX_PG_URL:-${LOCKDEMO_TEST_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}}"
pg_user="${MATRIX_PG_USER:-postgres}"
mysql_url="${MATRIX_MYSQL_URL:-${LOCKDEMO_TEST_MYSQL_URL:-jdbc:mariadb://127.0.0.1:3306/test}}"
mysql_user="${MATRIX_MYSQL_USER:-root}"
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="${2:?--out needs a value}"; shift 2 ;;
        --databases) databases="${2:?--databases needs a value}"; databases="${databases//,/ }"; shift 2 ;;
        --isolations) isolations="${2:?--isolations needs a value}"; isolations="${isolations//,/ }"; shift 2 ;;
        --strategies) strategies="${2:?--strategies needs a value}"; strategies="${strategies// /,}"; shift 2 ;;
        --threads) threads="${2:?--threads needs a value}"; shift 2 ;;
        --rounds) rounds="${2:?--rounds needs a value}"; shift 2 ;;
        --seed) seed="${2:?--seed needs a value}"; shift 2 ;;
        --pg-url) pg_url="${2:?--pg-url needs a value}"; shift 2 ;;
        --pg-user) pg_user="${2:?--pg-user needs a value}"; shift 2 ;;
        --mysql-url) mysql_url="${2:?--mysql-url needs a value}"; shift 2 ;;
        --mysql-user) mysql_user="${2:?--mysql-user needs a value}"; shift 2 ;;
        -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "matrix: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) [ -z "$out" ] || { echo "matrix: one OUT_DIR only, got $out and $1" >&2; exit 2; }; out="$1"; shift ;;
    esac
done
out="${out:-$lockdemo_root/results}"
lockdemo_build
lockdemo=("${lockdemo_cmd[@]}")

mkdir -p "$out"

# pg-majors: every major the embedded server runs (db/PostgresMajor; MatrixScriptTest holds the two alike)
pg_majors="13 14 15 16 17 18"
databases="${databases//pg-majors/$(for m in $pg_majors; do printf 'embedded-%s ' "$m"; done)}"

files=()
failed=0
for db in $databases; do
    case "$db" in
        embedded) target=() ;;
        embedded-[0-9]*) target=(--pg-version "${db#embedded-}") ;;
        pg) target=(--url "$pg_url" --user "$pg_user") ;;
        mariadb) target=(--url "$mysql_url" --user "$mysql_user") ;;
        *) echo "matrix: unknown database '$db' (choose from embedded pg mariadb embedded-MAJOR pg-majors)" >&2; exit 1 ;;
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
