package fi.ips.local;

import de.bwaldvogel.mongo.MongoServer;
import fi.ips.process.ParentWatch;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local stand-in for MongoDB: a server that speaks MongoDB's wire protocol, so the services
 * use the real MongoDB driver; data is kept in an H2 file and survives restarts. It lacks
 * transactions, change streams and non-unique indexes; production runs a MongoDB replica set.
 * <p>
 * Usage: {@code MongoWireServer PORT DATA_FILE}
 */
public final class MongoWireServer {

    private MongoWireServer() {
    }

    public static void main(String[] args) throws Exception {
        ParentWatch.exitWithParent();
        int port = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        MongoServer server = new MongoServer(new OrderedIndexesH2Backend(file.toString()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "mongo-shutdown"));
        server.bind("localhost", port);
        System.out.println("MongoDB wire server ready on port " + port);
        Thread.currentThread().join();
    }
}
