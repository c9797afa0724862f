package fi.ips.referral.batch;

import fi.ips.support.eventstore.CommandBatch;
import fi.ips.support.eventstore.CommandBatch.Prepared;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.testsupport.WithEmbeddedPostgres;
import org.axonframework.commandhandling.CommandHandler;
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
 * {@link CommandBatch}'s transactions, with a command whose handler writes before it decides: a
 * refused item leaves nothing of its own, the others are stored together, and an error that is not
 * the item's fault stores none of the batch. {@code xmin} tells which rows one savepoint wrote.
 */
@WithEmbeddedPostgres
@SpringBootTest(properties = {"ips.relay.enabled=false", "spring.kafka.admin.auto-create=false"})
class CommandBatchTransactionsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Outcome { STORE, REFUSE, BREAK }

    record Mark(String value, Outcome outcome) {
    }

    record MarkRequest(String value, Outcome outcome) {
    }

    /** Writes its row first, then stores, refuses (a broken rule) or breaks (a bug). */
    static class MarkHandler {
        private final JdbcTemplate jdbc;

        MarkHandler(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @CommandHandler
        void handle(Mark mark) {
            jdbc.update("insert into batch_marks (value) values (?)", mark.value());
            if (mark.outcome() == Outcome.REFUSE) {
                throw RuleViolationException.conflict("marked-refused", "value", "refused after writing");
            }
            if (mark.outcome() == Outcome.BREAK) {
                throw new IllegalStateException("broken after writing");
            }
        }
    }

    @TestConfiguration
    static class Marks {
        @Bean
        MarkHandler markHandler(JdbcTemplate jdbc) {
            jdbc.execute("create table if not exists batch_marks (value varchar(64) primary key)");
            return new MarkHandler(jdbc);
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
        CommandBatch.Answer answer = batches.run(request(Outcome.STORE, Outcome.REFUSE, Outcome.STORE), operations);

        assertThat(answer.accepted()).isEqualTo(2);
        assertThat(answer.items().get(1).problem()).containsEntry("rule", "marked-refused");
        assertThat(stored()).containsExactly(value(0), value(2));
    }

    /**
     * Without a refused command, items share a savepoint by the group of 50: rows written under one
     * savepoint carry its subtransaction's {@code xmin}, where a savepoint per item would give each its own.
     * An item refused in its preparation has written nothing and leaves its group alone.
     */
    @Test
    void itemsShareASavepointByTheGroupOf50() {
        List<CommandBatch.Item> items = new ArrayList<>(request(Collections.nCopies(120, Outcome.STORE).toArray(Outcome[]::new)).items());
        items.set(1, new CommandBatch.Item("mark", null, null));

        CommandBatch.Answer answer = batches.run(new CommandBatch.Request(items), operations);

        assertThat(answer.accepted()).isEqualTo(119);
        assertThat(answer.items().get(1).problem()).containsEntry("rule", "body-required");
        assertThat(stored()).hasSize(119);
        assertThat(writers()).isEqualTo(3);
    }

    /** A refused command's group is undone and applied again, the refused item in a savepoint of its own. */
    @Test
    void aRefusedCommandIsUndoneAloneAndItsGroupAppliedAgainTogether() {
        CommandBatch.Answer answer = batches.run(request(Outcome.STORE, Outcome.STORE, Outcome.REFUSE, Outcome.STORE), operations);

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
        List<CommandBatch.Item> items = IntStream.range(0, outcomes.length).mapToObj(i -> new CommandBatch.Item("mark", null,
                JSON.valueToTree(new MarkRequest(value(i), outcomes[i])))).toList();
        return new CommandBatch.Request(items);
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
