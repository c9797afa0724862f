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

import java.sql.Date;
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

    private final JdbcTemplate jdbc;
    private final Duration agreementWait;

    ClientEnrolments(JdbcTemplate jdbc, @Value("${ips.placement.agreement-wait:3s}") Duration agreementWait) {
        this.jdbc = jdbc;
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
        jdbc.update("insert into client_enrolments (client_id, region) values (?, ?) on conflict (client_id) do nothing",
                event.clientId(), event.region().code());
        if (event instanceof ClientReferredEvent e) {
            set("referred_on", e.clientId(), Date.valueOf(e.referredOn()));
        } else if (event instanceof ReferralDateCorrectedEvent e) {
            set("referred_on", e.clientId(), Date.valueOf(e.referredOn()));
        } else if (event instanceof AgreementSignedEvent e) {
            set("agreement_signed_on", e.clientId(), Date.valueOf(e.signedOn()));
        } else if (event instanceof AgreementDateCorrectedEvent e) {
            set("agreement_signed_on", e.clientId(), Date.valueOf(e.signedOn()));
        } else if (event instanceof ReferralVoidedEvent e) {
            set("voided", e.clientId(), true);
        }
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
                        "No client with a signed agreement by this id in your region");
            }
            pause();
        }
    }

    private void set(String column, String clientId, Object value) {
        jdbc.update("update client_enrolments set " + column + " = ? where client_id = ?", value, clientId);
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
}
