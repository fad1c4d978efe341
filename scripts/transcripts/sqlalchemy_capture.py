"""Runs SQLAlchemy's get-or-create recipes against a real database, through wire_capture.py, which
writes what the server received as lockdemo transcripts.

Usage (Debian's python3 with python3-sqlalchemy, python3-psycopg2, python3-mysqldb), with
wire_capture.py listening on PORT in front of the server:
    /usr/bin/python3 scripts/transcripts/sqlalchemy_capture.py --backend postgresql --port PORT
scripts/transcripts.sh runs it for every database and isolation level.

The calls, on the seed's model, each followed by the "long computation" (read the value, add one;
the commit saves it):
  begin_nested   the documented recipe: in the caller's transaction, query; if absent, add the
                 new object inside session.begin_nested() (a SAVEPOINT, flushed when the block
                 ends); on IntegrityError (the savepoint is rolled back) query again.
                 SQLAlchemy 1.4 docs, "Using SAVEPOINT" (orm/session_transaction.rst).
  merge          session.merge(T(id=..., jahr=..., monat=...)) in the caller's transaction: looks
                 the primary key up, and inserts at the flush when it is not there. The id is
                 assigned by the application (merge has nothing to look up otherwise).
Each case runs once uncaptured first. The session's isolation level is SQLAlchemy's
isolation_level option on MariaDB (set when connecting); PostgreSQL runs at its default,
READ COMMITTED, as django_capture.py does. Markers go through a connection of their own in
autocommit, so that no pool reset of SQLAlchemy's lands in a transcript.
"""

import argparse
import base64
import json
import os
import sys

try:
    import sqlalchemy
    from sqlalchemy import BigInteger, Column, Integer, SmallInteger, UniqueConstraint, create_engine
    from sqlalchemy.exc import IntegrityError, NoResultFound
    from sqlalchemy.orm import Session, declarative_base
    import psycopg2
    import MySQLdb
except ImportError as e:
    sys.stderr.write("sqlalchemy_capture: %s; apt-get install python3-sqlalchemy python3-psycopg2 python3-mysqldb\n" % e)
    sys.exit(3)

BEGIN_NESTED_CALL = ("with session.begin(): t = session.query(T).filter_by(jahr=j, monat=m).one_or_none(); if absent: "
                     "try: with session.begin_nested(): session.add(T(jahr=j, monat=m)) except IntegrityError: "
                     "t = session.query(T).filter_by(jahr=j, monat=m).one(); t.some_value += 1")
MERGE_CALL = "with session.begin(): t = session.merge(T(id=i, jahr=j, monat=m)); t.some_value += 1"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--backend", choices=["postgresql", "mysql"], required=True)
    p.add_argument("--isolation", choices=["read-committed", "repeatable-read"], default="read-committed")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--database", default="test")
    args = p.parse_args()

    table = "lockdemo_sqlalchemy_%d" % os.getpid()
    Base = declarative_base()

    class T(Base):
        __tablename__ = table
        __table_args__ = (UniqueConstraint("jahr", "monat"),)
        id = Column(Integer, primary_key=True)
        jahr = Column(Integer, nullable=False)
        monat = Column(SmallInteger, nullable=False)
        some_value = Column(BigInteger, nullable=False, default=0)

    if args.backend == "postgresql":
        url = "postgresql+psycopg2://postgres@%s:%d/%s" % (args.host, args.port, args.database)
        engine = create_engine(url, connect_args={"password": os.environ.get("PGPASSWORD", "")})
        control = psycopg2.connect(host=args.host, port=args.port, user="postgres", dbname=args.database,
                                   password=os.environ.get("PGPASSWORD", ""))
        control.autocommit = True
    else:
        url = "mysql+mysqldb://root@%s:%d/%s" % (args.host, args.port, args.database)
        engine = create_engine(url, isolation_level=args.isolation.replace("-", " ").upper(),
                               connect_args={"password": os.environ.get("MYSQL_PWD", "")})
        control = MySQLdb.connect(host=args.host, port=args.port, user="root", database=args.database,
                                  password=os.environ.get("MYSQL_PWD", ""))
        control.autocommit(True)

    def marker(message):
        with control.cursor() as c:
            c.execute("SELECT 'lockdemo-capture %s'" % base64.urlsafe_b64encode(
                json.dumps(message).encode()).decode().rstrip("="))
            c.fetchall()

    def begin_nested(jahr, monat):
        with Session(engine) as session, session.begin():
            t = session.query(T).filter_by(jahr=jahr, monat=monat).one_or_none()
            if t is None:
                t = T(jahr=jahr, monat=monat)
                try:
                    with session.begin_nested():
                        session.add(t)
                except IntegrityError:
                    t = session.query(T).filter_by(jahr=jahr, monat=monat).one()
            t.some_value = t.some_value + 1  # the long computation: read the value, add one, save

    def merge(jahr, monat):
        with Session(engine) as session, session.begin():
            t = session.merge(T(id=100000 + jahr * 10 + monat, jahr=jahr, monat=monat))
            t.some_value = (t.some_value or 0) + 1

    cases = {"begin_nested": (BEGIN_NESTED_CALL, begin_nested), "merge": (MERGE_CALL, merge)}

    def code(e):
        orig = e.orig
        return getattr(orig, "pgcode", None) or (str(orig.args[0]) if orig.args else "?")

    label = "SQLAlchemy %s" % ".".join(sqlalchemy.__version__.split(".")[:2])
    Base.metadata.create_all(engine)
    try:
        for warm, (_, call) in enumerate(cases.values(), 1):  # warm-up: absent, then present
            call(warm, 1)
            call(warm, 1)
        key = 1000
        for name, (text, call) in cases.items():
            for path in ("absent", "present", "conflict"):
                key += 1
                if path == "present":
                    with Session(engine) as session, session.begin():
                        session.add(T(id=100000 + key * 10 + 1, jahr=key, monat=1, some_value=0))
                start = {"op": "start", "framework": "sqlalchemy", "case": name, "path": path,
                         "isolation": args.isolation, "table": table, "label": label,
                         "script": "sqlalchemy_capture.py", "call": text}
                if path == "conflict":
                    start["conflict"] = [key, 1]
                marker(start)
                sees = "no error"
                try:
                    call(key, 1)
                except IntegrityError as e:
                    sees = "IntegrityError " + code(e)
                except NoResultFound:  # the re-read after the duplicate found nothing (an older snapshot)
                    sees = "NoResultFound"

                marker({"op": "end", "sees": sees})
    finally:
        Base.metadata.drop_all(engine)
        engine.dispose()
        marker({"op": "finish"})
        control.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
