#!/usr/bin/env bash
# Captures what the real frameworks send, into the test data that lockdemo's framework-modelled
# strategies are held to: Django (django_capture.py, at Django's cursor) and ActiveRecord, Laravel,
# SQLAlchemy, Sequelize and Hibernate ORM (on the wire, through wire_capture.py).
#
#   scripts/transcripts.sh           regenerate src/test/resources/org/lockdemo/transcripts/ and
#                                    docs/transcripts.md from the real frameworks
#   scripts/transcripts.sh --check   regenerate into a temporary directory and fail (exit 1) if
#                                    anything differs from the committed files: drift
#
# Needs the machine's PostgreSQL (127.0.0.1:5432, user postgres, db test) and MariaDB / MySQL
# (127.0.0.1:3306, user root, db test), and every framework (.ci/run installs them): Debian's
# python3-django, python3-sqlalchemy, python3-psycopg2, python3-mysqldb, ruby-activerecord, ruby-pg,
# ruby-mysql2, php-laravel-framework, php-pgsql, php-mysql; node and npm with the Sequelize of
# scripts/transcripts/sequelize/package-lock.json installed by npm ci into target/transcripts/sequelize;
# java and mvn for Hibernate ORM (scripts/transcripts/hibernate/pom.xml, from Maven Central). When
# any is missing it says, in one line, what to install and exits 3; it never passes silently.
# Options: --pg-host H --pg-port P --mysql-host H --mysql-port P (defaults as above);
# --framework NAME (repeatable: django rails laravel sqlalchemy sequelize hibernate) captures and
# checks only those, the committed transcripts of the others kept as they are.
# LOCKDEMO_PYTHON names another python3 (default /usr/bin/python3).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # runs no lockdemo: LOCKDEMO_JAR and LOCKDEMO_JAVA_OPTS do not apply
root=$lockdemo_root
python=${LOCKDEMO_PYTHON:-/usr/bin/python3}  # Debian's, where python3-django installs
check=false pg_host=127.0.0.1 pg_port=5432 my_host=127.0.0.1 my_port=3306
all_frameworks="django rails laravel sqlalchemy sequelize hibernate"
frameworks=""

usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case $1 in
        --check) check=true ;;
        --pg-host) pg_host=$2; shift ;;
        --pg-port) pg_port=$2; shift ;;
        --mysql-host) my_host=$2; shift ;;
        --mysql-port) my_port=$2; shift ;;
        --framework)
            [[ " $all_frameworks " == *" $2 "* ]] \
                || { echo "transcripts.sh: unknown framework '$2' (valid: $all_frameworks)" >&2; exit 2; }
            frameworks="$frameworks $2"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "transcripts.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
frameworks=${frameworks:-$all_frameworks}
selected() { [[ " $frameworks " == *" $1 "* ]]; }

sequelize_dir=$root/target/transcripts/sequelize
hibernate_dir=$root/target/transcripts/hibernate
missing=()
python_ok() { [ -x "$python" ] && "$python" -c "$1" 2>/dev/null; }
if selected django && ! python_ok 'import django, psycopg2, MySQLdb'; then
    missing+=("Django with its drivers: apt-get install python3-django python3-psycopg2 python3-mysqldb")
fi
if selected sqlalchemy && ! python_ok 'import sqlalchemy, psycopg2, MySQLdb'; then
    missing+=("SQLAlchemy: apt-get install python3-sqlalchemy python3-psycopg2 python3-mysqldb")
fi
if selected rails && ! ruby -e 'require "active_record"; require "pg"; require "mysql2"' 2>/dev/null; then
    missing+=("ActiveRecord: apt-get install ruby-activerecord ruby-pg ruby-mysql2")
fi
if selected laravel && ! php -r 'exit(is_readable("/usr/share/php/Illuminate/Database/autoload.php")
        && extension_loaded("pdo_pgsql") && extension_loaded("pdo_mysql") ? 0 : 1);' 2>/dev/null; then
    missing+=("Laravel: apt-get install php-laravel-framework php-pgsql php-mysql")
fi
if selected sequelize && ! { cmp -s "$root/scripts/transcripts/sequelize/package-lock.json" "$sequelize_dir/package-lock.json" \
        && NODE_PATH=$sequelize_dir/node_modules node -e 'require("sequelize"); require("pg"); require("mariadb")' 2>/dev/null; }; then
    missing+=("Sequelize (the locked versions): mkdir -p target/transcripts/sequelize && cp scripts/transcripts/sequelize/package*.json target/transcripts/sequelize/ && npm ci --prefix target/transcripts/sequelize")
