# merge, path conflict: what Hibernate ORM 7.4 sends to MariaDB 10.11, isolation repeatable-read
# the call: session.inTransaction: t = session.merge(new T(id, j, m)) (assigned id: Spring Data save() of an entity with an id); t.someValue++
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/hibernate/src/org/lockdemo/transcripts/HibernateCapture.java; do not edit: scripts/transcripts.sh regenerates it
# the application sees: ConstraintViolationException 1062
BEGIN
select t1_0.id,t1_0.jahr,t1_0.monat,t1_0.some_value from t t1_0 where t1_0.id=110061
insert into t (jahr,monat,some_value,id) values (1006,1,0,110061)
! 1062
ROLLBACK
