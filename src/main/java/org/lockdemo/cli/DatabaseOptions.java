package org.lockdemo.cli;

import java.util.Map;
import org.lockdemo.db.JdbcUrls;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where to connect, shared by every command that talks to a database. The password never comes
 * from a plain argument (it would show in {@code ps} and shell history): it is prompted for, or
 * read from an environment variable.
 */
public final class DatabaseOptions {
    static final String GENERIC_PASSWORD_ENV = "LOCKDEMO_PASSWORD";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "Database to race on, e.g. jdbc:postgresql://127.0.0.1:5432/test or "
                    + "jdbc:mariadb://127.0.0.1:3306/test. "
                    + "Default: an embedded PostgreSQL started for this run and removed afterwards.")
    java.util.List<String> urls = new java.util.ArrayList<>();

    @Option(names = {"--user", "-U"}, paramLabel = "NAME", description = "Database user (default: $PGUSER, else the driver's default).")
    String user;

    @Option(names = "--password", arity = "0", interactive = true,
            description = "Prompt for the password.")
    char[] promptedPassword;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Read the password from environment variable VAR. Without any password option, "
                    + "LOCKDEMO_PASSWORD is used if set, else PGPASSWORD (PostgreSQL) or MYSQL_PWD (MySQL/MariaDB).")
    String passwordEnv;

    /**
     * The one URL as given (null: none), after checking it. A command that takes a single database
     * calls this; more than one {@code --url} is then a usage error.
     */
    String url() {
        if (urls.size() > 1) {
            throw new ParameterException(spec.commandLine(), "--url was given " + urls.size()
                    + " times; " + spec.commandLine().getCommandName() + " takes one database");
        }
        return urls.isEmpty() ? null : checked(urls.get(0));
    }

    /**
     * Every {@code --url} in the order given, each checked; empty when none was given. A value that
     * lists URLs separated by commas counts as several ({@code jdbc:a,jdbc:b}); a comma inside one
     * URL (a driver's own multi-host syntax) is left alone.
     */
    java.util.List<String> urls() {
        java.util.List<String> all = new java.util.ArrayList<>();
        for (String given : urls) {
            for (String u : given.split(",(?=\\s*jdbc:)")) {
                if (!u.isBlank()) {
                    all.add(checked(u.trim()));
                }
            }
        }
        return all;
    }

    /** {@code url} after checking it is a JDBC URL without an embedded password. */
    private String checked(String url) {
        if (!url.startsWith("jdbc:")) {
            throw new ParameterException(spec.commandLine(), "--url '" + JdbcUrls.redact(url)
                    + "' is not a JDBC URL; expected e.g. jdbc:postgresql://127.0.0.1:5432/test");
        }
        if (JdbcUrls.carriesPassword(url)) {
            throw new ParameterException(spec.commandLine(), "--url carries a password, which would show in ps "
                    + "and shell history; remove it and use --password, --password-env VAR or LOCKDEMO_PASSWORD");
        }
        return url;
    }

    String user(Map<String, String> env) {
        return user != null ? user : env.get("PGUSER");
    }

    /**
     * The password from the prompt, the named variable, {@code LOCKDEMO_PASSWORD}, or the vendor's
     * own variable for this URL ({@code PGPASSWORD} for PostgreSQL, {@code MYSQL_PWD} for
     * MySQL/MariaDB, so one set for another server is not sent); null if none.
     */
    String password(Map<String, String> env, String jdbcUrl) {
        if (promptedPassword != null) {
            return new String(promptedPassword);
        }
        if (passwordEnv != null) {
            String p = env.get(passwordEnv);
            if (p == null) {
                throw new ParameterException(spec.commandLine(),
                        "--password-env " + passwordEnv + ": that environment variable is not set");
            }
            return p;
        }
        if (env.get(GENERIC_PASSWORD_ENV) != null) {
            return env.get(GENERIC_PASSWORD_ENV);
        }
        String vendorVariable = jdbcUrl.startsWith("jdbc:mysql:") ? "MYSQL_PWD" : "PGPASSWORD";
        return env.get(vendorVariable);
    }
}
