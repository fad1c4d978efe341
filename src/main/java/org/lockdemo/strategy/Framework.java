package org.lockdemo.strategy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whose code a strategy is: the group it belongs to on the command line ({@code --strategy rails})
 * and in the docs. {@link #SQL} is SQL that people write by hand, with no framework in between.
 * Immutable.
 */
public enum Framework {
    DJANGO("Django"),
    RAILS("Rails (ActiveRecord)"),
    LARAVEL("Laravel (Eloquent)"),
    SQLALCHEMY("SQLAlchemy"),
    SEQUELIZE("Sequelize"),
    HIBERNATE("Hibernate ORM"),
    GORM("GORM"),
    PRISMA("Prisma"),
    SQL("Plain SQL");

    private final String displayName;

    Framework(String displayName) {
        this.displayName = displayName;
    }

    /** The group's command-line name, e.g. {@code rails}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name people know it by, e.g. {@code Rails (ActiveRecord)}. */
    public String displayName() {
        return displayName;
    }

    public static Optional<Framework> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id().equalsIgnoreCase(id)).findFirst();
    }

    /** The groups that have at least one strategy, comma-separated, in registry order. */
    public static String ids() {
        return Arrays.stream(values()).filter(f -> !StrategyKind.of(f).isEmpty()).map(Framework::id)
                .collect(Collectors.joining(", "));
    }
}
