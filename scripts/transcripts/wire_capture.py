"""Records what a database server receives from a framework, and writes it as lockdemo transcripts.

A TCP proxy between the framework and the server that reads the wire protocol (PostgreSQL v3 or
MySQL / MariaDB classic) in both directions. Every statement the server executes is recorded as the
server got it, after the driver's own rewriting (placeholders such as $1 stay, literals a driver
interpolates stay), with the error code of a statement that failed. The frameworks' capture scripts
(rails_capture.rb, laravel_capture.php, sqlalchemy_capture.py, sequelize_capture.js,
hibernate/src/HibernateCapture.java) connect through it; scripts/transcripts.sh starts and stops it.

Control is in band: a capture script sends a statement SELECT 'lockdemo-capture <base64url JSON>'
through any connection of the proxy (executed like any other statement, never recorded):
  {"op": "start", "framework": "rails", "case": "create_or_find_by-tx", "path": "absent",
   "isolation": "read-committed", "table": "lockdemo_rails_123", "label": "ActiveRecord 6.1",
   "script": "rails_capture.rb", "call": "T.transaction { T.create_or_find_by(...) ... }",
   "conflict": [jahr, monat]}           conflict only on the conflict path
  {"op": "end", "sees": "no error"}    writes <out>/<framework>/<db>-<isolation>/<case>-<path>.sql
  {"op": "finish"}                     the proxy exits: 0, or 1 if any case went wrong

The conflict path is made real: when a case is armed with a key and the framework's first INSERT
into the table arrives, the proxy holds it, inserts the same key on a connection of its own
(autocommit, lock wait 3 s) and forwards the framework's INSERT only after that commit. If the other
session's INSERT has to wait for the framework's transaction (a gap lock under InnoDB REPEATABLE
READ, a row lock), the conflict path is not reachable that way: the case is written as no file and
reported on stderr as not reachable.

How a transcript is written, like django_capture.py's:
- BEGIN, COMMIT, ROLLBACK, SAVEPOINT ... as the client sent them; a statement the server ran
  outside a transaction block (autocommit) is shown as BEGIN, the statement, COMMIT (ROLLBACK when
  it failed); where the server began a transaction implicitly (autocommit off), BEGIN is written
  before the statement that began it. The server's transaction status decides (PostgreSQL's
  ReadyForQuery, MySQL's OK / EOF status flags).
- SET autocommit=... statements (MySQL drivers' way to open and close transactions) are not
  written; one that ended a transaction is written as the COMMIT it was. Connection set-up before
  a case starts is not recorded.
- a statement that failed is followed by '! CODE': the SQLSTATE on PostgreSQL, the error number on
  MySQL / MariaDB. PostgreSQL statements the server skipped after an error (until Sync) are left out.
- a statement sent over several lines is written on one, its whitespace collapsed;
- the table's name is written t; UUIDs (Sequelize's savepoint names) become u1, u2, ..., 32-digit
  hex tags (Sequelize's $func_...$ quotes) h1, h2, ..., and the
  names of PHP pdo_pgsql's prepared statements (in the DEALLOCATE it sends) pdo_stmt_1, ..., per case.
- when more than one connection sends statements in one case, each change of connection is
  written as a line '-- connection N' (N counted per case, in order of first use).
"""

import argparse
import base64
import json
import os
import re
import socket
import struct
import sys
import threading

MARKER = re.compile(r"'lockdemo-capture ([A-Za-z0-9_-]+=*)'")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
AUTOCOMMIT = re.compile(r"^\s*SET\s+(SESSION\s+|@@SESSION\.|@@)?autocommit\s*=", re.I)
TXN_CONTROL = re.compile(r"^\s*(BEGIN|START\s+TRANSACTION|COMMIT|ROLLBACK)(?!\s+TO\b)", re.I)
INSERT = re.compile(r"\bINSERT\s+INTO\b", re.I)  # anywhere: Sequelize wraps it in a PL/pgSQL function
HEX32 = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")  # Sequelize's $func_...$ quote tags
DEALLOCATE = re.compile(r"^\s*DEALLOCATE\s+(?:PREPARE\s+)?\"?(\w+)", re.I)
PDO_STATEMENT = re.compile(r"\bpdo_stmt_[0-9a-f]{8}\b")


