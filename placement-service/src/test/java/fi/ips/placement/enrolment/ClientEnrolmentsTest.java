package fi.ips.placement.enrolment;

import fi.ips.events.AgreementDateCorrectedEvent;
import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.DeclineReason;
import fi.ips.events.EnrolmentEvent;
import fi.ips.events.ReferralDateCorrectedEvent;
import fi.ips.events.ReferralDeclinedEvent;
import fi.ips.events.ReferralSource;
import fi.ips.events.ReferralVoidedEvent;
import fi.ips.events.Region;
import fi.ips.testsupport.EmbeddedInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** placement-service's view of enrolments, taken in a poll of events at a time, against PostgreSQL. */
class ClientEnrolmentsTest {

    private static final Region REGION = Region.POHJOIS_KARJALA;
    private static final LocalDate REFERRED = LocalDate.of(2022, 3, 1);
    private static final LocalDate SIGNED = LocalDate.of(2022, 3, 15);

    private static final String DATABASE = EmbeddedInfrastructure.postgresDatabase();

    private final SingleConnectionDataSource database = new SingleConnectionDataSource(DATABASE, true);
    private final ClientEnrolments enrolments = new ClientEnrolments(new JdbcTemplate(database), new DataSourceTransactionManager(database),
            Duration.ZERO);

    @Test
    void eachEventSetsItsValueAndKeepsTheOthers() {
        String client = client();

        enrolments.applyAll(List.of(
                new ClientReferredEvent(client, REGION, REFERRED, ReferralSource.OTHER, null),
                new AgreementSignedEvent(client, REGION, SIGNED),
                new ReferralDateCorrectedEvent(client, REGION, REFERRED.minusDays(1)),
                new AgreementDateCorrectedEvent(client, REGION, SIGNED.plusDays(2))));

        assertThat(enrolments.find(client)).contains(new ClientEnrolment(client, REGION, REFERRED.minusDays(1), SIGNED.plusDays(2), false));
    }

    @Test
    void anEventThatSetsNothingStillMakesTheClientKnown() {
        String client = client();

        enrolments.apply(new ReferralDeclinedEvent(client, REGION, REFERRED, DeclineReason.SERVICE_FULL));

        assertThat(enrolments.find(client)).contains(new ClientEnrolment(client, REGION, null, null, false));
    }

    @Test
    void aRedeliveredPollChangesNothing() {
        String client = client();
        List<EnrolmentEvent> poll = List.of(new ClientReferredEvent(client, REGION, REFERRED, ReferralSource.OTHER, null),
                new AgreementSignedEvent(client, REGION, SIGNED));

        enrolments.applyAll(poll);
        enrolments.applyAll(poll);

        assertThat(enrolments.find(client)).contains(new ClientEnrolment(client, REGION, REFERRED, SIGNED, false));
    }

    @Test
    void aVoidedClientStaysVoided() {
        String client = client();

        enrolments.applyAll(List.of(new ClientReferredEvent(client, REGION, REFERRED, ReferralSource.OTHER, null),
                new AgreementSignedEvent(client, REGION, SIGNED),
                new ReferralVoidedEvent(client, REGION, SIGNED.plusDays(1)),
                new AgreementDateCorrectedEvent(client, REGION, SIGNED)));

        assertThat(enrolments.find(client)).contains(new ClientEnrolment(client, REGION, REFERRED, SIGNED, true));
    }

    private static String client() {
        return "ce-" + UUID.randomUUID();
    }
}
