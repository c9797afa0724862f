package fi.ips.referral.enrolment;

import fi.ips.events.AgreementDateCorrectedEvent;
import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.DeclineReason;
import fi.ips.events.EnrolmentEvent;
import fi.ips.events.ReferralDateCorrectedEvent;
import fi.ips.events.ReferralDeclinedEvent;
import fi.ips.events.ReferralSource;
import fi.ips.events.ReferralVoidedEvent;
import fi.ips.events.ReferralWithdrawnEvent;
import fi.ips.events.Region;
import fi.ips.events.ServiceEndDateCorrectedEvent;
import fi.ips.events.ServiceEndReason;
import fi.ips.events.ServiceEndedEvent;
import fi.ips.testsupport.WithEmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients list writes each event without reading the row first: after every event of every
 * kind, in journeys that reach each of them, its row is the state the client's events fold to.
 */
@WithEmbeddedPostgres
@SpringBootTest(properties = {"ips.relay.enabled=false", "spring.kafka.admin.auto-create=false"})
class EnrolmentListTest {

    private static final Region REGION = Region.ofCode("17");
    private static final LocalDate DAY = LocalDate.of(2023, 3, 1);

    @Autowired
    EnrolmentList list;

    @Test
    void theRowIsTheFoldedStateAfterEveryKindOfEvent() {
        List<Function<String, EnrolmentEvent>> signedAndEnded = List.of(
                id -> new ClientReferredEvent(id, REGION, DAY, ReferralSource.SELF_REFERRAL, null),
                id -> new ReferralDateCorrectedEvent(id, REGION, DAY.minusDays(3)),
                id -> new AgreementSignedEvent(id, REGION, DAY.plusDays(10)),
                id -> new AgreementDateCorrectedEvent(id, REGION, DAY.plusDays(9)),
                id -> new ServiceEndedEvent(id, REGION, DAY.plusDays(100), ServiceEndReason.GOAL_ACHIEVED),
                id -> new ServiceEndDateCorrectedEvent(id, REGION, DAY.plusDays(101)),
                id -> new ReferralVoidedEvent(id, REGION, DAY.plusDays(102)),
                // Referred again under the same id: the row starts afresh.
                id -> new ClientReferredEvent(id, REGION, DAY.plusDays(200), ReferralSource.SELF_REFERRAL, null));
        List<Function<String, EnrolmentEvent>> declined = List.of(
                id -> new ClientReferredEvent(id, REGION, DAY, ReferralSource.SELF_REFERRAL, null),
                id -> new ReferralDeclinedEvent(id, REGION, DAY.plusDays(5), DeclineReason.SERVICE_FULL));
        List<Function<String, EnrolmentEvent>> withdrawn = List.of(
                id -> new ClientReferredEvent(id, REGION, DAY, ReferralSource.SELF_REFERRAL, null),
                id -> new ReferralWithdrawnEvent(id, REGION, DAY.plusDays(5)));
        for (List<Function<String, EnrolmentEvent>> journey : List.of(signedAndEnded, declined, withdrawn)) {
            String id = "list-" + UUID.randomUUID();
            EnrolmentState folded = EnrolmentState.NONE;
            for (Function<String, EnrolmentEvent> next : journey) {
                EnrolmentEvent event = next.apply(id);
                list.on(event);
                folded = folded.apply(event);
                assertThat(row(id)).as("after %s", event.getClass().getSimpleName()).isEqualTo(folded);
            }
        }
    }

    private EnrolmentState row(String id) {
        return list.page(REGION, null, 0, 10_000).items().stream().filter(state -> state.clientId().equals(id)).findFirst().orElseThrow();
    }
}