class Recorder:
    """The one case being captured, shared by every proxied connection. Thread-safe: every method
    takes the lock; the connections' threads call it."""

    def __init__(self, args, server_label):
        self.args = args
        self.server_label = server_label
        self.lock = threading.Lock()
        self.case = None
        self.lines = []
        self.labels = {}
        self.last_conn = None
        self.failed = False
        self.finished = threading.Event()
        self.written = 0

    def control(self, sql):
        m = MARKER.search(sql)
        if not m:
            return False
        msg = json.loads(base64.urlsafe_b64decode(m.group(1) + "=" * (-len(m.group(1)) % 4)))
        with self.lock:
            getattr(self, "_" + msg["op"])(msg)
        return True

    def _start(self, msg):
        if self.case is not None:
            self._fail("case %s started before %s ended" % (msg["case"], self.case["case"]))
        self.case = dict(msg, conflict_done=False, unreachable=None)
        self.lines, self.labels, self.last_conn = [], {}, None

    def _end(self, msg):
        c, self.case = self.case, None
        if c is None:
            return self._fail("end without start")
        name = "%s/%s-%s" % (c["framework"], c["case"], c["path"])
        if c.get("conflict") and not c["conflict_done"]:
            return self._fail("%s: the framework sent no INSERT, the conflict was not made" % name)
        db = "%s-%s" % (self.args.backend, c["isolation"])
        if c["unreachable"]:
            print("wire_capture: %s on %s: not reachable: %s" % (name, db, c["unreachable"]), file=sys.stderr)
            return
        out_dir = os.path.join(self.args.out, c["framework"], db)
        os.makedirs(out_dir, exist_ok=True)
        header = [
            "# %s, path %s: what %s sends to %s, isolation %s" % (
                c["case"], c["path"], c["label"], self.server_label, c["isolation"]),
            "# the call: " + c["call"],
            "# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/%s;"
            " do not edit: scripts/transcripts.sh regenerates it" % c["script"],
            "# the application sees: " + msg["sees"],
        ]
        with open(os.path.join(out_dir, "%s-%s.sql" % (c["case"], c["path"])), "w") as f:
            f.write("\n".join(header + self.lines) + "\n")
        self.written += 1

    def _finish(self, msg):
        if self.case is not None:
            self._fail("finish inside case %s" % self.case["case"])
        self.finished.set()

    def _fail(self, text):
        print("wire_capture: " + text, file=sys.stderr)
        self.failed = True

    def before_execute(self, sql):
        """Called on the client's thread before the server gets a statement: makes the conflict."""
        with self.lock:
            c = self.case
            if c is None or not c.get("conflict") or c["conflict_done"] or not INSERT.search(sql) \
                    or c["table"] not in sql:
                return
            c["conflict_done"] = True
            try:
                insert_twin(self.args, c["table"], *c["conflict"])
            except Exception as e:
                if not lock_wait_timeout(self.args, e):
                    self._fail("%s/%s-%s: the other session's INSERT failed: %r" % (
                        c["framework"], c["case"], c["path"], e))
                    return
                # the other session waited for this one: the conflict is not reachable that way
                c["unreachable"] = "the other session's INSERT waited for this transaction (%s)" % str(e).splitlines()[0]

    def record(self, conn, sql, error, in_trans_before, in_trans_after):
        """One statement the server ran, in the order the server answered."""
        with self.lock:
            if self.case is None:
                return
            shown = self._show(sql)
            hidden = bool(AUTOCOMMIT.match(sql))
            if hidden:
                if in_trans_before and not in_trans_after:
                    self._emit(conn, ["COMMIT"])
                return
            lines = [shown] + (["! " + error] if error else [])
            if TXN_CONTROL.match(sql) or in_trans_before:
                pass
            elif in_trans_after:
                lines = ["BEGIN"] + lines
            else:
                lines = ["BEGIN"] + lines + ["ROLLBACK" if error else "COMMIT"]
            self._emit(conn, lines)

    def _emit(self, conn, lines):
        if conn not in self.labels:
            self.labels[conn] = len(self.labels) + 1
        if self.last_conn is not None and conn != self.last_conn:
            self.lines.append("-- connection %d" % self.labels[conn])
        self.last_conn = conn
        self.lines.extend(lines)

    def _show(self, sql):
        sql = " ".join(sql.strip().rstrip(";").split()) if "\n" in sql else sql.strip().rstrip(";")
        sql = sql.replace(self.case["table"], "t")
        uuids = self.case.setdefault("uuids", {})
        for u in UUID.findall(sql):
            uuids.setdefault(u, "u%d" % (len(uuids) + 1))
            sql = sql.replace(u, uuids[u])
        tags = self.case.setdefault("tags", {})
        for h in HEX32.findall(sql):
            tags.setdefault(h, "h%d" % (len(tags) + 1))
            sql = sql.replace(h, tags[h])
        names = self.case.setdefault("statement_names", {})
        for name in PDO_STATEMENT.findall(sql):
            names.setdefault(name, "pdo_stmt_%d" % (len(names) + 1))
            sql = sql.replace(name, names[name])
        return sql


