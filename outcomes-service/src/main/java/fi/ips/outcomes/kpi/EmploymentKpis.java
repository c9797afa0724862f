package fi.ips.outcomes.kpi;

import fi.ips.events.Region;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * Counts from the client journey documents (see {@code ClientJourneys}). Dates are stored as ISO
 * strings, which order like the dates themselves.
 */
@Component
class EmploymentKpis {

    static final String JOURNEYS = "client_journeys";
    static final String NATIONAL_NAME = "Koko maa";

    private final MongoTemplate mongo;

    EmploymentKpis(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @param region null for the whole country */
    EmploymentFigures figures(Region region, LocalDate asOf) {
        String day = asOf.toString();
        long referrals = count(region, Criteria.where("referredOn").lte(day));
        long agreements = count(region, Criteria.where("agreementSignedOn").lte(day));
        long employed = count(region, Criteria.where("agreementSignedOn").lte(day).and("firstPaidJobOn").lte(day));
        return new EmploymentFigures(region == null ? null : region.code(), region == null ? NATIONAL_NAME : region.nameFi(),
                asOf, referrals, agreements, employed, agreements == 0 ? null : (double) employed / agreements);
    }

    private long count(Region region, Criteria criteria) {
        Criteria counted = criteria.and("voided").is(false);
        if (region != null) {
            counted = counted.and("region").is(region.code());
        }
        return mongo.count(Query.query(counted), JOURNEYS);
    }
}
