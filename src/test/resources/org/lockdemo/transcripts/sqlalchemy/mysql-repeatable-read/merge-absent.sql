# merge, path absent: what SQLAlchemy 1.4 sends to MariaDB 10.11, isolation repeatable-read
# the call: with session.begin(): t = session.merge(T(id=i, jahr=j, monat=m)); t.some_value += 1
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/sqlalchemy_capture.py; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
BEGIN
SELECT t.id AS t_id, t.jahr AS t_jahr, t.monat AS t_monat, t.some_value AS t_some_value FROM t WHERE t.id = 110041
INSERT INTO t (id, jahr, monat, some_value) VALUES (110041, 1004, 1, 1)
COMMIT
ROLLBACK
