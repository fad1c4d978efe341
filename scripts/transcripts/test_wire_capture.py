"""Unit tests of wire_capture.py's PostgreSQL statement attribution, without a server.

They feed one PgConnection the client's and the server's messages in the orders the two proxy
threads can see them, and check the transcript lines the recorder writes. Run by .ci/run:
    python3 -m unittest discover -s scripts/transcripts -p 'test_*.py'
"""

import os
import struct
import sys
import types
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wire_capture  # noqa: E402  (the module under test sits beside this file)

TABLE = "lockdemo_test_1"
INSERT = "insert into %s (jahr,monat) values ($1,$2)" % TABLE


def cz(text):
    return text.encode() + b"\0"


def parse(sql, name=""):
    return b"P", cz(name) + cz(sql) + struct.pack("!h", 0)


def bind(name=""):
    return b"B", cz("") + cz(name) + struct.pack("!hhh", 0, 0, 0)


def execute():
    return b"E", cz("") + struct.pack("!i", 0)


def sync():
    return b"S", b""


def query(sql):
    return b"Q", cz(sql)


def error(code):
    return b"E", b"SERROR\0C" + code.encode() + b"\0Mmessage\0\0"


def ready(status):
    return b"Z", status.encode()


def complete(tag):
    return b"C", cz(tag)


class PgAttributionTest(unittest.TestCase):
    def setUp(self):
        args = types.SimpleNamespace(backend="postgresql", out="/nonexistent")
        self.recorder = wire_capture.Recorder(args, "PostgreSQL")
        self.recorder.case = {"table": TABLE, "conflict": None, "conflict_done": False, "unreachable": None}
        self.conn = wire_capture.PgConnection(self.recorder, None, None, 1)

    def client(self, *messages):
        for kind, body in messages:
            self.conn.on_client(kind, body)

    def server(self, *messages):
        for kind, body in messages:
            self.conn.on_server(kind, body)

    def begin_and_fail_once(self):
        self.client(query("BEGIN"))
        self.server(complete("BEGIN"), ready("T"))
        self.client(parse(INSERT), bind(), execute(), sync())
        self.server(error("23505"), ready("E"))

    def lines(self):
        return self.recorder.lines

    def test_an_error_after_the_execute_is_the_execute_s(self):
        self.begin_and_fail_once()
        self.client(parse(INSERT), bind(), execute(), sync())
        self.server(error("25P02"), ready("E"))
        self.client(query("ROLLBACK"))
        self.server(complete("ROLLBACK"), ready("I"))
        self.assertEqual(["BEGIN", "insert into t (jahr,monat) values ($1,$2)", "! 23505",
                          "insert into t (jahr,monat) values ($1,$2)", "! 25P02", "ROLLBACK"], self.lines())

    def test_a_parse_refused_before_the_proxy_read_its_execute_is_still_that_statement_s(self):
        # the flake of 2026-12-02: the server refuses the Parse (25P02) while the Bind, Execute and
        # Sync sent with it are still on their way through the proxy's client thread
        self.begin_and_fail_once()
        self.client(parse(INSERT))
        self.server(error("25P02"))
        self.client(bind(), execute(), sync())
        self.server(ready("E"))
        self.client(query("ROLLBACK"))
        self.server(complete("ROLLBACK"), ready("I"))
        self.assertEqual(["BEGIN", "insert into t (jahr,monat) values ($1,$2)", "! 23505",
                          "insert into t (jahr,monat) values ($1,$2)", "! 25P02", "ROLLBACK"], self.lines())

    def test_what_the_server_skipped_after_an_error_is_left_out_even_when_read_later(self):
        self.client(query("BEGIN"))
        self.server(complete("BEGIN"), ready("T"))
        self.client(parse(INSERT), bind(), execute())
        self.server(error("23505"))
        self.client(parse("select 1 from %s" % TABLE), bind(), execute(), sync())
        self.server(ready("E"))
        self.assertEqual(["BEGIN", "insert into t (jahr,monat) values ($1,$2)", "! 23505"], self.lines())

    def test_an_error_of_a_group_without_an_execute_is_not_given_to_the_next_statement(self):
        self.begin_and_fail_once()
        self.client(parse(INSERT, "S_1"), sync())  # a describe-only round trip: Parse and Sync
        self.server(error("25P02"), ready("E"))
        self.client(query("ROLLBACK"))
        self.server(complete("ROLLBACK"), ready("I"))
        self.assertEqual(["BEGIN", "insert into t (jahr,monat) values ($1,$2)", "! 23505", "ROLLBACK"], self.lines())


if __name__ == "__main__":
    unittest.main()
