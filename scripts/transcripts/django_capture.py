"""Runs Django's own get-or-create code against a real database and writes what it sends.

One transcript per strategy and path, for lockdemo's Django-modelled strategies (naive, getorcreate,
savepoint, nowait, and getorcreate-autocommit: get_or_create() outside atomic(), the strategy
django-autocommit). lockdemo's StrategyTranscriptTest drives its strategies through the same paths
and asserts the same statements, normalised only in identifiers, literals and savepoint names.

Usage (Debian's python3 with python3-django, python3-psycopg2, python3-mysqldb):
    /usr/bin/python3 scripts/transcripts/django_capture.py --backend postgresql --out DIR
    /usr/bin/python3 scripts/transcripts/django_capture.py --backend mysql --isolation repeatable-read --out DIR
scripts/transcripts.sh runs it for every database and isolation level and compares with the
committed files.

What is captured, and how:
- every statement Django runs through its cursors (connection.execute_wrapper): the queries, the
  INSERT, the UPDATE, and SAVEPOINT / ROLLBACK TO SAVEPOINT / RELEASE SAVEPOINT, as Django writes
  them, with its %s placeholders (the DB-API driver interpolates the parameters);
- the transaction boundaries Django's backend decides: BEGIN where atomic() turns autocommit off
  (the driver starts the transaction with the next statement), COMMIT and ROLLBACK where it ends
  one. A statement Django runs in autocommit mode is a transaction of its own on the server; it is
  written as BEGIN, the statement, COMMIT (ROLLBACK when it failed), as the server runs it.
- a statement that failed is followed by a line '! CODE': the SQLSTATE on PostgreSQL, the
  server's error number on MySQL / MariaDB.
Not captured: what the drivers send to switch autocommit (psycopg2 sends nothing; mysqlclient sends
SET autocommit=0 / =1 around each atomic block), and the connection's set-up statements.

The conflict path is made real, not simulated: just before Django's INSERT of the key, a second
connection (outside Django, autocommit) inserts the same key and commits, so Django's INSERT meets a
committed duplicate and Django takes its own IntegrityError path.

The table is created with Django's schema editor under a name of this run's own and dropped at the
end (also on failure); transcripts call it "t". Savepoint names (s<thread id>_x<n>) are written as
s1_x<n>, so that the files do not change from run to run.
"""

import argparse
import os
import re
import sys

try:
    import django
    from django.conf import settings
except ImportError:
    sys.exit("django_capture: Django is not installed for " + sys.executable
             + "; install Debian's python3-django python3-psycopg2 python3-mysqldb")

STRATEGIES = ["naive", "getorcreate", "savepoint", "nowait", "getorcreate-autocommit"]
PATHS = ["absent", "present", "conflict"]


def reachable(backend, isolation, strategy, path):
    """Under InnoDB REPEATABLE READ the FOR UPDATE of a missing key takes a gap lock: another
    session's INSERT of the key waits for this transaction, so the conflict path of a strategy that
    locks first cannot happen (its races end in deadlocks or in finding the row)."""
    return not (backend == "mysql" and isolation == "repeatable-read" and path == "conflict"
                and strategy in ("savepoint", "nowait"))


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--backend", choices=["postgresql", "mysql"], required=True)
    p.add_argument("--isolation", choices=["read-committed", "repeatable-read"], default="read-committed")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int)
    p.add_argument("--user")
    p.add_argument("--database", default="test")
    p.add_argument("--out", required=True, help="directory to write <backend>-<isolation>/<strategy>-<path>.sql into")
    return p.parse_args()


def configure(args):
    if args.backend == "postgresql":
        engine, port, user = "django.db.backends.postgresql", args.port or 5432, args.user or "postgres"
        options = {}
        if args.isolation == "repeatable-read":
            import psycopg2.extensions
            options["isolation_level"] = psycopg2.extensions.ISOLATION_LEVEL_REPEATABLE_READ
    else:
        engine, port, user = "django.db.backends.mysql", args.port or 3306, args.user or "root"
        options = {"isolation_level": args.isolation.replace("-", " ")}
    settings.configure(
        DATABASES={"default": {
            "ENGINE": engine, "HOST": args.host, "PORT": port, "USER": user,
            # never printed; the machine's servers use trust / an empty root password
            "PASSWORD": os.environ.get("PGPASSWORD" if args.backend == "postgresql" else "MYSQL_PWD", ""),
            "NAME": args.database, "OPTIONS": options,
        }},
        INSTALLED_APPS=[],
        USE_TZ=False,
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    )
    django.setup()


