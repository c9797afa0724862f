package fi.ips.outcomes.health;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * MongoDB health by {@code ping}, which MongoDB and the local wire-protocol server both answer
 * (Spring Boot's own indicator sends {@code hello}, which the local server lacks). Named so that
 * it replaces Spring Boot's.
 */
@Component("mongoHealthIndicator")
class MongoPingHealthIndicator implements HealthIndicator {

    private final MongoTemplate mongo;

    MongoPingHealthIndicator(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Health health() {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        return answer.get("ok", Number.class).doubleValue() == 1.0 ? Health.up().build() : Health.down().build();
    }
}
