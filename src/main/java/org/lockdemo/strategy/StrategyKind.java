package org.lockdemo.strategy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.List;
import java.util.stream.Collectors;
import org.lockdemo.strategy.gorm.GormStrategies;
import org.lockdemo.strategy.prisma.PrismaStrategies;
import org.lockdemo.strategy.laravel.LaravelStrategies;
import org.lockdemo.strategy.hibernate.HibernateStrategies;
import org.lockdemo.strategy.rails.RailsStrategies;
import org.lockdemo.strategy.sqlalchemy.SqlAlchemyStrategies;
import org.lockdemo.strategy.sequelize.SequelizeStrategies;

/**
 * The get-or-create strategies lockdemo knows, in the order they are run and shown: grouped by
 * whose code they are ({@link Framework}), Django's from the thread first, then the other
 * frameworks', then plain SQL. The one registry of strategies: each constant names its id and its
 * {@link StrategyDefinition}, which lives beside the strategy's class and holds everything else
 * (its claims, description, lesson, requirements and what it is modelled on). What each strategy
 * sends per path is in {@code src/test/resources/org/lockdemo/strategy/statements-<dialect>.txt}.
 * Immutable.
 */
public enum StrategyKind implements RaceStrategy {
    // Django (the thread)
    NAIVE(DjangoStrategies.NAIVE),
    GETORCREATE(DjangoStrategies.GETORCREATE),
    SAVEPOINT(DjangoStrategies.SAVEPOINT),
    NOWAIT(DjangoStrategies.NOWAIT),
    DJANGO_AUTOCOMMIT(DjangoStrategies.DJANGO_AUTOCOMMIT),
    // -- django: more strategies go here --

    // Rails
    RAILS_CREATE_OR_FIND_6_1(RailsStrategies.CREATE_OR_FIND_6_1),
    RAILS_CREATE_OR_FIND_7_1(RailsStrategies.CREATE_OR_FIND_7_1),
    RAILS_CREATE_OR_FIND_2026(RailsStrategies.CREATE_OR_FIND_2026),
    RAILS_CREATE_OR_FIND_NO_TX(RailsStrategies.CREATE_OR_FIND_NO_TX),
    RAILS_FIND_OR_CREATE_7_1(RailsStrategies.FIND_OR_CREATE_7_1),
    RAILS_FIND_OR_CREATE_6_1(RailsStrategies.FIND_OR_CREATE_6_1),
    // -- rails: more strategies go here --

    // Laravel
    // -- laravel: strategies go here --
    LARAVEL_FIRST_OR_CREATE(LaravelStrategies.FIRST_OR_CREATE),
    LARAVEL_CREATE_OR_FIRST(LaravelStrategies.CREATE_OR_FIRST),
    LARAVEL_UPDATE_OR_CREATE(LaravelStrategies.UPDATE_OR_CREATE),
    LARAVEL_INCREMENT_OR_CREATE(LaravelStrategies.INCREMENT_OR_CREATE),
    LARAVEL_FIRST_OR_CREATE_8(LaravelStrategies.FIRST_OR_CREATE_8),
    LARAVEL_UPDATE_OR_CREATE_8(LaravelStrategies.UPDATE_OR_CREATE_8),

    // SQLAlchemy
    SQLALCHEMY_BEGIN_NESTED(SqlAlchemyStrategies.BEGIN_NESTED),
    SQLALCHEMY_MERGE(SqlAlchemyStrategies.MERGE),
    // -- sqlalchemy: strategies go here --

    // Sequelize
    // -- sequelize: strategies go here --
    SEQUELIZE_FIND_OR_CREATE(SequelizeStrategies.FIND_OR_CREATE),
    SEQUELIZE_FIND_OR_CREATE_TX(SequelizeStrategies.FIND_OR_CREATE_TX),
    SEQUELIZE_FIND_CREATE_FIND(SequelizeStrategies.FIND_CREATE_FIND),
    SEQUELIZE_FIND_CREATE_FIND_TX(SequelizeStrategies.FIND_CREATE_FIND_TX),

    // Hibernate
    HIBERNATE_PERSIST(HibernateStrategies.PERSIST),
    HIBERNATE_MERGE(HibernateStrategies.MERGE),
    HIBERNATE_UPSERT(HibernateStrategies.UPSERT),
    // -- hibernate: strategies go here --

    // GORM
    GORM_FIRST_OR_CREATE(GormStrategies.FIRST_OR_CREATE),
    GORM_ON_CONFLICT(GormStrategies.ON_CONFLICT),
    // -- gorm: strategies go here --

    // Prisma
    PRISMA_UPSERT(PrismaStrategies.UPSERT),
    // -- prisma: strategies go here --