def insert_twin(args, table, jahr, monat):
    """The other session: inserts the same key and commits, straight to the server."""
    if args.backend == "postgresql":
        import psycopg2
        other = psycopg2.connect(host=args.server_host, port=args.server_port, user=args.user,
                                 dbname=args.database, password=os.environ.get("PGPASSWORD", ""))
        other.autocommit = True
        wait = "SET lock_timeout = '3s'"
    else:
        import MySQLdb
        other = MySQLdb.connect(host=args.server_host, port=args.server_port, user=args.user,
                                database=args.database, password=os.environ.get("MYSQL_PWD", ""))
        other.autocommit(True)
        wait = "SET innodb_lock_wait_timeout = 3"
    try:
        with other.cursor() as c:
            c.execute(wait)
            c.execute("INSERT INTO " + table + " (jahr, monat, some_value) VALUES (%s, %s, 0)", (jahr, monat))
    finally:
        other.close()


def lock_wait_timeout(args, e):
    """Whether the other session's INSERT gave up waiting for a lock."""
    if args.backend == "postgresql":
        return getattr(e, "pgcode", None) == "55P03"  # lock_not_available (lock_timeout)
    return bool(getattr(e, "args", None)) and e.args[0] == 1205  # ER_LOCK_WAIT_TIMEOUT


def read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return buf


def sqlstate(body):
    """The SQLSTATE (field C) of a PostgreSQL ErrorResponse body, or ? if it has none."""
    pos = 0
    while body[pos:pos + 1] not in (b"\0", b""):
        value, nxt = cstr(body, pos + 1)
        if body[pos:pos + 1] == b"C":
            return value
        pos = nxt
    return "?"


def cstr(data, pos):
    end = data.index(b"\0", pos)
    return data[pos:end].decode("utf-8", "replace"), end + 1


