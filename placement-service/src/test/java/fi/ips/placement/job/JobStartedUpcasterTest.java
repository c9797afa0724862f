package fi.ips.placement.job;

import fi.ips.events.EmployerSector;
import fi.ips.events.JobStartedEvent;
import fi.ips.events.JobType;
import fi.ips.events.Region;
import fi.ips.testsupport.WithEmbeddedPostgres;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A job start stored before schema version 2 is read as version 2; a new one is stored as version 2. */
@WithEmbeddedPostgres
@SpringBootTest(properties = {"ips.relay.enabled=false", "spring.kafka.admin.auto-create=false",
        "spring.kafka.listener.auto-startup=false"})
class JobStartedUpcasterTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;

    @Test
    void aJobStartStoredAsVersion1IsReadAsVersion2WithFixedTermUnknown() {
        String jobId = "old-" + UUID.randomUUID();
        String version1 = """
                {"jobId":"%s","clientId":"c-1","region":"14","startedOn":"2021-05-03","jobType":"PAID_OPEN_MARKET",
                 "weeklyHours":20,"employerSector":"PRIVATE","occupation":5,"existingJob":false,"schemaVersion":1}""".formatted(jobId);
        jdbc.update("""
                        insert into domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                                                      payloadtype, payloadrevision, payload, metadata)
                        values (?, ?, 0, 'Job', '2021-05-03T10:00:00Z', ?, null, ?, ?)""",
                UUID.randomUUID().toString(), jobId, JobStartedEvent.class.getName(),
                version1.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(jobId).asStream().toList();

        assertThat(events).singleElement().extracting(DomainEventMessage::getPayload).isEqualTo(new JobStartedEvent(jobId, "c-1",
                Region.ofCode("14"), LocalDate.of(2021, 5, 3), JobType.PAID_OPEN_MARKET, 20, EmployerSector.PRIVATE, 5,
                false, null, 2));
    }

    @Test
    void aNewJobStartIsStoredWithItsSchemaVersionAsRevision() {
        String jobId = "new-" + UUID.randomUUID();
        commands.sendAndWait(new JobCommands.StartJobCommand(jobId, "c-2", Region.ofCode("14"), LocalDate.of(2023, 1, 2),
                JobType.PAID_SUPPORTED, null, null, null, false, true));
        assertThat(jdbc.queryForObject("select payloadrevision from domainevententry where aggregateidentifier = ?", String.class, jobId))
                .isEqualTo("2");
        assertThat(eventStore.readEvents(jobId).next().getPayload()).extracting("fixedTerm", "schemaVersion").containsExactly(true, 2);
    }
}
