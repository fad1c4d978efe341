# upsert, path present: what Hibernate ORM 7.4 sends to PostgreSQL 15, isolation read-committed
# the call: statelessSession.inTransaction: t = ss.get(T.class, id); ss.upsert(new T(id, j, m, (t == null ? 0 : t.someValue) + 1))
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/hibernate/src/org/lockdemo/transcripts/HibernateCapture.java; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
BEGIN
select t1_0.id,t1_0.jahr,t1_0.monat,t1_0.some_value from t t1_0 where t1_0.id=$1
insert into t (jahr,monat,some_value,id) values ($1,$2,$3,$4) on conflict (id) do update set jahr=excluded.jahr,monat=excluded.monat,some_value=excluded.some_value
COMMIT
