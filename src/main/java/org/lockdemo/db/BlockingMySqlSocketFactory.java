package org.lockdemo.db;

import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.protocol.StandardSocketFactory;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.net.Socket;
import java.nio.channels.SocketChannel;

/**
 * Connector/J's {@code socketFactory} for the race's pooled connections: its standard factory, on a
 * {@link SocketChannel}'s socket, whose untimed reads stay single blocking system calls after the
 * timed connect and login (see {@link BlockingSocketFactory} for why, and for what bounds a server
 * that stops answering instead of the socket timeout).
 *
 * <p>Not thread-safe, as its superclass: Connector/J makes one per connection.
 */
public final class BlockingMySqlSocketFactory extends StandardSocketFactory {

    @Override
    protected Socket createSocket(PropertySet props) {
        try {
            return SocketChannel.open().socket();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a socket", e);
        }
    }
}