    // plain SQL
    CREATE_FIRST(SqlStrategies.CREATE_FIRST),
    UPSERT(SqlStrategies.UPSERT),
    UPSERT_MULTIROW(SqlStrategies.UPSERT_MULTIROW),
    UPSERT_RETURNING(SqlStrategies.UPSERT_RETURNING),
    ADVISORY(SqlStrategies.ADVISORY),
    UPSERT_OLD_NEW(SqlStrategies.UPSERT_OLD_NEW),
    ON_CONFLICT_DO_SELECT(SqlStrategies.ON_CONFLICT_DO_SELECT),
    INSERT_IGNORE(SqlStrategies.INSERT_IGNORE),
    MERGE(SqlStrategies.MERGE),
    INSERT_WHERE_NOT_EXISTS(SqlStrategies.INSERT_WHERE_NOT_EXISTS),
    SERIALIZABLE(SqlStrategies.SERIALIZABLE);
    // -- sql: more strategies go above SERIALIZABLE's line --

    private final StrategyDefinition definition;

    StrategyKind(StrategyDefinition definition) {
        this.definition = definition;
    }

    /** Whether the strategy claims that no duplicate-key error reaches the application. */
    @Override
    public boolean expectedSafe() {
        return definition.expectedSafe();
    }

    /**
     * Whether the strategy claims that no duplicate-key error reaches the application when its
     * threads are spread over the nodes of a multi-primary cluster (MariaDB Galera). Row locks are
     * node-local there, but the cluster's certification still lets only one of two conflicting
     * transactions commit, so every strategy that relies on the row and its unique key stays safe
     * (the loser fails as certification_failure, an honest failed attempt). {@code advisory} does
     * not: GET_LOCK is a lock of one server, so sessions on two nodes both hold "the" lock, both see
     * no row and both insert; the second INSERT to arrive can hit the first one's replicated row.
     */
    @Override
    public boolean expectedSafeAcrossNodes() {
        return expectedSafe() && this != ADVISORY;
    }

    /** Whether it holds a row lock while updating, so a lost update would be a harness error. */
    @Override
    public boolean locksRow() {
        return definition.locksRow();
    }

    /** One line saying what the strategy does, for the help and the docs. */
    public String description() {
        return definition.description();
    }

    /**
     * What happened in a run of this strategy, in plain language, from its counts: the lesson the
     * strategy teaches (the first part of the report's explanation line; the report adds the error
     * outcomes and their reasons).
     */
    @Override
    public String explain(ExplanationFacts facts) {
        return definition.lesson().apply(facts);
    }

    @Override
    public int connectionsPerAttempt() {
        return definition.connectionsPerAttempt();
    }

    @Override
    public GetOrCreate create(RaceSchema schema, StrategyOptions options) {
        return definition.factory().apply(schema, options);
    }

    /**
     * Why this strategy cannot run on the dialect {@code dialectId} ({@code postgresql},
     * {@code mysql}), or empty if it can: known before anything connects.
     */
    @Override
    public Optional<String> unsupportedOn(String dialectId) {
        return definition.requires().unmetOn(id(), dialectId);
    }

    /** Why it cannot run on {@code server} (its dialect or its version), or empty if it can. */
    @Override
    public Optional<String> unsupportedOn(ServerVersion server) {
        return definition.requires().unmetOn(id(), server);
    }

    /**
     * Why the count of attempts that raced ({@code Attempt#raced()}) can only be a lower bound for
     * this strategy on {@code dialectId}, or empty when it is exact. It is exact where the first
     * statement that touches the row cannot wait for another session's uncommitted row: a plain
     * SELECT (never waits), and on PostgreSQL a locking read too (an uncommitted row is invisible to
     * it). It is a lower bound where that statement can wait and then find the row: InnoDB's locking
     * reads (FOR UPDATE, and SERIALIZABLE's plain reads) wait for an uncommitted INSERT; an INSERT or
     * upsert that meets a duplicate cannot say whether the row was committed before it began.
     */
    @Override
    public Optional<String> racedLowerBound(String dialectId) {
        return definition.racedLowerBound().apply(dialectId);
    }

    /** Whose code it is: its group on the command line. */
    public Framework framework() {
        return definition.framework();
    }

    /** What it needs of the server. */
    public Requires requires() {
        return definition.requires();
    }

    /** The framework call and version it models, and where its statements come from. */
    public StrategyDefinition.ModelledOn modelledOn() {
        return definition.modelledOn();
    }

    /** The command-line and output name, e.g. {@code create-first}. */
    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<StrategyKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equalsIgnoreCase(id)).findFirst();
    }

    /** The strategies of {@code framework}, in registry order. */
    public static List<StrategyKind> of(Framework framework) {
        return Arrays.stream(values()).filter(k -> k.framework() == framework).toList();
    }

    public static String ids() {
        return Arrays.stream(values()).map(StrategyKind::id).collect(Collectors.joining(", "));
    }
}
