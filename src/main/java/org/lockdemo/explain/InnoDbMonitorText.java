package org.lockdemo.explain;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of InnoDB's monitor ({@code SHOW ENGINE INNODB STATUS}, MariaDB 10.11 and, by the
 * same format, MySQL 8): the record locks of the TRANSACTIONS section, listed for every
 * transaction when {@code innodb_status_output_locks=ON} (without it only the lock a transaction
 * waits for), and the LATEST DETECTED DEADLOCK section. Pure functions; stateless; thread-safe.
 *
 * <p>A record lock is written as its lock struct's header, then one dump per locked record:
 * <pre>
 * RECORD LOCKS space id 6 page no 4 n bits 320 index jahr_monat_key of table `test`.`t` trx id 35 lock mode S waiting
 * Record lock, heap no 2 PHYSICAL RECORD: n_fields 3; compact format; info bits 0
 *  0: len 4; hex 800007e0; asc     ;;
 *  1: len 2; hex 8005; asc   ;;
 *  2: len 8; hex 8000000000000001; asc         ;;
 * </pre>
 * (storage/innobase/lock/lock0lock.cc, {@code lock_rec_print}). The fields are the index's
 * columns in InnoDB's storage format: a signed integer big-endian with its sign bit flipped.
 */
final class InnoDbMonitorText {
    private static final Pattern THREAD = Pattern.compile("^(?:MariaDB|MySQL) thread id (\\d+),");
    private static final Pattern LOCK_HEADER = Pattern.compile("^RECORD LOCKS space id \\d+ page no \\d+ n bits \\d+ index "
            + "(\\S+) of table `([^`]+)`\\.`([^`]+)`(?: /\\* Partition `[^`]+` \\*/)? trx id \\d+ (lock.*?)( waiting)?$");
    private static final Pattern RECORD = Pattern.compile("^Record lock, heap no \\d+ PHYSICAL RECORD: n_fields (\\d+);"
            + " \\S+ format; info bits (\\d+)");
    private static final Pattern FIELD = Pattern.compile("^ ?(\\d+): (?:len \\d+; hex ([0-9a-f]*)(?:\\.\\.\\.)?;|SQL NULL)");
    private static final Pattern TRX_ID = Pattern.compile("^TRANSACTION (\\d+), ");
    private static final Pattern LOCK_TRX = Pattern.compile(" trx id (\\d+) lock");
    private static final Pattern SUPREMUM = Pattern.compile("^ ?0: len 8; hex 73757072656d756d; asc supremum;;");

    private InnoDbMonitorText() {
    }

    /**
     * One locked record of one transaction.
     *
     * @param threadId the connection's id ({@code MariaDB thread id}), as {@code CONNECTION_ID()}
     * @param index    the index the record is in, e.g. {@code PRIMARY}, {@code jahr_monat_key}
     * @param phrase   the lock as the monitor words it, e.g. {@code lock_mode X locks rec but not gap}
     * @param waiting  whether the transaction waits for it
     * @param record   the record, or null for the supremum pseudo-record (the end of the index)
     */
    record RecordLock(long threadId, String index, String phrase, boolean waiting, IndexRecord record) {
    }

    /**
     * A record's fields as stored, each as the bytes the monitor dumped (null for SQL NULL).
     *
     * @param deleteMarked whether the record is delete-marked (info bits 32): deleted or rolled back, not yet purged
     */
    record IndexRecord(List<byte[]> fields, boolean deleteMarked) {
        /** Field {@code i} as a signed integer in InnoDB's format (big-endian, sign bit flipped). */
        long integer(int i) {
            byte[] b = fields.get(i);
            long v = 0;
            for (byte x : b) {
                v = (v << 8) | (x & 0xff);
            }
            int bits = 8 * b.length;
            long flipped = v ^ (1L << (bits - 1));
            // sign-extend a value narrower than a long
            return bits == 64 ? flipped : (flipped << (64 - bits)) >> (64 - bits);
        }
    }

