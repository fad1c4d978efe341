# begin_nested, path conflict: what SQLAlchemy 1.4 sends to MariaDB 10.11, isolation repeatable-read
# the call: with session.begin(): t = session.query(T).filter_by(jahr=j, monat=m).one_or_none(); if absent: try: with session.begin_nested(): session.add(T(jahr=j, monat=m)) except IntegrityError: t = session.query(T).filter_by(jahr=j, monat=m).one(); t.some_value += 1
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/sqlalchemy_capture.py; do not edit: scripts/transcripts.sh regenerates it
# the application sees: NoResultFound
BEGIN
SELECT t.id AS t_id, t.jahr AS t_jahr, t.monat AS t_monat, t.some_value AS t_some_value FROM t WHERE t.jahr = 1003 AND t.monat = 1
SAVEPOINT sa_savepoint_1
INSERT INTO t (jahr, monat, some_value) VALUES (1003, 1, 0)
! 1062
ROLLBACK TO SAVEPOINT sa_savepoint_1
SELECT t.id AS t_id, t.jahr AS t_jahr, t.monat AS t_monat, t.some_value AS t_some_value FROM t WHERE t.jahr = 1003 AND t.monat = 1
ROLLBACK
ROLLBACK
