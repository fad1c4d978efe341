# merge, path present: what Hibernate ORM 7.4 sends to MariaDB 10.11, isolation repeatable-read
# the call: session.inTransaction: t = session.merge(new T(id, j, m)) (assigned id: Spring Data save() of an entity with an id); t.someValue++
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/hibernate/src/org/lockdemo/transcripts/HibernateCapture.java; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
BEGIN
select t1_0.id,t1_0.jahr,t1_0.monat,t1_0.some_value from t t1_0 where t1_0.id=110051
update t set jahr=1005,monat=1,some_value=1 where id=110051
COMMIT
