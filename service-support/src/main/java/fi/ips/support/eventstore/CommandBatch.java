package fi.ips.support.eventstore;

import com.fasterxml.jackson.annotation.JsonInclude;
import fi.ips.events.Region;
import fi.ips.support.privacy.PersonalDataGuard;
import fi.ips.support.privacy.PersonalIdentityCodes;
import fi.ips.support.problem.ProblemResponses;
import fi.ips.support.problem.RefusedSubmissions;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.support.security.Caller;
import fi.ips.support.validation.RegionCodes;
import jakarta.validation.Validator;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Many commands in one request, for imports. Each item is one operation of the service's API, read
 * and checked as its single endpoint reads and checks it, and applied all-or-nothing; the accepted
 * items are stored together in one transaction, so that a batch costs one commit instead of one per
 * item, and an outage stores none of them. A refused item is answered with the problem its single
 * endpoint would answer; the items after it go on. Commands are sent without the command gateway's
 * retries: a retry runs on another thread, outside the batch's transaction, and could wait on that
 * transaction's own rows.
 * <p>
 * A savepoint per item would cost two statements of the six or seven an item makes, so the items
 * go in groups of {@value #ITEMS_A_SAVEPOINT} under one savepoint. An item refused before its
 * command's events were stored has written nothing and is answered at once: refused in its
 * preparation (preparations only read) or by its command's rules, which decide before Axon stores
 * the events (a command writes only through its events: their insert and the event handlers of the
 * same transaction). An item refused after that – a conflict with another request's append, a rule
 * of an event handler – cannot be undone alone: its group is rolled back to the savepoint and applied
 * again, that item in a savepoint of its own. Rolling back no more than that matters beyond the
 * work: every event rolled back leaves a gap in the global sequence, and the event processors' tokens
 * carry each gap, a copy for every event they track, until it is settled ({@code SettledGaps}).
 */
public class CommandBatch {

    /**
     * At most this many items a batch: its events stay uncommitted until the end, and the event
     * processors wait for such gaps in the global sequence only so long (see the event storage engine).
     */
    public static final int MAX_ITEMS = 1000;

    /** Items under one savepoint: a refused command has at most so many applied again. */
    static final int ITEMS_A_SAVEPOINT = 50;

    /** One item: an operation, the id it is about (for an operation on an existing record) and its body. */
    public record Item(String operation, String id, JsonNode body) {
    }

    public record Request(List<Item> items) {
    }

    /**
     * An item's outcome: accepted with the id of its record, or refused with a problem (problem+json's
     * members). {@code alreadyStored}, for an accepted item, tells whether it stored nothing new: the
     * same operation was stored before (a file imported again, a batch retried).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemAnswer(int item, boolean accepted, String id, Boolean alreadyStored, Map<String, Object> problem) {

        /** An id holding a personal identity code (refused) is never repeated: masked, as in logs. */
        public ItemAnswer {
            id = PersonalIdentityCodes.masked(id);
        }
    }

    public record Answer(int accepted, int refused, List<ItemAnswer> items) {
    }

    /** What an operation makes of an item: the id of the record it is about and the command to send. */
    public record Prepared(String id, Object command) {
    }

    /**
     * {@code id}, which a batch's item must give: the single endpoints make up an id for a new record
     * without one, but a batch's caller needs to know which item the id belongs to.
     *
     * @param field where the item gives it: {@code id}, or its body's id field for a new record
     */
    public static String required(String id, String field) {
        if (id == null) {
            throw RuleViolationException.unprocessable("id-required", field, field + " is required in a batch");
        }
        return id;
    }

    /** Checks an item as its single endpoint checks the request, and makes its command; it only reads. */
    @FunctionalInterface
    public interface Preparation<T> {
        Prepared prepare(String id, T body);
    }

    /** The operations a service offers in a batch, by name. */
    public static final class Operations {

        private final Map<String, Operation<?>> byName = new LinkedHashMap<>();

        public <T extends Record> Operations on(String name, Class<T> bodyType, Preparation<T> preparation) {
            byName.put(name, new Operation<>(bodyType, preparation));
            return this;
        }
    }

    private record Operation<T>(Class<T> bodyType, Preparation<T> preparation) {
    }

    private final CommandGateway commands;
    private final TransactionTemplate batch;
    private final TransactionTemplate savepoint;
    private final JsonMapper json;
    private final Validator validator;
    private final RefusedSubmissions refusals;
    /**
     * The events of the item being applied on this thread that went to be stored: the event bus's
     * dispatch interceptors run as the command's unit of work commits, just before the events are
     * stored, not when the command applies them (the command bus is synchronous).
     */
    private final ThreadLocal<int[]> eventsOfItem = new ThreadLocal<>();

    CommandBatch(CommandBus commandBus, List<MessageDispatchInterceptor<? super CommandMessage<?>>> interceptors, EventBus eventBus,
                 PlatformTransactionManager transactions, JsonMapper jsonMapper, Validator validator, RefusedSubmissions refusals) {
        this.commands = DefaultCommandGateway.builder().commandBus(commandBus).dispatchInterceptors(interceptors).build();
        this.batch = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.json = jsonMapper;
        this.validator = validator;
        this.refusals = refusals;
        eventBus.registerDispatchInterceptor(events -> {
            int[] count = eventsOfItem.get();
            if (count != null) {
                count[0] += events.size();
            }
            return (index, event) -> event;
        });
    }

    /**
     * {@link #run(Request, Operations)} for the records of one region only, when {@code region} is given:
     * an item about another region's record is answered as it would be to a caller of that one region,
     * even when the caller may write there (the import service may write every region; each import only its own).
     *
     * @throws RuleViolationException 422 for a region that is no county's code, 403 for one the caller may not write
     */
    public Answer run(Request request, Operations operations, String region) {
        if (region == null) {
            return run(request, operations);
        }
        Region only = RegionCodes.parse("region", region);
        Caller.current().requireOwnRegion(only);
        return Caller.narrowedTo(only, () -> run(request, operations));
    }

    /**
     * Applies the request's items in order.
     *
     * @throws RuleViolationException 400 for a batch without items, 413 for one of more than {@link #MAX_ITEMS}
     */
    public Answer run(Request request, Operations operations) {
        List<Item> items = request == null || request.items() == null ? List.of() : request.items();
        if (items.isEmpty()) {
            throw new RuleViolationException(HttpStatus.BAD_REQUEST, "batch-empty", "items", "A batch needs at least one item");
        }
        if (items.size() > MAX_ITEMS) {
            throw new RuleViolationException(HttpStatus.PAYLOAD_TOO_LARGE, "batch-too-large", "items",
                    "A batch holds at most " + MAX_ITEMS + " items; this one has " + items.size());
        }
        List<ItemAnswer> answers = batch.execute(status -> applyAll(items, operations));
        for (ItemAnswer answer : answers) {
            if (!answer.accepted()) {
                String operation = items.get(answer.item()) == null ? null : items.get(answer.item()).operation();
                refusals.count(String.valueOf(answer.problem().get("rule")), operations.byName.containsKey(operation) ? operation : null);
            }
        }
        int accepted = (int) answers.stream().filter(ItemAnswer::accepted).count();
        return new Answer(accepted, answers.size() - accepted, answers);
    }

    /** Applies the items in groups under one savepoint, an item whose command was refused in one of its own. */
    private List<ItemAnswer> applyAll(List<Item> items, Operations operations) {
        ItemAnswer[] answers = new ItemAnswer[items.size()];
        Set<Integer> alone = new HashSet<>();
        int next = 0;
        while (next < items.size()) {
            int first = next;
            if (alone.contains(first)) {
                answers[first] = savepoint.execute(status -> apply(first, items, operations, status));
                next++;
                continue;
            }
            int end = first + 1;
            while (end < items.size() && end - first < ITEMS_A_SAVEPOINT && !alone.contains(end)) {
                end++;
            }
            int last = end;
            int mark = OnCommit.mark();
            try {
                savepoint.executeWithoutResult(status -> {
                    for (int i = first; i < last; i++) {
                        answers[i] = apply(i, items, operations, null);
                    }
                });
                next = last;
            } catch (CommandRefused refused) {
                OnCommit.dropSince(mark);
                alone.add(refused.item);
            }
        }
        return List.of(answers);
    }

    /** @param savepoint the item's own savepoint, or null when it shares its group's */
    private ItemAnswer apply(int index, List<Item> items, Operations operations, TransactionStatus savepoint) {
        Item item = items.get(index) == null ? new Item(null, null, null) : items.get(index);
        int mark = OnCommit.mark();
        int[] events = {0};
        int[] outer = eventsOfItem.get();
        eventsOfItem.set(events);
        try {
            Prepared command = prepare(item, operations);
            commands.sendAndWait(command.command());
            return new ItemAnswer(index, true, command.id(), events[0] == 0, null);
        } catch (RuntimeException e) {
            ProblemDetail problem = problemOf(e);
            if (problem == null) {
                // Not the item's fault (an outage, a bug): the whole batch is rolled back and answered so.
                throw e;
            }
            if (savepoint != null) {
                savepoint.setRollbackOnly();
                OnCommit.dropSince(mark);
            } else if (events[0] > 0) {
                // Its events reached the store (counted as they are stored): what they wrote goes with the group.
                throw new CommandRefused(index);
            }
            return new ItemAnswer(index, false, item.id(), null, ProblemResponses.members(problem));
        } finally {
            if (outer == null) {
                eventsOfItem.remove();
            } else {
                // A batch run by an item of another: the outer item's events include the inner one's.
                outer[0] += events[0];
                eventsOfItem.set(outer);
            }
        }
    }

    private Prepared prepare(Item item, Operations operations) {
        Operation<?> operation = item.operation() == null ? null : operations.byName.get(item.operation());
        if (operation == null) {
            throw RuleViolationException.unprocessable("unknown-operation", "operation",
                    "operation must be one of " + String.join(", ", operations.byName.keySet()));
        }
        if (item.id() != null) {
            PersonalDataGuard.check("id", item.id());
        }
        return prepare(item, operation);
    }

    private <T> Prepared prepare(Item item, Operation<T> operation) {
        if (item.body() == null || !item.body().isObject()) {
            throw RuleViolationException.unprocessable("body-required", "body", "body must be the JSON object of the operation's request");
        }
        T body = json.treeToValue(item.body(), operation.bodyType());
        PersonalDataGuard.checkFields(body);
        List<Map<String, String>> errors = validator.validate(body).stream()
                .sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                .map(ProblemResponses::fieldError)
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(errors);
        }
        return operation.preparation().prepare(item.id(), body);
    }

    private static ProblemDetail problemOf(RuntimeException e) {
        if (e instanceof RuleViolationException violation) {
            return ProblemResponses.ruleViolation(violation);
        }
        if (e instanceof InvalidFieldsException invalid) {
            return ProblemResponses.invalidFields(invalid.errors);
        }
        if (e instanceof JacksonException) {
            return ProblemResponses.unreadable(e);
        }
        return CommandProblemsAdvice.of(e);
    }

    /** An item's command was refused after its events were stored, in a group under one savepoint: the group goes again, the item alone. */
    private static final class CommandRefused extends RuntimeException {
        private final int item;

        CommandRefused(int item) {
            super("the command of item " + item + " was refused", null, false, false);
            this.item = item;
        }
    }

    private static final class InvalidFieldsException extends RuntimeException {
        private final List<Map<String, String>> errors;

        InvalidFieldsException(List<Map<String, String>> errors) {
            super("invalid fields", null, false, false);
            this.errors = errors;
        }
    }
}