class PgConnection:
    """One client connection, PostgreSQL v3 protocol. Two threads: client-to-server and back; the
    state they share (pending statements, the transaction status) is guarded by self.lock."""

    def __init__(self, recorder, client, server, ident):
        self.r, self.client, self.server, self.ident = recorder, client, server, ident
        self.lock = threading.Lock()
        self.statements, self.portals = {}, {}
        self.pending = []  # [kind 'Q'|'X'|'S', sql, error, done]
        self.in_trans = False
        # An ErrorResponse can come before the proxy has read the Execute it belongs to: the server
        # refuses a Parse in a failed transaction (25P02) while the Bind, Execute and Sync the client
        # sent with it are still on their way through client_loop. Such an error waits here for the
        # group's first Execute; the rest of the group, up to its Sync, the server skips.
        self.early_error = None
        self.skip_to_sync = False

    def client_loop(self):
        length, code = struct.unpack("!ii", read_exact(self.client, 8))
        while code in (80877103, 80877104):  # SSLRequest, GSSENCRequest: answer "no", as a plain server would
            self.client.sendall(b"N")
            length, code = struct.unpack("!ii", read_exact(self.client, 8))
        self.server.sendall(struct.pack("!ii", length, code) + read_exact(self.client, length - 8))
        while True:
            head = read_exact(self.client, 5)
            kind, length = head[:1], struct.unpack("!i", head[1:])[0]
            body = read_exact(self.client, length - 4)
            self.on_client(kind, body)
            self.server.sendall(head + body)

    def on_client(self, kind, body):
        if kind == b"Q":
            sql, _ = cstr(body, 0)
            self.statement("Q", sql)
        elif kind == b"P":
            name, pos = cstr(body, 0)
            sql, _ = cstr(body, pos)
            self.statements[name] = sql
        elif kind == b"B":
            portal, pos = cstr(body, 0)
            stmt, _ = cstr(body, pos)
            self.portals[portal] = self.statements.get(stmt, "")
        elif kind == b"E":
            portal, _ = cstr(body, 0)
            self.statement("X", self.portals.get(portal, ""))
        elif kind == b"S":  # Sync: the server answers what came before it with one ReadyForQuery
            with self.lock:
                self.pending.append(["S", None, None, True])
                self.early_error, self.skip_to_sync = None, False

    def statement(self, kind, sql):
        freed = DEALLOCATE.match(sql)
        if freed and MARKER.search(self.statements.get(freed.group(1), "")):
            sql = ""  # the driver freeing a marker's prepared statement (PHP's pdo_pgsql does)
        if sql.strip() and not self.r.control(sql):
            self.r.before_execute(sql)
            with self.lock:
                self.pending.append(self.entry(kind, sql))
        else:
            with self.lock:
                self.pending.append(self.entry(kind, None))

    def entry(self, kind, sql):
        """The pending entry of a statement the client sends now; the caller holds self.lock."""
        if kind == "X" and self.early_error is not None:  # the error the server already sent was this one's
            error, self.early_error = self.early_error, None
            return [kind, sql, error, True]
        if kind == "X" and self.skip_to_sync:  # the server skips it: an earlier message of its group failed
            return [kind, None, None, True]
        return [kind, sql, None, False]

    def server_loop(self):
        while True:
            head = read_exact(self.server, 5)
            kind, length = head[:1], struct.unpack("!i", head[1:])[0]
            body = read_exact(self.server, length - 4)
            self.on_server(kind, body)
            self.client.sendall(head + body)

    def on_server(self, kind, body):
        # the server answers in order: the first unfinished statement is the one it is running
        with self.lock:
            open_ = [p for p in self.pending if not p[3]]
            if kind in (b"C", b"I", b"s") and open_ and open_[0][0] == "X":
                open_[0][3] = True
            elif kind == b"E" and open_:
                failed = open_[0]
                failed[2], failed[3] = sqlstate(body), True
                if failed[0] == "X":  # the server skips what follows, up to the Sync
                    rest = self.pending[self.pending.index(failed) + 1:]
                    for p in rest:
                        if p[0] != "X":
                            break
                        p[1], p[3] = None, True
                    # the group's Sync not read yet: what the client sends before it is skipped too
                    self.skip_to_sync = not any(p[0] == "S" for p in rest)
            elif kind == b"E" and not any(p[0] == "S" for p in self.pending):
                # nothing of the group read yet: a Parse failed before its Execute reached the proxy
                # (with the group's Sync read, the group had no Execute: nothing to record)
                self.early_error, self.skip_to_sync = sqlstate(body), True
            elif kind == b"Z":
                # ReadyForQuery ends one simple Query, or what came before one Sync
                end = next((i for i, p in enumerate(self.pending) if p[0] in ("Q", "S")), len(self.pending) - 1)
                answered, self.pending = self.pending[:end + 1], self.pending[end + 1:]
                status_after = body[:1] in (b"T", b"E")  # in a transaction block, or in a failed one
                batch = [p for p in answered if p[1] is not None and p[0] != "S"]
                for i, (_, sql, error, _) in enumerate(batch):
                    before = self.in_trans
                    if i == len(batch) - 1:
                        after = status_after
                    elif TXN_CONTROL.match(sql) and not error:  # pipelined: BEGIN and the next before one Sync
                        after = not re.match(r"^\s*(COMMIT|ROLLBACK)", sql, re.I)
                    else:
                        after = before
                    self.r.record(self.ident, sql, error, before, after)
                    self.in_trans = after
                self.in_trans = status_after


MYSQL_CAPS_CLEARED = 0x20 | 0x800 | (1 << 24)  # CLIENT_COMPRESS, CLIENT_SSL, CLIENT_DEPRECATE_EOF


def lenenc(data, pos):
    b = data[pos]
    if b < 0xFB:
        return b, pos + 1
    size = {0xFC: 2, 0xFD: 3, 0xFE: 8}[b]
    return int.from_bytes(data[pos + 1:pos + 1 + size], "little"), pos + 1 + size


