# The launcher's default JVM options, sourced by scripts/lockdemo, load.sh, memory.sh and startup.sh
# (LOCKDEMO_JAVA_OPTS replaces them). Chosen and measured in the README, "Start-up and memory".
LOCKDEMO_DEFAULT_JAVA_OPTS="-Xmx1g -XX:+UseSerialGC"
