package org.lockdemo.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcUrlsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://db:5432/app?password=x                 | jdbc:postgresql://db:5432/app?password=***",
        "jdbc:postgresql://db/app?user=u&password=x&ssl=true      | jdbc:postgresql://db/app?user=u&password=***&ssl=true",
        "jdbc:mysql://db/app;password=x                           | jdbc:mysql://db/app;password=***",
        "jdbc:mysql://db/app;user=u;password=x;useSSL=false       | jdbc:mysql://db/app;user=u;password=***;useSSL=false",
        "jdbc:mysql://u:secret@host/db                            | jdbc:mysql://u:***@host/db",
        "jdbc:mysql://u:secret@host:3306/db?useSSL=true           | jdbc:mysql://u:***@host:3306/db?useSSL=true",
        "jdbc:postgresql://db/app?PASSWORD=x                      | jdbc:postgresql://db/app?PASSWORD=***",
        "jdbc:postgresql://db/app?sslpassword=keypass&ssl=true    | jdbc:postgresql://db/app?sslpassword=***&ssl=true",
        "jdbc:mysql://db/app?password1=a&password2=b              | jdbc:mysql://db/app?password1=***&password2=***",
        "jdbc:mysql://db/app?trustCertificateKeyStorePassword=t    | jdbc:mysql://db/app?trustCertificateKeyStorePassword=***",
    })
    void redactsPasswords(String url, String expected) {
        assertEquals(expected, JdbcUrls.redact(url));
        assertTrue(JdbcUrls.carriesPassword(url), url);
        assertFalse(JdbcUrls.carriesPassword(expected), "a redacted URL carries no password: " + expected);
    }

    @Test
    void redactedUrlsDoNotContainTheSecret() {
        String url = "jdbc:postgresql://db/app?user=u&password=s3cr3t&ssl=true";
        assertFalse(JdbcUrls.redact(url).contains("s3cr3t"));
        assertFalse(JdbcUrls.redact("jdbc:mysql://u:s3cr3t@host/db").contains("s3cr3t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:postgresql://localhost:5432/lockdemo",
        "jdbc:postgresql://db:5432/app?user=lockdemo&ssl=true",
        "jdbc:mysql://u@host:3306/db",
        "jdbc:mysql://host:3306/db?passwordCharacterEncoding=utf8",
        "jdbc:postgresql://db/app?sslpasswordcallback=org.example.Callback",
        "jdbc:mysql://host:3306/db;useSSL=false",
        "",
    })
    void leavesUrlsWithoutAPasswordUnchanged(String url) {
        assertEquals(url, JdbcUrls.redact(url));
        assertFalse(JdbcUrls.carriesPassword(url));
    }

    @Test
    void nullIsNull() {
        assertNull(JdbcUrls.redact(null));
        assertFalse(JdbcUrls.carriesPassword(null));
    }

    @Test
    void databaseTargetPrintsOnlyTheRedactedUrl() {
        DatabaseTarget t = new DatabaseTarget("jdbc:postgresql://db/app?password=hunter2", "u", "other", false);
        assertEquals("jdbc:postgresql://db/app?password=*** as u", t.toString());
        assertFalse(t.toString().contains("hunter2"));
        assertFalse(t.toString().contains("other"));
    }

    @Test
    void theUserParameterOfAUrl() {
        assertEquals(java.util.Optional.of("postgres"), JdbcUrls.userParameter("jdbc:postgresql://localhost:5/postgres?user=postgres"));
        assertEquals(java.util.Optional.of("u"), JdbcUrls.userParameter("jdbc:postgresql://db/app?ssl=true&user=u&x=1"));
        assertEquals(java.util.Optional.of("u"), JdbcUrls.userParameter("jdbc:mysql://db/app;user=u;useSSL=false"));
        assertEquals(java.util.Optional.empty(), JdbcUrls.userParameter("jdbc:postgresql://db/app?superuser=x"));
        assertEquals(java.util.Optional.empty(), JdbcUrls.userParameter("jdbc:postgresql://db/app"));
    }
}