class MySqlConnection:
    """One client connection, MySQL / MariaDB classic protocol, without SSL, compression or
    DEPRECATE_EOF (cleared from the server's greeting, so the client does not ask for them). Two
    threads; self.lock guards the commands awaiting an answer and the transaction status."""

    def __init__(self, recorder, client, server, ident):
        self.r, self.client, self.server, self.ident = recorder, client, server, ident
        self.lock = threading.Lock()
        self.commands = []  # [cmd, sql] awaiting the server's answer, in order
        self.prepared, self.preparing = {}, []
        self.in_trans = False
        self.autocommit = True
        self.authenticated = False
        self.state = None

    @staticmethod
    def read_packet(sock):
        head = read_exact(sock, 4)
        return head, read_exact(sock, int.from_bytes(head[:3], "little"))

    def client_loop(self):
        while True:
            head, body = self.read_packet(self.client)
            if self.authenticated and head[3] == 0 and body:
                self.on_command(body)
            self.server.sendall(head + body)

    def on_command(self, body):
        cmd = body[0]
        if cmd == 0x03:  # COM_QUERY
            sql = body[1:].decode("utf-8", "replace")
            control = self.r.control(sql)
            if not control:
                self.r.before_execute(sql)
            with self.lock:
                self.commands.append([cmd, None if control else sql])
        elif cmd == 0x16:  # COM_STMT_PREPARE
            with self.lock:
                self.commands.append([cmd, body[1:].decode("utf-8", "replace")])
        elif cmd == 0x17:  # COM_STMT_EXECUTE
            sql = self.prepared.get(int.from_bytes(body[1:5], "little"), "")
            control = self.r.control(sql)
            if not control:
                self.r.before_execute(sql)
            with self.lock:
                self.commands.append([cmd, None if control else sql])
        elif cmd in (0x01, 0x18, 0x19):  # COM_QUIT, COM_STMT_SEND_LONG_DATA, COM_STMT_CLOSE: no answer
            pass
        else:
            with self.lock:
                self.commands.append([cmd, None])

    def server_loop(self):
        head, body = self.read_packet(self.server)
        if body[0] == 0x0A:  # the greeting: clear the capabilities this proxy cannot read through
            pos = body.index(b"\0", 1) + 1 + 4 + 8 + 1
            caps = int.from_bytes(body[pos:pos + 2], "little") | int.from_bytes(body[pos + 5:pos + 7], "little") << 16
            caps &= ~MYSQL_CAPS_CLEARED
            body = bytearray(body)
            body[pos:pos + 2] = (caps & 0xFFFF).to_bytes(2, "little")
            body[pos + 5:pos + 7] = (caps >> 16).to_bytes(2, "little")
            if not caps & 1:  # MariaDB's extended capabilities (progress, bulk, metadata cache): none
                body[pos + 14:pos + 18] = b"\0\0\0\0"
            body = bytes(body)
        self.client.sendall(head + body)
        while True:
            head, body = self.read_packet(self.server)
            if not self.authenticated:
                if body[:1] in (b"\x00", b"\xff"):
                    self.authenticated = True
            else:
                self.on_answer(body)
            self.client.sendall(head + body)

    def status(self, flags):
        self.autocommit = bool(flags & 2)
        return bool(flags & 1)  # SERVER_STATUS_IN_TRANS

    def complete(self, error=None, flags=None):
        cmd, sql = self.commands.pop(0)
        before = self.in_trans
        if flags is not None:
            # MariaDB flags a transaction only once it took a snapshot or a lock; with autocommit off
            # every statement is in one, until COMMIT or ROLLBACK
            # (SET autocommit=0 itself begins none)
            self.in_trans = self.status(flags) or not self.autocommit and not AUTOCOMMIT.match(sql or "") \
                and not re.match(r"^\s*(COMMIT|ROLLBACK)(?!\s+TO\b)", sql or "", re.I)
        elif not self.autocommit:
            self.in_trans = True if not TXN_CONTROL.match(sql or "") else before
        else:
            self.in_trans = before if before else False
        if sql is not None and cmd in (0x03, 0x17):
            self.r.record(self.ident, sql, error, before, self.in_trans)
        self.state = None

    def on_answer(self, body):
        with self.lock:
            if not self.commands:
                return
            cmd = self.commands[0][0]
            first, state = body[0], self.state
            if cmd == 0x16:
                self.on_prepare_answer(body)
                return
            if state is None:
                if first == 0xFF:
                    self.complete(error=str(int.from_bytes(body[1:3], "little")))
                elif first == 0x00:
                    _, pos = lenenc(body, 1)
                    _, pos = lenenc(body, pos)
                    flags = int.from_bytes(body[pos:pos + 2], "little")
                    if flags & 8:  # SERVER_MORE_RESULTS_EXISTS
                        self.status(flags)
                    else:
                        self.complete(flags=flags)
                elif first == 0xFE and len(body) < 9 and cmd not in (0x03, 0x17):
                    self.complete(flags=int.from_bytes(body[3:5], "little") if len(body) >= 5 else None)
                else:
                    columns, _ = lenenc(body, 0)
                    self.state = ["columns", columns]
            elif state[0] == "columns":
                state[1] -= 1
                if state[1] < 0:  # the EOF after the column definitions
                    self.state = ["rows"]
            elif state[0] == "rows":
                if first == 0xFE and len(body) < 9:
                    flags = int.from_bytes(body[3:5], "little")
                    if flags & 8:
                        self.state = None
                        self.status(flags)
                    else:
                        self.complete(flags=flags)
                elif first == 0xFF:
                    self.complete(error=str(int.from_bytes(body[1:3], "little")))

    def on_prepare_answer(self, body):
        state = self.state
        if state is None:
            if body[0] == 0xFF:
                self.commands.pop(0)
                return
            stmt_id = int.from_bytes(body[1:5], "little")
            columns, params = struct.unpack("<HH", body[5:9])
            self.prepared[stmt_id] = self.commands[0][1]
            remaining = (params + 1 if params else 0) + (columns + 1 if columns else 0)
            self.state = ["prepare", remaining]
        else:
            state[1] -= 1
        if self.state[1] == 0:
            self.commands.pop(0)
            self.state = None


