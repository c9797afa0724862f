package fi.ips.referral.enrolment;

import fi.ips.events.ClientReferredEvent;
import fi.ips.events.EnrolmentEvent;
import fi.ips.events.Region;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The clients of each region, for paging through them. Kept in the service's own database by a
 * subscribing processor: updated in the same transaction as the events, so a client shows here as
 * soon as the request that changed it has answered.
 */
@Component
@ProcessingGroup(EnrolmentList.PROCESSING_GROUP)
class EnrolmentList {

    static final String PROCESSING_GROUP = "enrolment-list";

    record Page(List<EnrolmentState> items, int page, int size, long total) {
    }

    private static final RowMapper<EnrolmentState> ROW = (rs, n) -> new EnrolmentState(rs.getString("client_id"),
            Region.ofCode(rs.getString("region")), EnrolmentStatus.valueOf(rs.getString("status")),
            date(rs.getDate("referred_on")), date(rs.getDate("agreement_signed_on")), date(rs.getDate("ended_on")));

    private final JdbcTemplate jdbc;

    EnrolmentList(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("""
                create table if not exists enrolment_list (
                    client_id varchar(64) primary key,
                    region char(2) not null,
                    status varchar(20) not null,
                    referred_on date not null,
                    agreement_signed_on date,
                    ended_on date)""");
        jdbc.execute("create index if not exists enrolment_list_region on enrolment_list (region, status, client_id)");
    }

    /**
     * One statement an event, without reading the row first: a referral sets every value of the row;
     * any other event only some, which are what it sets on an empty state ({@link EnrolmentState#apply}).
     */
    @EventHandler
    void on(EnrolmentEvent event) {
        EnrolmentState set = EnrolmentState.NONE.apply(event);
        if (event instanceof ClientReferredEvent) {
            jdbc.update("""
                            insert into enrolment_list (client_id, region, status, referred_on, agreement_signed_on, ended_on)
                            values (?, ?, ?, ?, ?, ?)
                            on conflict (client_id) do update set region = excluded.region, status = excluded.status,
                                referred_on = excluded.referred_on, agreement_signed_on = excluded.agreement_signed_on,
                                ended_on = excluded.ended_on""",
                    set.clientId(), set.region().code(), set.status().name(), sql(set.referredOn()),
                    sql(set.agreementSignedOn()), sql(set.endedOn()));
        } else {
            jdbc.update("""
                            update enrolment_list set status = coalesce(?, status), referred_on = coalesce(?, referred_on),
                                agreement_signed_on = coalesce(?, agreement_signed_on), ended_on = coalesce(?, ended_on)
                            where client_id = ?""",
                    new Object[]{set.status() == null ? null : set.status().name(), sql(set.referredOn()),
                            sql(set.agreementSignedOn()), sql(set.endedOn()), event.clientId()},
                    new int[]{Types.VARCHAR, Types.DATE, Types.DATE, Types.DATE, Types.VARCHAR});
        }
    }

    /** The client's region; empty for a client not in the list. */
    Optional<Region> regionOf(String clientId) {
        return jdbc.queryForList("select region from enrolment_list where client_id = ?", String.class, clientId).stream()
                .findFirst().map(Region::ofCode);
    }

    /** @param status null for every status */
    Page page(Region region, EnrolmentStatus status, int page, int size) {
        String where = status == null ? "region = ?" : "region = ? and status = ?";
        Object[] args = status == null ? new Object[]{region.code()} : new Object[]{region.code(), status.name()};
        Long total = jdbc.queryForObject("select count(*) from enrolment_list where " + where, Long.class, args);
        List<EnrolmentState> items = jdbc.query("select * from enrolment_list where " + where
                + " order by client_id limit " + size + " offset " + (long) page * size, ROW, args);
        return new Page(items, page, size, total == null ? 0 : total);
    }

    private static LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static Date sql(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
