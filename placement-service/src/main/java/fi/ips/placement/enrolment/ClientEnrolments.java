package fi.ips.placement.enrolment;

import fi.ips.events.AgreementDateCorrectedEvent;
import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.EnrolmentEvent;
import fi.ips.events.ReferralDateCorrectedEvent;
import fi.ips.events.ReferralVoidedEvent;
import fi.ips.events.Region;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.support.security.Caller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * placement-service's own view of who has a signed agreement, kept in its database from the
 * enrolment events on Kafka (it never calls referral-service). Every event sets a value, so a
 * re-delivered event changes nothing.
 */
@Component
public class ClientEnrolments {

    private static final RowMapper<ClientEnrolment> ROW = (rs, n) -> new ClientEnrolment(rs.getString("client_id"),
            Region.ofCode(rs.getString("region")), date(rs.getDate("referred_on")), date(rs.getDate("agreement_signed_on")),
            rs.getBoolean("voided"));

    /**
     * An event's row: the client and its region when new, and whichever of the values the event sets
     * (the others given as null keep theirs). A voided referral stays voided.
     */
    private static final String UPSERT = """
            insert into client_enrolments (client_id, region, referred_on, agreement_signed_on, voided) values (?, ?, ?, ?, ?)
            on conflict (client_id) do update set
                referred_on = coalesce(excluded.referred_on, client_enrolments.referred_on),
                agreement_signed_on = coalesce(excluded.agreement_signed_on, client_enrolments.agreement_signed_on),
                voided = client_enrolments.voided or excluded.voided""";

    private static final int[] UPSERT_TYPES = {Types.VARCHAR, Types.CHAR, Types.DATE, Types.DATE, Types.BOOLEAN};

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Duration agreementWait;

    ClientEnrolments(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                     @Value("${ips.placement.agreement-wait:3s}") Duration agreementWait) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.agreementWait = agreementWait;
        jdbc.execute("""
                create table if not exists client_enrolments (
                    client_id varchar(64) primary key,
                    region char(2) not null,
                    referred_on date,
                    agreement_signed_on date,
                    voided boolean not null default false)""");
    }

    /** Takes in one enrolment event. */
    public void apply(EnrolmentEvent event) {
        applyAll(List.of(event));
    }

    /**
     * Takes in enrolment events, in their order, in one transaction and one round trip (a consumer's
     * poll): taken in one at a time, each referral and agreement cost this service's database two
     * statements and two commits.
     */
    public void applyAll(List<EnrolmentEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Object[]> rows = events.stream().map(ClientEnrolments::row).toList();
        transactions.executeWithoutResult(status -> jdbc.batchUpdate(UPSERT, rows, UPSERT_TYPES));
    }

    /** The values an event sets; null where it sets none. */
    private static Object[] row(EnrolmentEvent event) {
        LocalDate referredOn = event instanceof ClientReferredEvent e ? e.referredOn()
                : event instanceof ReferralDateCorrectedEvent e ? e.referredOn() : null;
        LocalDate signedOn = event instanceof AgreementSignedEvent e ? e.signedOn()
                : event instanceof AgreementDateCorrectedEvent e ? e.signedOn() : null;
        return new Object[]{event.clientId(), event.region().code(), sqlDate(referredOn), sqlDate(signedOn),
                event instanceof ReferralVoidedEvent};
    }

    public Optional<ClientEnrolment> find(String clientId) {
        List<ClientEnrolment> found = jdbc.query("select * from client_enrolments where client_id = ?", ROW, clientId);
        return found.stream().findFirst();
    }

    /**
     * The caller's client with a signed agreement. An agreement signed a moment ago may still be on
     * its way through Kafka, so this waits briefly ({@code ips.placement.agreement-wait}) before it
     * answers that there is none.
     *
     * @throws RuleViolationException 409 when the client is voided, or has no agreement in the caller's region
     */
    public ClientEnrolment requireAgreement(String clientId) {
        return requireAgreement(clientId, agreementWait);
    }

    /** {@link #requireAgreement} without the wait: a batch holds its transaction meanwhile, and its caller re-sends. */
    public ClientEnrolment requireAgreementNow(String clientId) {
        return requireAgreement(clientId, Duration.ZERO);
    }

    private ClientEnrolment requireAgreement(String clientId, Duration wait) {
        Caller caller = Caller.current();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<ClientEnrolment> found = find(clientId).filter(c -> caller.mayWrite(c.region()));
            if (found.isPresent() && found.get().voided()) {
                throw RuleViolationException.conflict("client-voided", "clientId", "This client's referral was voided");
            }
            if (found.isPresent() && found.get().agreementSignedOn() != null) {
                return found.get();
            }
            if (System.nanoTime() >= deadline) {
                throw RuleViolationException.conflict("client-without-agreement", "clientId",
                        "No client with a signed agreement by this id in your region is known here; an agreement"
                                + " stored moments ago may still be on its way (send again in a minute)");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the agreement", e);
        }
    }

    private static LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static Date sqlDate(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
