# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables are for the scripts that source this file
# The shared preamble of lockdemo's scripts. Each script starts with
#
#   set -euo pipefail              # (matrix.sh: set -uo pipefail; it looks at every exit code itself)
#   # shellcheck source=scripts/lib.sh
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# and then has:
#   lockdemo_root        the checkout (the folder above scripts/)
#   lockdemo_jar         the jar the script runs: $LOCKDEMO_JAR if set, else target/lockdemo.jar,
#                        built by lockdemo_build when it is missing or older than the sources
#   lockdemo_java_opts   the JVM options, as one string: $LOCKDEMO_JAVA_OPTS if set, else the
#                        launcher's defaults (LOCKDEMO_DEFAULT_JAVA_OPTS, below)
#   lockdemo_cmd         an array: java ($LOCKDEMO_JAVA), those options, -jar and the jar; run "${lockdemo_cmd[@]}" race ...
#   lockdemo_build       builds target/lockdemo.jar if stale (nothing when LOCKDEMO_JAR names a jar)
#   lockdemo_need CODE TOOL...   exits CODE, naming the tool, unless every TOOL is on the PATH
#   lockdemo_tmpdir NAME sets lockdemo_tmp to a new temporary directory, removed when the script exits
#   lockdemo_int NAME VALUE      exits 2 (usage) unless VALUE is a positive whole number
#
# Environment every script honours:
#   LOCKDEMO_JAR        run this jar instead of building and running target/lockdemo.jar
#   LOCKDEMO_JAVA_OPTS  JVM options instead of the defaults below
#   LOCKDEMO_JAVA       the java to run (default: java on the PATH), e.g. a Java 21+ for
#                       --worker-threads virtual (docs/performance.md, "Counting the work")
#   TMPDIR              where temporary directories go (default /tmp)

# The launcher's default JVM options (LOCKDEMO_JAVA_OPTS replaces them), measured in
# docs/performance.md, "Start-up and memory":
# -Xms32m     the heap starts small and grows with what is live; the JVM's default initial heap is
#             1/64 of the machine's memory, and the serial collector's young generation, a third of
#             it, is all touched before the first collection: that, not the data, was most of the RSS
# -Xmx1g      a ceiling, not a reservation: 4096 threads' histograms alone take 600 MB
# -Xss512k    thread stacks (256 and more worker threads; nothing here recurses deeply)
# -XX:ReservedCodeCacheSize=64m   bounds the JIT's code cache (it used 7 MB in a 40 s run of 64 threads)
# -XX:+UseSerialGC   one GC thread: on a 2-core machine shared with the database, no parallel GC
LOCKDEMO_DEFAULT_JAVA_OPTS="-Xms32m -Xmx1g -Xss512k -XX:ReservedCodeCacheSize=64m -XX:+UseSerialGC"

lockdemo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lockdemo_jar="${LOCKDEMO_JAR:-$lockdemo_root/target/lockdemo.jar}"
lockdemo_java_opts="${LOCKDEMO_JAVA_OPTS:-$LOCKDEMO_DEFAULT_JAVA_OPTS}"
read -r -a _lockdemo_opts <<< "$lockdemo_java_opts"
lockdemo_cmd=("${LOCKDEMO_JAVA:-java}" "${_lockdemo_opts[@]}" -jar "$lockdemo_jar")
lockdemo_tmp=""

lockdemo_build() {
    if [ -n "${LOCKDEMO_JAR:-}" ]; then
        [ -f "$LOCKDEMO_JAR" ] || { echo "lockdemo: LOCKDEMO_JAR names no file: $LOCKDEMO_JAR" >&2; exit 2; }
        return 0
    fi
    if [ ! -f "$lockdemo_jar" ] \
        || [ -n "$(find "$lockdemo_root/src/main" "$lockdemo_root/pom.xml" -newer "$lockdemo_jar" -print -quit)" ]; then
        echo "lockdemo: building $lockdemo_jar (mvn -q -DskipTests -Dlockdemo.man.skip=true package) ..." >&2
        (cd "$lockdemo_root" && mvn -q -B -DskipTests -Dlockdemo.man.skip=true package) >&2
    fi
}

lockdemo_need() { # CODE TOOL...
    local code=$1 tool
    shift
    for tool in "$@"; do
        command -v "$tool" > /dev/null || { echo "$(basename "$0"): $tool not found on PATH" >&2; exit "$code"; }
    done
}

lockdemo_tmpdir() { # NAME
    lockdemo_tmp="$(mktemp -d "${TMPDIR:-/tmp}/lockdemo-$1.XXXXXX")"
    trap 'rm -rf "$lockdemo_tmp"' EXIT
}

lockdemo_int() { # NAME VALUE
    [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "$(basename "$0"): $1 must be a positive whole number, got '$2'" >&2; exit 2; }
}