fi
if selected hibernate && ! { command -v java && command -v mvn; } > /dev/null; then
    missing+=("Hibernate ORM: a JDK 17+ and Maven on the PATH (apt-get install maven)")
fi
if [ ${#missing[@]} -gt 0 ]; then
    (IFS=';'; echo "transcripts.sh: frameworks missing: ${missing[*]}" | sed 's/;/; /g') >&2
    exit 3
fi

committed=$root/src/test/resources/org/lockdemo/transcripts
docs=$root/docs/transcripts.md
if $check; then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
    for f in $all_frameworks; do
        if ! selected "$f" && [ -d "$committed/$f" ]; then cp -r "$committed/$f" "$out/"; fi
    done
else
    out=$committed
    for f in $frameworks; do rm -rf "${out:?}/$f"; done
fi
mkdir -p "$out"

databases=("postgresql read-committed $pg_host $pg_port" "mysql read-committed $my_host $my_port"
    "mysql repeatable-read $my_host $my_port")

django() { # BACKEND ISOLATION HOST PORT
    mkdir -p "$out/django"
    "$python" "$root/scripts/transcripts/django_capture.py" --backend "$1" --isolation "$2" --host "$3" --port "$4" \
        --out "$out/django"
}

through_the_wire() { # BACKEND ISOLATION HOST PORT COMMAND...: runs COMMAND with wire_capture.py in front of the server
    local backend=$1 isolation=$2 host=$3 port=$4 port_file proxy status=0
    shift 4
    port_file=$(mktemp -u "${TMPDIR:-/tmp}/lockdemo-wire.XXXXXX")
    "$python" "$root/scripts/transcripts/wire_capture.py" --backend "$backend" --server-host "$host" \
        --server-port "$port" --port-file "$port_file" --out "$out" &
    proxy=$!
    while [ ! -f "$port_file" ]; do
        kill -0 "$proxy" 2>/dev/null || { wait "$proxy" || true; echo "transcripts.sh: wire_capture.py did not start" >&2; return 1; }
        sleep 0.05
    done
    "$@" --backend "$backend" --isolation "$isolation" --host 127.0.0.1 --port "$(cat "$port_file")" || status=$?
    rm -f "$port_file"
    if [ $status -ne 0 ]; then
        kill "$proxy" 2>/dev/null || true
        wait "$proxy" 2>/dev/null || true
        echo "transcripts.sh: $1 on $backend ($isolation) failed (exit $status)" >&2
        return 1
    fi
    wait "$proxy"  # the capture script's last marker ends it: 0, or 1 when a case went wrong
}

if selected hibernate; then
    # built here, never part of lockdemo's build; a resolution failure is a missing framework
    if ! (cd "$root" && mvn -B -q -f scripts/transcripts/hibernate/pom.xml compile dependency:build-classpath \
            -Dmdep.outputFile="$hibernate_dir/classpath.txt") > "$out/.mvn.log" 2>&1; then
        cat "$out/.mvn.log" >&2
        echo "transcripts.sh: frameworks missing: Hibernate ORM could not be built from Maven Central (above)" >&2
        exit 3
    fi
    rm -f "$out/.mvn.log"
fi

for d in "${databases[@]}"; do
    read -r backend isolation host port <<< "$d"
    if selected django; then django "$backend" "$isolation" "$host" "$port"; fi
    if selected rails; then
        through_the_wire "$backend" "$isolation" "$host" "$port" ruby "$root/scripts/transcripts/rails_capture.rb"
    fi
    if selected laravel; then
        through_the_wire "$backend" "$isolation" "$host" "$port" php "$root/scripts/transcripts/laravel_capture.php"
    fi
    if selected sqlalchemy; then
        through_the_wire "$backend" "$isolation" "$host" "$port" "$python" "$root/scripts/transcripts/sqlalchemy_capture.py"
    fi
    if selected sequelize; then
        NODE_PATH=$sequelize_dir/node_modules \
            through_the_wire "$backend" "$isolation" "$host" "$port" node "$root/scripts/transcripts/sequelize_capture.js"
    fi
    if selected hibernate; then
        through_the_wire "$backend" "$isolation" "$host" "$port" java -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
            -cp "$hibernate_dir/classes:$(cat "$hibernate_dir/classpath.txt")" org.lockdemo.transcripts.HibernateCapture
    fi
done
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
