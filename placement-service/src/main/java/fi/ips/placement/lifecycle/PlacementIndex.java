package fi.ips.placement.lifecycle;

import fi.ips.events.JobStartedEvent;
import fi.ips.events.StudiesStartedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Which placements each client has, updated in the same transaction as the events (a subscribing
 * processor), so a placement is listed as soon as the request that started it has answered.
 */
@Component
@ProcessingGroup(PlacementIndex.PROCESSING_GROUP)
class PlacementIndex {

    static final String PROCESSING_GROUP = "placement-index";

    private final JdbcTemplate jdbc;

    PlacementIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("""
                create table if not exists client_placements (
                    placement_id varchar(64) primary key,
                    client_id varchar(64) not null)""");
        jdbc.execute("create index if not exists client_placements_client on client_placements (client_id)");
    }

    @EventHandler
    void on(JobStartedEvent event) {
        add(event.jobId(), event.clientId());
    }

    @EventHandler
    void on(StudiesStartedEvent event) {
        add(event.studyId(), event.clientId());
    }

    List<String> placementsOf(String clientId) {
        return jdbc.queryForList("select placement_id from client_placements where client_id = ? order by placement_id",
                String.class, clientId);
    }

    private void add(String placementId, String clientId) {
        jdbc.update("insert into client_placements (placement_id, client_id) values (?, ?) on conflict do nothing",
                placementId, clientId);
    }
}
