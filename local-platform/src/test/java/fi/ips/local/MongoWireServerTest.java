package fi.ips.local;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wire server's store through the services' driver, across restarts and from a store written before its index order. */
class MongoWireServerTest {

    @TempDir
    Path folder;

    @Test
    void documentsAreFoundByIdAndIdsStayUniqueAcrossRestarts() {
        String file = folder.resolve("mongo.mv").toString();
        with(new OrderedIndexesH2Backend(file), journeys -> {
            journeys.insertMany(clients(0, 500));
            journeys.updateOne(Filters.eq("_id", "client-250"), Updates.set("region", "14"), new UpdateOptions().upsert(true));
            journeys.updateOne(Filters.eq("_id", "client-new"), Updates.set("region", "11"), new UpdateOptions().upsert(true));
        });

        with(new OrderedIndexesH2Backend(file), journeys -> {
            assertThat(journeys.countDocuments()).isEqualTo(501);
            assertThat(journeys.find(Filters.eq("_id", "client-250")).first()).containsEntry("region", "14");
            assertThat(journeys.find(Filters.in("_id", "client-7", "client-new", "client-none")).into(new ArrayList<>()))
                    .extracting(document -> document.get("_id")).containsExactlyInAnyOrder("client-7", "client-new");
            assertThatThrownBy(() -> journeys.insertOne(new Document("_id", "client-499")))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(ErrorCategory.fromErrorCode(e.getCode())).isEqualTo(ErrorCategory.DUPLICATE_KEY));
        });
    }

    @Test
    void aStoreWrittenInH2sIndexOrderIsReadAndWrittenOn() {
        String file = folder.resolve("mongo.mv").toString();
        with(new H2Backend(file), journeys -> journeys.insertMany(clients(0, 300)));

        with(new OrderedIndexesH2Backend(file), journeys -> {
            assertThat(journeys.find(Filters.eq("_id", "client-123")).first()).isNotNull();
            journeys.insertMany(clients(300, 400));
            assertThatThrownBy(() -> journeys.insertOne(new Document("_id", "client-42"))).isInstanceOf(MongoWriteException.class);
        });

        with(new OrderedIndexesH2Backend(file), journeys -> {
            assertThat(journeys.countDocuments()).isEqualTo(400);
            assertThat(journeys.find(Filters.eq("_id", "client-42")).first()).isNotNull();
            assertThat(journeys.find(Filters.eq("_id", "client-399")).first()).isNotNull();
        });
    }

    private static List<Document> clients(int from, int to) {
        List<Document> clients = new ArrayList<>();
        for (int i = from; i < to; i++) {
            clients.add(new Document("_id", "client-" + i).append("region", "10"));
        }
        return clients;
    }

    private static void with(MongoBackend backend, Consumer<MongoCollection<Document>> use) {
        MongoServer server = new MongoServer(backend);
        try {
            server.bind("localhost", 0);
            try (MongoClient client = MongoClients.create("mongodb://localhost:" + server.getLocalAddress().getPort())) {
                use.accept(client.getDatabase("ips-outcomes").getCollection("client_journeys"));
            }
        } finally {
            server.shutdown();
        }
    }
}
