# The launcher's default JVM options, sourced by scripts/lockdemo, load.sh, memory.sh and startup.sh
# (LOCKDEMO_JAVA_OPTS replaces them). Measured in the README, "Start-up and memory":
# -Xms32m     the heap starts small and grows with what is live; the JVM's default initial heap is
#             1/64 of the machine's memory, and the serial collector's young generation, a third of
#             it, is all touched before the first collection: that, not the data, was most of the RSS
# -Xmx1g      a ceiling, not a reservation: 4096 threads' histograms alone take 600 MB
# -Xss512k    thread stacks (256 and more worker threads; nothing here recurses deeply)
# -XX:ReservedCodeCacheSize=64m   bounds the JIT's code cache (it used 7 MB in a 40 s run of 64 threads)
# -XX:+UseSerialGC   one GC thread: on a 2-core machine shared with the database, no parallel GC
LOCKDEMO_DEFAULT_JAVA_OPTS="-Xms32m -Xmx1g -Xss512k -XX:ReservedCodeCacheSize=64m -XX:+UseSerialGC"
