package org.lockdemo.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import javax.net.SocketFactory;

/**
 * pgjdbc's {@code socketFactory} for the race's pooled connections: sockets whose reads without a
 * timeout are one blocking {@code read(2)} each, also after a read or connect that had one.
 *
 * <p>The JDK's default socket ({@code NioSocketImpl}) turns non-blocking for good the first time it
 * connects or reads with a timeout (pgjdbc's {@code connectTimeout}, HikariCP's validation of a new
 * connection). From then on every read is a {@code read} that fails with {@code EAGAIN}, a
 * {@code poll} and a second {@code read}: three system calls and a wake-up where one would do. A
 * {@link SocketChannel}'s socket, in blocking mode, does a timed read or connect by turning
 * non-blocking for that one call and back afterwards, so the untimed reads of a race's statements
 * stay single blocking calls. The race's pooled connections therefore have no socket timeout: a
 * server that stops answering is detected by the race's answer watchdog instead
 * ({@code race.AnswerWatchdog}), which aborts a connection whose statement has had no answer for
 * {@code --answer-timeout}.
 *
 * <p>Thread-safe and stateless; pgjdbc instantiates it by name with its no-argument constructor.
 */
public final class BlockingSocketFactory extends SocketFactory {

    /** An unconnected socket; pgjdbc connects it with its {@code connectTimeout}. */
    @Override
    public Socket createSocket() throws IOException {
        return SocketChannel.open().socket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private static Socket connected(InetSocketAddress remote) throws IOException {
        Socket s = SocketChannel.open().socket();
        try {
            s.connect(remote);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private static Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket s = SocketChannel.open().socket();
        try {
            s.bind(local);
            s.connect(remote);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }
}
