# persist, path absent: what Hibernate ORM 7.4 sends to MariaDB 10.11, isolation repeatable-read
# the call: session.inTransaction: t = query("from T where jahr = :j and monat = :m").uniqueResult(); if absent: session.persist(t = new T(j, m)) (IDENTITY id); t.someValue++
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/hibernate/src/org/lockdemo/transcripts/HibernateCapture.java; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
BEGIN
select t1_0.id,t1_0.jahr,t1_0.monat,t1_0.some_value from t t1_0 where t1_0.jahr=1001 and t1_0.monat=1
insert into t (jahr,monat,some_value) values (1001,1,0)
update t set jahr=1001,monat=1,some_value=1 where id=100032
COMMIT
