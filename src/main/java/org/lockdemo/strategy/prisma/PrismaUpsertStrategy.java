package org.lockdemo.strategy.prisma;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;

/**
 * Prisma's get-or-create idiom, {@code const t = await prisma.t.upsert({where: {jahr_monat: {jahr,
 * monat}}, create: {jahr, monat}, update: {}})}, then {@code prisma.t.update({where: {id: t.id},
 * data: {some_value: t.some_value + 1}})}. The empty {@code update} rules out the native upsert
 * ({@code can_use_connector_native_upsert} wants a non-empty update), on PostgreSQL too, so Prisma
 * emulates it in one transaction: read the id by the unique key; if found, no UPDATE (nothing to
 * set) and read the row back; if not, INSERT and read it back. Two callers can both read nothing
 * and both insert: the later INSERT fails and Prisma raises P2002 (the unique violation) to the
 * application; there is no retry. The follow-up update takes no lock. Statements in
 * {@link PrismaSql}. Thread-safe (stateless).
 */
final class PrismaUpsertStrategy implements GetOrCreate {
    private final PrismaSql sql;

    PrismaUpsertStrategy(RaceSchema s) {
        sql = new PrismaSql(s);
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Outcome outcome = Outcome.FOUND;
        // the upsert's transaction (graph.flag_transactional): Read Parent -> If (exists)
        if (!a.getId(c, sql.readIds, key)) {
            // Else: Create Parent; a duplicate fails the transaction (P2002), rolled back by the caller
            a.insertRow(c, sql.create, key, sql.createReturning);
            outcome = Outcome.CREATED;
        }
        // Then: Update Parent with update: {} sends nothing; either way the result is read back by id
        if (!a.getRowById(c, sql.readById, a.rowId())) {
            throw new SQLException("row " + key + " (id " + a.rowId() + ") vanished inside the upsert's transaction");
        }
        a.commit(c);
        a.work(); // the long computation, holding no lock
        a.saveValue(c, sql.update, a.rowId(), a.rowValue() + 1);
        a.commit(c);
        return outcome;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.readIds, sql.create, sql.readById, sql.update);
    }
}
