package fi.ips.local;

import fi.ips.process.ParentWatch;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An Apache Kafka broker in KRaft mode (broker and controller in one node) from Maven Central
 * jars, in its own process. The log directory is formatted on first start and kept afterwards.
 * <p>
 * Usage: {@code KafkaBroker PORT CONTROLLER_PORT DATA_DIR}
 */
public final class KafkaBroker {

    private KafkaBroker() {
    }

    public static void main(String[] args) throws IOException {
        ParentWatch.exitWithParent();
        int port = Integer.parseInt(args[0]);
        int controllerPort = Integer.parseInt(args[1]);
        Path dataDir = Path.of(args[2]).toAbsolutePath();
        Path logDir = dataDir.resolve("logs");
        Path config = dataDir.resolve("server.properties");
        Files.createDirectories(logDir);
        try (Writer out = Files.newBufferedWriter(config)) {
            out.write(String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@localhost:" + controllerPort,
                    "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://localhost:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                    "inter.broker.listener.name=PLAINTEXT",
                    "log.dirs=" + logDir,
                    "num.partitions=3",
                    "offsets.topic.replication.factor=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    // Sized for one machine: 5 partitions of consumer offsets instead of 50, and a 16 MB
                    // buffer for compacting them instead of 128 MB, so that the broker fits a 256 MB heap.
                    "offsets.topic.num.partitions=5",
                    "log.cleaner.dedupe.buffer.size=16777216",
                    "auto.create.topics.enable=false",
                    ""));
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int exit = StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                    System.out);
            if (exit != 0) {
                throw new IllegalStateException("formatting the Kafka log directory failed with " + exit);
            }
        }
        kafka.Kafka.main(new String[]{config.toString()});
    }
}
