package org.lockdemo.strategy.classes;

import java.util.Optional;
import org.lockdemo.model.Outcome;
import org.lockdemo.spi.v1.GetOrCreateStrategy;
import org.lockdemo.strategy.ExplanationFacts;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;
import org.lockdemo.strategy.RaceStrategy;
import org.lockdemo.strategy.ServerVersion;
import org.lockdemo.strategy.StrategyOptions;

/**
 * A strategy in the user's own Java ({@code lockdemo race --strategy-class C --classpath J}), loaded
 * by {@link StrategyClasses}: its id and claims are what its {@link GetOrCreateStrategy} says.
 * lockdemo does not see its statements one by one, so the race count is a lower bound (only the
 * attempt that says it created the row is counted as having raced) and its lock time is the whole
 * call. Immutable; the user's instance is shared by all workers, as its interface says.
 */
public final class ClassStrategy implements RaceStrategy {
    /** What its tables' names have after the run id: {@code lockdemo_<runid>_class_<name>}. */
    public static final String TABLE_PREFIX = "class_";

    private final GetOrCreateStrategy code;
    private final String id;

    ClassStrategy(GetOrCreateStrategy code, String id) {
        this.code = code;
        this.id = id;
    }

    public String className() {
        return code.getClass().getName();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String tableSuffix() {
        return TABLE_PREFIX + id.replace('-', '_');
    }

    @Override
    public boolean expectedSafe() {
        return code.expectedSafe();
    }

    @Override
    public boolean locksRow() {
        return code.locksRow();
    }

    @Override
    public boolean updatesCounter() {
        return code.updatesCounter();
    }

    @Override
    public GetOrCreate create(RaceSchema schema, StrategyOptions options) {
        return new ClassGetOrCreate(code, schema.tableName());
    }

    @Override
    public Optional<String> unsupportedOn(String dialectId) {
        return Optional.empty(); // the class knows which SQL it sends; a server it cannot talk to fails its attempts
    }

    @Override
    public Optional<String> unsupportedOn(ServerVersion server) {
        return Optional.empty();
    }

    @Override
    public Optional<String> racedLowerBound(String dialectId) {
        return Optional.of("lockdemo does not see a class's statements: only the attempt that says it created the "
                + "row is counted as having raced");
    }

    @Override
    public String explain(ExplanationFacts facts) {
        String what = "the class " + className();
        return facts.surfaced() == 0 ? what + ": no duplicate-key error reached the application in " + facts.attempts()
                + " attempts" : what + ": " + facts.surfaced() + " of " + facts.attempts() + " attempts let a "
                + "duplicate-key error reach the application (" + Outcome.UNIQUE_VIOLATION.id() + ")";
    }
}
