package org.lockdemo.db;

import java.util.Optional;
import java.util.regex.Pattern;

/** Helpers for JDBC URLs. Stateless. */
public final class JdbcUrls {

    // password=..., up to the next separator used by pgjdbc (&) or Connector/J (& or ;); also the
    // other secrets named *password: pgjdbc's sslpassword (the client key's passphrase), Connector/J's
    // password1..3 (multifactor) and trust/clientCertificateKeyStorePassword
    private static final Pattern PASSWORD_PARAM =
            Pattern.compile("(?i)((?:^|[?&;])(?:[a-z]*password\\d*|pass|pwd)=)[^&;]*");
    // jdbc:mysql://user:secret@host
    private static final Pattern USERINFO_SECRET = Pattern.compile("(//[^/@:?]*):[^/@?]*@");

    private JdbcUrls() {
    }

    /** The URL with any password replaced by {@code ***}, safe to print or store. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String s = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USERINFO_SECRET.matcher(s).replaceAll("$1:***@");
    }

    // user=..., a parameter of the URL (pgjdbc: after ?, joined by &; Connector/J also ;)
    private static final Pattern USER_PARAM = Pattern.compile("(?i)[?&;]user=([^&;]*)");

    /**
     * The user the URL itself names as its {@code user} parameter, if any. Both drivers take it over
     * the user given beside the URL.
     */
    public static Optional<String> userParameter(String url) {
        if (url == null) {
            return Optional.empty();
        }
        var m = USER_PARAM.matcher(url);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** True when the URL itself carries a password. */
    public static boolean carriesPassword(String url) {
        return url != null && !redact(url).equals(url);
    }
}
