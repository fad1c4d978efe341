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
#   lockdemo_build       builds target/lockdemo.jar if stale (nothing when LOCKDEMO_JAR names a jar),
#                        then adds the jar's class-data archive to lockdemo_cmd (lockdemo_cds)
#   lockdemo_need CODE TOOL...   exits CODE, naming the tool, unless every TOOL is on the PATH
#   lockdemo_tmpdir NAME sets lockdemo_tmp to a new temporary directory, removed when the script exits
#   lockdemo_int NAME VALUE      exits 2 (usage) unless VALUE is a positive whole number
#
# Environment every script honours:
#   LOCKDEMO_JAR        run this jar instead of building and running target/lockdemo.jar
#   LOCKDEMO_JAVA_OPTS  JVM options instead of the defaults below
#   LOCKDEMO_JAVA       the java to run (default: java on the PATH), e.g. a Java 21+ for
#                       --worker-threads virtual (docs/performance.md, "Counting the work")
#   LOCKDEMO_CDS        0: no class-data archive (below); default 1
#   LOCKDEMO_CDS_DIR    where the archives go (default target/cds of the checkout)
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
    elif [ ! -f "$lockdemo_jar" ] \
        || [ -n "$(find "$lockdemo_root/src/main" "$lockdemo_root/pom.xml" -newer "$lockdemo_jar" -print -quit)" ]; then
        echo "lockdemo: building $lockdemo_jar (mvn -q -DskipTests -Dlockdemo.man.skip=true package) ..." >&2
        (cd "$lockdemo_root" && mvn -q -B -DskipTests -Dlockdemo.man.skip=true package) >&2
    fi
    lockdemo_cds
}

# The JVM loads lockdemo's classes from a class-data-sharing archive instead of the jar: a start at
# 64 threads is about 0.35 s shorter (docs/performance.md, "Start-up and memory"). One archive per
# jar and java, in $LOCKDEMO_CDS_DIR, written by a short training run (a race of 8 threads on the
# embedded PostgreSQL, about 4 s) the first time the jar or the java is newer than its archive. The
# training writes to a file of its own and renames it into place, so launchers started at once each
# get a whole archive; a failed training is remembered (.failed) until the jar changes, and the jar
# then runs without one. The JVM checks the archive against the jar itself, and its CDS logging is
# off, so an archive that does not fit is not used and prints nothing. No archive with options of
# one's own for it (-Xshare, -XX:SharedArchiveFile), nor with Flight Recorder or an agent started
# with the JVM: Debian's OpenJDK 17.0.15 crashes loading an archived class while JFR's class-file
# hook is on (SIGSEGV in KlassFactory::check_shared_class_file_load_hook; scripts/profile.sh
# found it, 2026-12-07; Temurin 25 does not).
lockdemo_cds_quiet=(-Xlog:cds=off -Xlog:cds+dynamic=off)
lockdemo_cds() {
    local all_opts="$lockdemo_java_opts ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-}"
    if [ "${LOCKDEMO_CDS:-1}" = 0 ] || [[ "$all_opts" =~ SharedArchiveFile|-Xshare|FlightRecord|-javaagent|-agentlib|-agentpath ]]; then
        return 0
    fi
    local java jar dir archive tmp
    java="$(command -v "${LOCKDEMO_JAVA:-java}")" || return 0
    java="$(readlink -f "$java")"
    jar="$(readlink -f "$lockdemo_jar")"
    dir="${LOCKDEMO_CDS_DIR:-$lockdemo_root/target/cds}"
    archive="$dir/$(basename "$jar" .jar)-$(printf '%s|%s' "$jar" "$java" | md5sum | cut -c1-16).jsa"
    if [ ! -f "$archive" ] || [ "$jar" -nt "$archive" ] || [ "$java" -nt "$archive" ]; then
        if [ -f "$archive.failed" ] && [ "$archive.failed" -nt "$jar" ]; then
            return 0
        fi
        mkdir -p "$dir" 2>/dev/null || return 0
        if [ -t 2 ]; then
            echo "lockdemo: writing a class-data archive for faster start-ups (once per build and java, a few seconds)" >&2
        fi
        tmp="$archive.$$.tmp"
        rm -f "$archive.failed"
        if "$java" "${_lockdemo_opts[@]}" "${lockdemo_cds_quiet[@]}" -XX:ArchiveClassesAtExit="$tmp" -jar "$jar" \
                race --threads 8 --rounds 5 --strategy savepoint --quiet --json /dev/null > /dev/null 2>&1 \
                && [ -s "$tmp" ]; then
            mv -f "$tmp" "$archive"
        else
            rm -f "$tmp"
            : > "$archive.failed"
            return 0
        fi
    fi
    lockdemo_cmd=("${LOCKDEMO_JAVA:-java}" "${_lockdemo_opts[@]}" "${lockdemo_cds_quiet[@]}"
        -XX:SharedArchiveFile="$archive" -jar "$lockdemo_jar")
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