    /**
     * Every record lock in {@code table} (its name, any schema) in the TRANSACTIONS section, in the
     * order listed; the copy of a waited-for lock under {@code TRX HAS BEEN WAITING} is not repeated.
     */
    static List<RecordLock> recordLocks(String status, String table) {
        List<RecordLock> locks = new ArrayList<>();
        long thread = -1;
        boolean inTransactions = false;
        boolean inWaitCopy = false;
        String[] lines = status.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("TRANSACTIONS")) {
                inTransactions = true;
                continue;
            }
            if (!inTransactions) {
                continue;
            }
            if (line.equals("FILE I/O") || line.equals("END OF INNODB MONITOR OUTPUT")) {
                break;
            }
            if (line.startsWith("---TRANSACTION ")) {
                thread = -1;
                inWaitCopy = false;
                continue;
            }
            if (line.startsWith("------- TRX HAS BEEN WAITING")) {
                inWaitCopy = true;
                continue;
            }
            if (inWaitCopy) {
                inWaitCopy = !line.equals("------------------");
                continue;
            }
            Matcher t = THREAD.matcher(line);
            if (t.find()) {
                thread = Long.parseLong(t.group(1));
                continue;
            }
            Matcher h = LOCK_HEADER.matcher(line);
            if (h.matches() && h.group(3).equals(table)) {
                i = records(lines, i + 1, thread, h.group(1), h.group(4), h.group(5) != null, locks) - 1;
            }
        }
        return locks;
    }

    /** Adds one lock per record dump from line {@code from}; returns the first line after them. */
    private static int records(String[] lines, int from, long thread, String index, String phrase, boolean waiting,
            List<RecordLock> out) {
        int i = from;
        while (i < lines.length) {
            Matcher r = RECORD.matcher(lines[i]);
            if (!r.find()) {
                return i;
            }
            int n = Integer.parseInt(r.group(1));
            boolean deleted = (Integer.parseInt(r.group(2)) & 32) != 0;
            i++;
            if (i < lines.length && SUPREMUM.matcher(lines[i]).find()) {
                out.add(new RecordLock(thread, index, phrase, waiting, null));
                i++;
                continue;
            }
            List<byte[]> fields = new ArrayList<>();
            while (i < lines.length && fields.size() < n) {
                Matcher f = FIELD.matcher(lines[i]);
                if (!f.find()) {
                    break;
                }
                fields.add(f.group(2) == null ? null : HexFormat.of().parseHex(f.group(2)));
                i++;
            }
            out.add(new RecordLock(thread, index, phrase, waiting, new IndexRecord(fields, deleted)));
            while (i < lines.length && lines[i].isBlank()) {
                i++;
            }
        }
        return i;
    }

    /** The LATEST DETECTED DEADLOCK section's lines, between its heading and the next section; empty if none. */
    static Optional<List<String>> latestDeadlock(String status) {
        String[] lines = status.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals("LATEST DETECTED DEADLOCK")) {
                List<String> section = new ArrayList<>();
                for (int j = i + 2; j < lines.length; j++) {
                    if (j + 1 < lines.length && lines[j].matches("-{6,}") && lines[j + 1].matches("[A-Z][A-Z /]+")) {
                        break;
                    }
                    section.add(lines[j]);
                }
                return Optional.of(section);
            }
        }
        return Optional.empty();
    }

    /**
     * A deadlock section made stable and short: each transaction named by its session
     * ({@code names}: thread id to name), lockdemo's table by {@code displayTable}, each record by
     * {@code words}, and without the timestamp, transaction ids, times, thread handles, space,
     * page and heap numbers. Empty when a transaction in it is not one of {@code names}: the
     * latest deadlock is some other client's.
     */
    static Optional<String> trimDeadlock(List<String> section, Map<Long, String> names, String table,
            String displayTable, RecordWords words) {
        List<String> out = new ArrayList<>();
        String phrase = null;
        String index = null;
        // each "*** (n) TRANSACTION:" names its trx id, then its thread: so the locks' "trx id" can be named too
        Map<String, String> trxNames = new java.util.HashMap<>();
        String trx = null;
        for (String line : section) {
            Matcher id = TRX_ID.matcher(line);
            Matcher t = THREAD.matcher(line);
            if (id.find()) {
                trx = id.group(1);
            } else if (t.find() && trx != null && names.containsKey(Long.parseLong(t.group(1)))) {
                trxNames.put(trx, names.get(Long.parseLong(t.group(1))));
                trx = null;
            }
        }
        for (int i = 0; i < section.size(); i++) {
            String line = section.get(i);
            if (line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d .*") || line.isBlank()) {
                continue;
            }
            Matcher t = THREAD.matcher(line);
            if (t.find()) {
                String name = names.get(Long.parseLong(t.group(1)));
                if (name == null) {
                    return Optional.empty();
                }
                out.add("session " + name);
                continue;
            }
            if (line.startsWith("TRANSACTION ")) {
                out.add(line.replaceFirst("^TRANSACTION \\d+, ACTIVE \\d+ sec", "TRANSACTION").trim());
                continue;
            }
            if (line.startsWith("LOCK WAIT ") || line.contains(" lock struct(s)")) {
                out.add(line.replaceAll(", heap size \\d+", "").replaceAll(", undo log entries \\d+", ""));
                continue;
            }
            Matcher h = LOCK_HEADER.matcher(line);
            if (h.matches()) {
                index = h.group(1);
                phrase = h.group(4) + (h.group(5) == null ? "" : h.group(5));
                String shown = h.group(3).equals(table) ? displayTable : h.group(3);
                Matcher owner = LOCK_TRX.matcher(line);
                String whose = owner.find() && trxNames.containsKey(owner.group(1)) ? trxNames.get(owner.group(1)) + "'s "
                        : "";
                out.add("RECORD LOCKS index " + index + " of table " + shown + ": " + whose + phrase);
                continue;
            }
            if (RECORD.matcher(line).find()) {
                List<RecordLock> one = new ArrayList<>();
                int next = records(section.toArray(String[]::new), i, 0, index, phrase, false, one);
                one.forEach(r -> out.add("  record " + words.record(r.index(), r.record())));
                i = next - 1;
                continue;
            }
            if (FIELD.matcher(line).find()) {
                continue;
            }
            out.add(line.replace(table, displayTable).replaceAll("(MariaDB|MySQL) thread id \\d+", "").trim());
        }
        return Optional.of(String.join("\n", out));
    }

    /** How a locked record is written in lockdemo's words. */
    interface RecordWords {
        String record(String index, IndexRecord record);
    }
}
