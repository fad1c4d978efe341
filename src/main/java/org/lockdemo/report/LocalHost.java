package org.lockdemo.report;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name, for the {@code hostname} of a JUnit report. Stateless. */
final class LocalHost {
    private LocalHost() {
    }

    /**
     * The host name; when the name does not resolve (a container without its own entry in
     * /etc/hosts), the JDK's exception message starts with the name itself ({@code "box: box: Name or
     * service not known"}), which is taken instead; {@code localhost} if even that is empty.
     */
    static String name() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unresolved) {
            String m = unresolved.getMessage();
            int colon = m == null ? -1 : m.indexOf(':');
            return colon > 0 ? m.substring(0, colon) : "localhost";
        }
    }
}
