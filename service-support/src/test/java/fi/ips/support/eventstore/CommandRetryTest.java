package fi.ips.support.eventstore;

import fi.ips.support.problem.RuleViolationException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command gateway retries what may pass on a second try, and only that. */
class CommandRetryTest {

    record Attempt() {
    }

    @Test
    void aConflictWithAnotherInstanceIsRetried() {
        AtomicInteger handled = handledUntilFailure(() -> new ConcurrencyException("changed meanwhile"));

        assertThat(handled).hasValue(4);
    }

    @Test
    void aBrokenRuleIsAnsweredAtOnceWithoutRetrying() {
        AtomicInteger handled = handledUntilFailure(() -> RuleViolationException.conflict("some-rule", null, "refused"));

        assertThat(handled).hasValue(1);
    }

    private static AtomicInteger handledUntilFailure(Supplier<RuntimeException> failure) {
        AtomicInteger handled = new AtomicInteger();
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(Attempt.class.getName(), command -> {
            handled.incrementAndGet();
            throw failure.get();
        });
        CommandGateway gateway = new AxonJdbcAutoConfiguration().commandGateway(bus);

        assertThatThrownBy(() -> gateway.sendAndWait(GenericCommandMessage.asCommandMessage(new Attempt())))
                .isInstanceOf(failure.get().getClass());
        return handled;
    }
}
