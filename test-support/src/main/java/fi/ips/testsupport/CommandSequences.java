package fi.ips.testsupport;

import fi.ips.support.problem.RuleViolationException;
import fi.ips.testsupport.Draw.Weighted;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Bad or out-of-order input gets a 4xx, never a 5xx, for an aggregate: random sequences of its commands
 * (ids from a tiny set, dates close to each other, earlier commands re-sent) are applied one at a time on
 * the events stored so far, and each must be applied or refused with a {@link RuleViolationException}.
 * Every event-sourced aggregate's property needs the same machinery, so it is written once here; a property
 * class ({@link Property}) gives its aggregate, the API's checks before a command is sent, and its steps'
 * draws ({@link Draw}).
 */
public final class CommandSequences<A> {

    /** The property, for a test class that draws its sequences with {@link #sequences}. */
    public interface Property {

        Draw<Sequence> sequences();

        @Test
        default void anySequenceOfCommandsIsAppliedOrRefusedByARule() {
            RandomChecks.forAll(200, sequences(), Sequence::run);
        }
    }

    /** Makes a step's command of its id, its date and its other fields. */
    @FunctionalInterface
    public interface CommandOf<T> {
        Object command(String id, LocalDate on, T with);
    }

    /** The window of the drawn dates. */
    private static final LocalDate FIRST_DAY = LocalDate.of(2021, 12, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(2022, 12, 31);

    /** What the API answers without sending a command, given the events stored for its id; null when it sends it. */
    @FunctionalInterface
    public interface ApiCheck {
        String answer(Object command, List<Object> stored);
    }

    /** The API's 404 for an id with nothing stored, for every command but the one that creates the aggregate. */
    public static ApiCheck notFoundUnless(Class<?> creatingCommand) {
        return (command, stored) -> stored.isEmpty() && !creatingCommand.isInstance(command)
                ? "404 (nothing stored for this id; the API sends nothing)" : null;
    }

    /** A date: a day of the window, or the date of an earlier step (back 0 = the last one) moved by offset days. */
    public sealed interface DateSpec permits Day, Near {
    }

    public record Day(LocalDate date) implements DateSpec {
        @Override
        public String toString() {
            return date.toString();
        }
    }

    public record Near(int back, int offset) implements DateSpec {
        @Override
        public String toString() {
            return "date of step -" + (back + 1) + (offset >= 0 ? " +" : " ") + offset;
        }
    }

    public sealed interface Step permits Send, Again {
    }

    /** A command for an id, made once its date is resolved; {@code with} holds its other fields (or null). */
    public record Send<T>(String name, String id, DateSpec date, T with, CommandOf<T> command) implements Step {
        @Override
        public String toString() {
            return name + " " + id + " on " + date + (with == null ? "" : " " + with);
        }
    }

    /** The exact command of an earlier step again (back 0 = the last one): a retried submission. */
    public record Again(int back) implements Step {
    }

    private final Class<A> aggregateType;
    private final ApiCheck beforeSending;
    private final List<String> ids;
    /**
     * A fixture per id, kept for all tries (every {@code given} starts it afresh): a fixture keeps to the
     * aggregate id of its first command, and building one costs more than a command.
     */
    private final Map<String, AggregateTestFixture<A>> fixtures = new HashMap<>();
    private Throwable thrown;

    /** Sequences of {@code aggregateType}'s commands for {@code ids} (the first drawn most often). */
    public CommandSequences(Class<A> aggregateType, ApiCheck beforeSending, String... ids) {
        this.aggregateType = aggregateType;
        this.beforeSending = beforeSending;
        this.ids = List.of(ids);
    }

    // ---- draws ----

    /** A step with no fields but its id and date, e.g. {@code step("void", VoidJobCommand::new)}. */
    public Draw<Step> step(String name, BiFunction<String, LocalDate, Object> command) {
        return step(name, Draw.just(null), (id, on, none) -> command.apply(id, on));
    }

    /** A step whose other fields are drawn by {@code with}. */
    public <T> Draw<Step> step(String name, Draw<T> with, CommandOf<T> command) {
        Draw<String> ids = ids();
        Draw<DateSpec> dates = dates();
        return random -> new Send<>(name, ids.from(random), dates.from(random), with.from(random), command);
    }

    public static Weighted<Step> weighted(int weight, Draw<Step> step) {
        return new Weighted<>(weight, step);
    }

    /**
     * Sequences of 1 to {@code maxSize} of the weighted steps, {@code first} (weight 1) and retries of earlier
     * steps, most after an opening {@code first} (one step more): the command that creates the aggregate (else a
     * step is mostly a 404).
     */
    @SafeVarargs
    public final Draw<Sequence> sequences(Draw<Step> first, int maxSize, Weighted<Step>... steps) {
        List<Weighted<Step>> all = new ArrayList<>(List.of(steps));
        all.add(weighted(1, first));
        all.add(weighted(2, Draw.between(0, 3).map(Again::new)));
        Draw<List<Step>> opening = first.list(0, 1);
        Draw<List<Step>> rest = Draw.weighted(all).list(1, maxSize);
        return random -> {
            List<Step> sequence = new ArrayList<>(opening.from(random));
            sequence.addAll(rest.from(random));
            return new Sequence(this, sequence);
        };
    }

    private Draw<String> ids() {
        List<Weighted<String>> weighted = new ArrayList<>();
        ids.forEach(id -> weighted.add(new Weighted<>(weighted.isEmpty() ? 4 : 1, Draw.just(id))));
        return Draw.weighted(weighted);
    }

    /** Mostly near an earlier step's date (the same day, one before or after), else any day of the window. */
    private static Draw<DateSpec> dates() {
        int days = (int) (LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay());
        Draw<DateSpec> day = Draw.between(0, days).map(d -> new Day(FIRST_DAY.plusDays(d)));
        Draw<Integer> back = Draw.between(0, 3);
        Draw<Integer> offset = Draw.between(-1, 1);
        Draw<DateSpec> near = random -> new Near(back.from(random), offset.from(random));
        return Draw.weighted(List.of(new Weighted<>(2, day), new Weighted<>(3, near)));
    }

    // ---- applying a sequence ----

    /** Steps to apply in order; {@link #run} fails on the first command that throws anything but a {@link RuleViolationException}. */
    public static final class Sequence {
        private final CommandSequences<?> harness;
        private final List<Step> steps;

        private Sequence(CommandSequences<?> harness, List<Step> steps) {
            this.harness = harness;
            this.steps = steps;
        }

        public void run() {
            harness.new Run().apply(steps);
        }

        @Override
        public String toString() {
            return steps.toString();
        }
    }

    private AggregateTestFixture<A> fixture(String id) {
        return fixtures.computeIfAbsent(id, i -> {
            var fixture = new AggregateTestFixture<>(aggregateType);
            fixture.registerCommandHandlerInterceptor((unitOfWork, chain) -> {
                try {
                    return chain.proceed();
                } catch (Exception e) {
                    thrown = e;
                    throw e;
                }
            });
            return fixture;
        });
    }

    private record Sent(String id, Object command) {
    }

    private static <T> Object made(Send<T> send, LocalDate on) {
        return send.command().command(send.id(), on, send.with());
    }

    /** One sequence; the events each id stored so far are the given of its next command. */
    private final class Run {

        private final Map<String, List<Object>> stored = new HashMap<>();
        private final List<LocalDate> datesSoFar = new ArrayList<>();
        private final List<Sent> sentSoFar = new ArrayList<>();
        private final StringBuilder journal = new StringBuilder();

        void apply(List<Step> steps) {
            for (Step step : steps) {
                Sent sent = commandOf(step);
                if (sent != null) {
                    send(sent);
                }
            }
        }

        private Sent commandOf(Step step) {
            if (step instanceof Again again) {
                return sentSoFar.isEmpty() ? null : sentSoFar.get(Math.max(0, sentSoFar.size() - 1 - again.back()));
            }
            Send<?> send = (Send<?>) step;
            LocalDate on;
            if (send.date() instanceof Near near) {
                on = datesSoFar.isEmpty() ? FIRST_DAY.plusDays(near.offset() + 1)
                        : datesSoFar.get(Math.max(0, datesSoFar.size() - 1 - near.back())).plusDays(near.offset());
            } else {
                on = ((Day) send.date()).date();
            }
            datesSoFar.add(on);
            return new Sent(send.id(), made(send, on));
        }

        private void send(Sent sent) {
            sentSoFar.add(sent);
            Object command = sent.command();
            List<Object> events = stored.computeIfAbsent(sent.id(), id -> new ArrayList<>());
            String answer = beforeSending.answer(command, events);
            if (answer != null) {
                journal.append("\n  ").append(command).append(" -> ").append(answer);
                return;
            }
            thrown = null;
            ResultValidator<A> result;
            try {
                var fixture = fixture(sent.id());
                result = (events.isEmpty() ? fixture.givenNoPriorActivity() : fixture.given(events)).when(command);
            } catch (Throwable e) {
                throw broke(command, e);
            }
            if (thrown instanceof RuleViolationException refused) {
                result.expectNoEvents();
                journal.append("\n  ").append(command).append(" -> ").append(refused.status().value()).append(' ').append(refused.rule());
            } else if (thrown != null) {
                throw broke(command, thrown);
            } else {
                List<Object> published = new ArrayList<>();
                result.expectSuccessfulHandlerExecution().expectEventsMatching(capturing(published));
                events.addAll(published);
                journal.append("\n  ").append(command).append(" -> ").append(published.isEmpty() ? "ok, no events" : published);
            }
        }

        private AssertionError broke(Object command, Throwable e) {
            return new AssertionError("Expected the command to be applied or refused with a RuleViolationException, but "
                    + command + " threw " + e + "\nafter:" + journal, e);
        }
    }

    private static BaseMatcher<List<? super EventMessage<?>>> capturing(List<Object> payloads) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                for (Object message : (List<?>) actual) {
                    payloads.add(((EventMessage<?>) message).getPayload());
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("any events");
            }
        };
    }
}
