package fi.ips.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for tests. */
public final class Ports {

    private Ports() {
    }

    /** A port nothing listens on (one the system just gave out and took back): a broker or server that is not there. */
    public static int unused() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