def main():
    args = parse_args()
    configure(args)
    from django.db import IntegrityError, connection, models, transaction

    table = "lockdemo_django_%d" % os.getpid()

    class T(models.Model):
        """The thread's TestModel, as lockdemo's table: (jahr, monat) unique, some_value the counter."""
        jahr = models.IntegerField()
        monat = models.SmallIntegerField()
        some_value = models.BigIntegerField(default=0)

        class Meta:
            app_label = "lockdemo"
            db_table = table
            unique_together = ("jahr", "monat")

    # --- the strategies, as an application writes them with Django ------------------------------

    def naive(jahr, monat):
        """The code of the thread's first message, made runnable: the lock in atomic() (Django
        refuses select_for_update() outside a transaction) and select_for_update() before get()."""
        try:
            t = T.objects.get(jahr=jahr, monat=monat)
            return t.some_value  # t exists, no need to create or modify it
        except T.DoesNotExist:
            T(jahr=jahr, monat=monat).save()
            with transaction.atomic():
                t = T.objects.select_for_update().get(jahr=jahr, monat=monat)
                t.some_value = t.some_value + 1  # "a long computation, eventually setting fields in t"
                t.save()
            return t.some_value

    def getorcreate(jahr, monat):
        """Plain get_or_create() in atomic(), then save(update_fields=...): no row lock."""
        with transaction.atomic():
            t, _ = T.objects.get_or_create(jahr=jahr, monat=monat)
            t.some_value = t.some_value + 1
            t.save(update_fields={"some_value"})

    def savepoint(jahr, monat, nowait=False):
        """The thread's answer: select_for_update().get_or_create() in atomic()."""
        with transaction.atomic():
            t, _ = T.objects.select_for_update(nowait=nowait).get_or_create(jahr=jahr, monat=monat)
            t.some_value = t.some_value + 1
            t.save(update_fields={"some_value"})

    def nowait(jahr, monat):
        savepoint(jahr, monat, nowait=True)

    def getorcreate_autocommit(jahr, monat):
        """get_or_create() outside atomic() (autocommit mode), then save(update_fields=...): its own
        atomic() around create() is the outermost block, a transaction; the re-read after the
        IntegrityError runs in autocommit, in a fresh snapshot."""
        t, _ = T.objects.get_or_create(jahr=jahr, monat=monat)
        t.some_value = t.some_value + 1
        t.save(update_fields={"some_value"})

    functions = {"naive": naive, "getorcreate": getorcreate, "savepoint": savepoint, "nowait": nowait,
                 "getorcreate-autocommit": getorcreate_autocommit}

    # --- capture ------------------------------------------------------------------------------------

    lines = []
    state = {"conflict_pending": False, "in_atomic": False}
    savepoint_names = {}

    def error_code(e):
        cause = e.__cause__ or e
        if args.backend == "postgresql":
            return getattr(cause, "pgcode", None) or "?"
        return str(cause.args[0]) if getattr(cause, "args", None) else "?"

    def show(sql):
        sql = sql.replace(table, "t")
        for sid in re.findall(r"\bs\d+_x\d+\b", sql):
            savepoint_names.setdefault(sid, "s1_x%d" % (len(savepoint_names) + 1))
            sql = sql.replace(sid, savepoint_names[sid])
        return sql

    def insert_twin(jahr, monat):
        """The other session: inserts the same key and commits, just before Django's INSERT."""
        if args.backend == "postgresql":
            import psycopg2
            other = psycopg2.connect(host=args.host, port=args.port or 5432, user=args.user or "postgres",
                                     dbname=args.database, password=os.environ.get("PGPASSWORD", ""))
        else:
            import MySQLdb
            other = MySQLdb.connect(host=args.host, port=args.port or 3306, user=args.user or "root",
                                    database=args.database, password=os.environ.get("MYSQL_PWD", ""))
        try:
            other.autocommit(True) if args.backend == "mysql" else setattr(other, "autocommit", True)
            with other.cursor() as c:
                # a wait here means this transaction's own lock blocks the other session: the
                # conflict path is not reachable that way; fail in seconds, not after 50
                c.execute("SET innodb_lock_wait_timeout = 3" if args.backend == "mysql" else "SET lock_timeout = '3s'")
                c.execute("INSERT INTO " + table + " (jahr, monat, some_value) VALUES (%s, %s, 0)", (jahr, monat))
        finally:
            other.close()

    def recorder(execute, sql, params, many, context):
        if state["conflict_pending"] and sql.lstrip().upper().startswith("INSERT"):
            state["conflict_pending"] = False
            insert_twin(*params[:2])
        autocommit = connection.get_autocommit()
        if autocommit:
            lines.append("BEGIN")
        lines.append(show(sql))
        try:
            result = execute(sql, params, many, context)
        except Exception as e:
            lines.append("! " + error_code(e))
            if autocommit:
                lines.append("ROLLBACK")
            raise
        if autocommit:
            lines.append("COMMIT")
        return result

    real_set_autocommit = connection.set_autocommit
    real_commit = connection._commit
    real_rollback = connection._rollback

    def set_autocommit(autocommit, *a, **kw):
        if not autocommit and connection.get_autocommit():
            lines.append("BEGIN")
        return real_set_autocommit(autocommit, *a, **kw)

    def commit():
        lines.append("COMMIT")
        return real_commit()

    def rollback():
        lines.append("ROLLBACK")
        return real_rollback()

    connection.ensure_connection()
    with connection.schema_editor() as editor:
        editor.create_model(T)
    out_dir = os.path.join(args.out, "%s-%s" % (args.backend, args.isolation))
    os.makedirs(out_dir, exist_ok=True)
    vendor = connection.vendor
    # major.minor only: a patch release of the server or of Django is not a change of what is sent
    if vendor == "mysql":
        major, minor = connection.mysql_version[:2]
        server = "%s %d.%d" % ("MariaDB" if connection.mysql_is_mariadb else "MySQL", major, minor)
    else:
        server = "PostgreSQL %d" % (connection.pg_version // 10000)
    framework = "Django %d.%d" % django.VERSION[:2]
    try:
        key = 0
        for strategy in STRATEGIES:
            for path in PATHS:
                key += 1
                if not reachable(args.backend, args.isolation, strategy, path):
                    continue
                jahr, monat = key, 1
                if path == "present":
                    T.objects.create(jahr=jahr, monat=monat)
                state["conflict_pending"] = path == "conflict"
                lines.clear()
                savepoint_names.clear()
                connection.set_autocommit = set_autocommit
                connection._commit = commit
                connection._rollback = rollback
                raised = None
                try:
                    with connection.execute_wrapper(recorder):
                        functions[strategy](jahr, monat)
                except IntegrityError as e:
                    raised = "IntegrityError " + error_code(e)
                finally:
                    connection.set_autocommit = real_set_autocommit
                    connection._commit = real_commit
                    connection._rollback = real_rollback
                if state["conflict_pending"]:
                    sys.exit("django_capture: %s %s: Django sent no INSERT, the conflict was not made" % (strategy, path))
                header = [
                    "# %s, path %s: what %s sends to %s, isolation %s" % (
                        strategy, path, framework, server, args.isolation),
                    "# captured by scripts/transcripts/django_capture.py; do not edit: scripts/transcripts.sh regenerates it",
                    "# the application sees: " + (raised or "no error"),
                ]
                with open(os.path.join(out_dir, "%s-%s.sql" % (strategy, path)), "w") as f:
                    f.write("\n".join(header + lines) + "\n")
    finally:
        connection.set_autocommit(True)
        with connection.schema_editor() as editor:
            editor.delete_model(T)
    return 0


if __name__ == "__main__":
    sys.exit(main())
