package fi.ips.bench.platform;

import fi.ips.local.LocalPlatform.Ports;

import java.net.URI;

/**
 * Where the platform under test listens. The gateway is the way in for every scenario; the others
 * are for what a client of the platform cannot do through it: the rebuild (outcomes-service's
 * actuator, not routed), seeding the topics, and the machine's raw Kafka and PostgreSQL rates.
 */
public record Endpoints(Ports ports) {

    /**
     * A running platform given by its gateway: the local layout is assumed, moved by the same offset
     * as the gateway's port (as {@code ./platform --port-offset=N} moves every port).
     */
    public static Endpoints ofGateway(String gatewayUrl) {
        int port = URI.create(gatewayUrl).getPort();
        if (port < 0) {
            throw new IllegalArgumentException("--gateway needs a port, e.g. http://localhost:8080");
        }
        return new Endpoints(Ports.defaults().shiftedBy(port - Ports.defaults().gateway()));
    }

    public String gateway() {
        return "http://localhost:" + ports.gateway();
    }

    public String auth() {
        return "http://localhost:" + ports.auth();
    }

    public String outcomes() {
        return "http://localhost:" + ports.outcomes();
    }

    public String kafka() {
        return "localhost:" + ports.kafka();
    }

    public String postgres(String database) {
        return "jdbc:postgresql://localhost:" + ports.postgres() + "/" + database;
    }
}
