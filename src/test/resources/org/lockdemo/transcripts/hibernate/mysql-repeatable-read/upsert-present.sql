# upsert, path present: what Hibernate ORM 7.4 sends to MariaDB 10.11, isolation repeatable-read
# the call: statelessSession.inTransaction: t = ss.get(T.class, id); ss.upsert(new T(id, j, m, (t == null ? 0 : t.someValue) + 1))
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/hibernate/src/org/lockdemo/transcripts/HibernateCapture.java; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
BEGIN
select t1_0.id,t1_0.jahr,t1_0.monat,t1_0.some_value from t t1_0 where t1_0.id=110081
insert into t (id,jahr,monat,some_value) values (110081,1008,1,1) on duplicate key update jahr=values(jahr),monat=values(monat),some_value=values(some_value)
COMMIT
