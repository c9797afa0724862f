package fi.ips.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalPlatformTest {

    @Test
    void aPortInUseIsNamedBeforeAnythingStarts(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            var defaults = LocalPlatform.Ports.defaults().shiftedBy(30_000);
            var ports = new LocalPlatform.Ports(defaults.gateway(), defaults.gatewayManagement(), defaults.auth(), defaults.referral(), defaults.placement(), defaults.outcomes(),
                    defaults.imports(), port, defaults.kafkaController(), defaults.mongo(), defaults.postgres());
            var out = new ByteArrayOutputStream();

            assertThatThrownBy(() -> LocalPlatform.start(new LocalPlatform.Config(data, data, ports, "64m"), new PrintStream(out)))
                    .isInstanceOf(LocalPlatform.PortInUseException.class)
                    .hasMessageStartingWith("Port " + port + " (Kafka) is already in use")
                    .hasMessageContaining("--port-offset");
            assertThat(data).isEmptyDirectory();
        }
    }

    @Test
    void missingServiceJarsAskForABuild(@TempDir Path home) {
        var ports = LocalPlatform.Ports.defaults().shiftedBy(30_000);

        assertThatThrownBy(() -> LocalPlatform.start(new LocalPlatform.Config(home, home.resolve("data"), ports, "64m"),
                new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("auth-server.jar is missing: build first with ./mvnw -DskipTests package");
    }
}