def serve(args, recorder):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.listen_port))
    listener.listen(16)
    listener.settimeout(0.2)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(listener.getsockname()[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    kind = PgConnection if args.backend == "postgresql" else MySqlConnection
    ident = 0
    while not recorder.finished.is_set():
        try:
            client, _ = listener.accept()
        except socket.timeout:
            continue
        ident += 1
        server = socket.create_connection((args.server_host, args.server_port))
        for s in (client, server):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn = kind(recorder, client, server, ident)
        for loop in (conn.client_loop, conn.server_loop):
            threading.Thread(target=pump, args=(loop, client, server), daemon=True).start()


def pump(loop, client, server):
    try:
        loop()
    except (EOFError, OSError):
        pass
    finally:
        for s in (client, server):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def server_label(args):
    """major.minor only, as django_capture.py: a patch release is not a change of what is sent."""
    if args.backend == "postgresql":
        import psycopg2
        c = psycopg2.connect(host=args.server_host, port=args.server_port, user=args.user, dbname=args.database,
                             password=os.environ.get("PGPASSWORD", ""))
        try:
            return "PostgreSQL %d" % (c.server_version // 10000)
        finally:
            c.close()
    import MySQLdb
    c = MySQLdb.connect(host=args.server_host, port=args.server_port, user=args.user, database=args.database,
                        password=os.environ.get("MYSQL_PWD", ""))
    try:
        version = c.get_server_info()
        major, minor = version.split(".")[:2]
        return "%s %s.%s" % ("MariaDB" if "MariaDB" in version else "MySQL", major, minor)
    finally:
        c.close()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--backend", choices=["postgresql", "mysql"], required=True)
    p.add_argument("--server-host", default="127.0.0.1")
    p.add_argument("--server-port", type=int)
    p.add_argument("--user")
    p.add_argument("--database", default="test")
    p.add_argument("--listen-port", type=int, default=0)
    p.add_argument("--port-file", required=True, help="where to write the port the proxy listens on")
    p.add_argument("--out", required=True)
    args = p.parse_args()
    args.server_port = args.server_port or (5432 if args.backend == "postgresql" else 3306)
    args.user = args.user or ("postgres" if args.backend == "postgresql" else "root")
    recorder = Recorder(args, server_label(args))
    serve(args, recorder)
    return 1 if recorder.failed else 0


if __name__ == "__main__":
    sys.exit(main())
