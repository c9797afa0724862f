package fi.ips.referral.batch;

import fi.ips.support.eventstore.CommandBatch;
import fi.ips.support.eventstore.CommandBatch.Prepared;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.testsupport.WithEmbeddedPostgres;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link CommandBatch}'s transactions, with a command that writes as the platform's commands do,
 * through its event (stored, and a row written by an event handler in the same transaction): a
 * refused item leaves nothing of its own, the others are stored together, and an error that is not
 * the item's fault stores none of the batch. {@code xmin} tells which rows one savepoint wrote; the
 * event store's global sequence tells whether events were rolled back.
 */
@WithEmbeddedPostgres
@SpringBootTest(properties = {"ips.relay.enabled=false", "spring.kafka.admin.auto-create=false",
        "axon.eventhandling.processors.batch-marks.mode=subscribing"})
class CommandBatchTransactionsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What becomes of an item's mark: stored; refused by the command's rule (before anything is stored) or by the event handler's, after writing; broken (a bug) after writing. */
    enum Outcome { STORE, REFUSE, REFUSE_AFTER_WRITING, BREAK }

    record Mark(String value, Outcome outcome) {
    }

    record MarkRequest(String value, Outcome outcome) {
    }

    record Marked(String value, Outcome outcome) {
    }

    static class MarkHandler {
        private final EventBus events;

        MarkHandler(EventBus events) {
            this.events = events;
        }

        @CommandHandler
        void handle(Mark mark) {
            if (mark.outcome() == Outcome.REFUSE) {
                throw RuleViolationException.conflict("marked-refused", "value", "refused by the command's rule");
            }
            events.publish(GenericEventMessage.asEventMessage(new Marked(mark.value(), mark.outcome())));
        }
    }

    /** Writes the mark's row in the command's transaction, then refuses or breaks as the mark says. */
    @ProcessingGroup("batch-marks")
    static class MarkWriter {
        private final JdbcTemplate jdbc;

        MarkWriter(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(Marked marked) {
            jdbc.update("insert into batch_marks (value) values (?)", marked.value());
            if (marked.outcome() == Outcome.REFUSE_AFTER_WRITING) {
                throw RuleViolationException.conflict("marked-refused", "value", "refused after writing");
            }
            if (marked.outcome() == Outcome.BREAK) {
                throw new IllegalStateException("broken after writing");
            }
        }
    }

    @TestConfiguration
    static class Marks {
        @Bean
        MarkHandler markHandler(EventBus events) {
            return new MarkHandler(events);
        }

        @Bean
        MarkWriter markWriter(JdbcTemplate jdbc) {
            jdbc.execute("create table if not exists batch_marks (value varchar(64) primary key)");
            return new MarkWriter(jdbc);
        }
    }

    private final CommandBatch.Operations operations = new CommandBatch.Operations()
            .on("mark", MarkRequest.class, (id, request) -> new Prepared(request.value(), new Mark(request.value(), request.outcome())));

    @Autowired
    CommandBatch batches;
    @Autowired
    JdbcTemplate jdbc;

    private String run;

    @BeforeEach
    void newRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aRefusedItemLeavesNothingOfItsOwnAndTheOthersAreStored() {
        CommandBatch.Answer answer = batches.run(request(Outcome.STORE, Outcome.REFUSE_AFTER_WRITING, Outcome.STORE, Outcome.REFUSE), operations);

        assertThat(answer.accepted()).isEqualTo(2);
        assertThat(answer.items().get(1).problem()).containsEntry("rule", "marked-refused");
        assertThat(answer.items().get(3).problem()).containsEntry("rule", "marked-refused");
        assertThat(stored()).containsExactly(value(0), value(2));
    }

    /**
     * Items share a savepoint by the group of 50: rows written under one savepoint carry its
     * subtransaction's {@code xmin}, where a savepoint per item would give each its own. An item refused
     * before its events were stored – in its preparation or by its command's rule – has written nothing
     * and leaves its group alone: nothing is applied twice, and no event is rolled back, which would
     * leave a gap in the global sequence.
     */
    @Test
    void itemsShareASavepointByTheGroupOf50AndARefusalBeforeWritingLeavesItsGroupAlone() {
        List<CommandBatch.Item> items = new ArrayList<>(request(Collections.nCopies(120, Outcome.STORE).toArray(Outcome[]::new)).items());
        items.set(1, new CommandBatch.Item("mark", null, null));
        items.set(60, item(60, Outcome.REFUSE));
        long sequenceBefore = lastGlobalIndex();

        CommandBatch.Answer answer = batches.run(new CommandBatch.Request(items), operations);

        assertThat(answer.accepted()).isEqualTo(118);
        assertThat(answer.items().get(1).problem()).containsEntry("rule", "body-required");
        assertThat(answer.items().get(60).problem()).containsEntry("rule", "marked-refused");
        assertThat(stored()).hasSize(118);
        assertThat(writers()).isEqualTo(3);
        assertThat(lastGlobalIndex() - sequenceBefore).as("global sequence numbers taken").isEqualTo(118);
    }

    /** A command refused after its events were stored has its group undone and applied again, itself in a savepoint of its own. */
    @Test
    void aCommandRefusedAfterWritingIsUndoneAloneAndItsGroupAppliedAgainTogether() {
        CommandBatch.Answer answer = batches.run(request(Outcome.STORE, Outcome.STORE, Outcome.REFUSE_AFTER_WRITING, Outcome.STORE), operations);

        assertThat(answer.items()).extracting(CommandBatch.ItemAnswer::accepted).containsExactly(true, true, false, true);
        assertThat(stored()).containsExactly(value(0), value(1), value(3));
        assertThat(writers()).isEqualTo(2);
    }

    @Test
    void anErrorThatIsNotTheItemsFaultStoresNoneOfTheBatch() {
        assertThatThrownBy(() -> batches.run(request(Outcome.STORE, Outcome.BREAK, Outcome.STORE), operations))
                .isInstanceOf(IllegalStateException.class);

        assertThat(stored()).isEmpty();
    }

    private CommandBatch.Request request(Outcome... outcomes) {
        return new CommandBatch.Request(IntStream.range(0, outcomes.length).mapToObj(i -> item(i, outcomes[i])).toList());
    }

    private CommandBatch.Item item(int index, Outcome outcome) {
        return new CommandBatch.Item("mark", null, JSON.valueToTree(new MarkRequest(value(index), outcome)));
    }

    /** The last number the event store's global sequence gave, whether its event was kept or rolled back. */
    private long lastGlobalIndex() {
        return jdbc.queryForObject("select case when is_called then last_value else 0 end from domainevententry_globalindex_seq", Long.class);
    }

    private List<String> stored() {
        return jdbc.queryForList("select value from batch_marks where value like ? order by value", String.class, run + "-%");
    }

    /** How many transactions or subtransactions wrote this run's rows. */
    private long writers() {
        return jdbc.queryForObject("select count(distinct xmin::text) from batch_marks where value like ?", Long.class, run + "-%");
    }

    private String value(int index) {
        return run + "-" + index;
    }
}
