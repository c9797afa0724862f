package fi.ips.support.eventstore;

import fi.ips.events.EventType;
import fi.ips.support.problem.RefusedSubmissions;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.support.problem.StrictRequestJson;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Axon's event store and token store on PostgreSQL through plain JDBC, one database per
 * command-side service. Axon's own JDBC auto-configuration looks for Spring Boot 3 class names and
 * does not match on Boot 4, so the pieces are declared here, before it.
 */
@AutoConfiguration(
        after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class},
        before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class, TransactionAutoConfiguration.class,
                ObjectMapperAutoConfiguration.class})
@ConditionalOnClass(JdbcEventStorageEngine.class)
@ConditionalOnBean(DataSource.class)
@Import(CommandProblemsAdvice.class)
class AxonJdbcAutoConfiguration {

    /** PostgreSQL's SQLState for a unique key violation: two commands appended the same sequence number. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * Axon 4 serializes with Jackson 2: ISO dates, unknown properties skipped for additive schema
     * changes. An event is stored with its type's schema version as its revision, so that an
     * upcaster (an {@link EventUpcaster} bean) can bring older ones up to date when they are read.
     */
    @Bean
    @Primary
    Serializer axonSerializer() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return JacksonSerializer.builder().objectMapper(mapper)
                .revisionResolver(payloadType -> EventType.ofClass(payloadType).map(type -> Integer.toString(type.schemaVersion())).orElse(null))
                .build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer axonSerializer) {
        return axonSerializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer axonSerializer) {
        return axonSerializer;
    }

    /**
     * Commands whose aggregate another request changed at the same moment (two service instances)
     * are retried a few times before the conflict is answered 409. A broken rule of the domain is
     * answered at once: it would break again.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(Executors.newSingleThreadScheduledExecutor(task -> {
                            Thread thread = new Thread(task, "command-retry");
                            thread.setDaemon(true);
                            return thread;
                        }))
                        .maxRetryCount(3)
                        .retryInterval(50)
                        .addNonTransientFailurePredicate(RuleViolationException.class::isInstance)
                        .build())
                .build();
    }

    /** For a servlet service's batch endpoints: its items are read as strictly as its request bodies. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @SuppressWarnings({"unchecked", "rawtypes"})
    CommandBatch commandBatch(CommandBus commandBus, ObjectProvider<MessageDispatchInterceptor<CommandMessage<?>>> interceptors,
                              EventBus eventBus, PlatformTransactionManager transactionManager, StrictRequestJson strictRequestJson, Validator validator,
                              ObjectProvider<MeterRegistry> meters) {
        List dispatchInterceptors = interceptors.orderedStream().toList();
        return new CommandBatch(commandBus, dispatchInterceptors, eventBus, transactionManager, strictRequestJson.mapper(), validator,
                new RefusedSubmissions(meters));
    }

    /**
     * An event handler's error is never logged and skipped (Axon's default): in a projection kept in
     * the command's transaction (the clients list, the placements index) it fails the command, so the
     * projection never falls out of step with the events; in a streaming processor (the relay) it stops
     * the batch, which is retried from the last stored token.
     */
    @Bean
    ConfigurerModule eventHandlerErrorsPropagate() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    @Bean
    PersistenceExceptionResolver duplicateKeyResolver() {
        return AxonJdbcAutoConfiguration::isUniqueViolation;
    }

    /** @param giveUpAfter how long transactions may hold numbers of the sequence before the relay goes on without them */
    @Bean
    SettledGaps settledGaps(DataSource dataSource, @Value("${ips.eventstore.gaps-given-up-after:1h}") Duration giveUpAfter) {
        return new SettledGaps(dataSource, giveUpAfter);
    }

    @Bean
    EventStorageEngine eventStorageEngine(ConnectionProvider connectionProvider, SettledGaps settledGaps, TransactionManager transactionManager,
                                          Serializer axonSerializer, PersistenceExceptionResolver duplicateKeyResolver,
                                          ObjectProvider<EventUpcaster> upcasters) {
        JdbcEventStorageEngine engine = new PlatformStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .eventSerializer(axonSerializer)
                .snapshotSerializer(axonSerializer)
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .persistenceExceptionResolver(duplicateKeyResolver)
                // A gap goes when SettledGaps finds that no transaction can fill it. Axon's own rules drop a gap
                // once 10 000 later numbers are taken, or once the events after it are a minute old, though the
                // transaction holding it may still commit: its events would never reach the relay. An import batch
                // open while a dozen others commit theirs, or open longer than a minute, would be enough. The age
                // rule stays only at its longest, 24.8 days (milliseconds in an int), beyond SettledGaps' own limit.
                .maxGapOffset(Integer.MAX_VALUE)
                .gapTimeout(Integer.MAX_VALUE)
                .gapCleaningThreshold(Integer.MAX_VALUE), settledGaps);
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        return engine;
    }

    /**
     * Axon's embedded event store as Axon's auto-configuration declares it, but looking for other
     * instances' new events every 500 ms instead of every second: the relay is woken by the store's
     * stream ({@code WakeOnCommit}) rather than looking every 500 ms itself, so this keeps its
     * slowest case for events another instance stored (its own are fetched at their commit:
     * {@link WakeAfterTransaction}).
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        return new WakeAfterTransaction(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(500)
                // The events kept for the streams that follow the store (the relay, its wake-ups). Each holds its
                // token, and each token a copy of every gap in the sequence below it: thousands while several
                // import batches are open at once. Axon's 10 000 took the heap; a stream behind the cache reads
                // from the database instead.
                .cachedEvents(256));
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer axonSerializer) {
        JdbcTokenStore tokenStore = JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(axonSerializer)
                // Claims name the instance (Axon's default, pid@host, would be shared by two in one JVM, as in tests).
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8))
                .build();
        tokenStore.createSchema(PostgresTokenTableFactory.INSTANCE);
        return tokenStore;
    }

    /**
     * Axon's JDBC storage engine with two round trips less on every read of a history, for every
     * command and every view:
     * <ul>
     * <li>No aggregate is snapshotted (no snapshotter is configured: a client's or a placement's
     * history is a handful of events), so the snapshot query before every read is skipped.</li>
     * <li>A batch of a history shorter than the batch size is its last. Axon's JDBC engine queries
     * until a batch comes back empty, in case a history has gaps in its sequence numbers: histories
     * written by one store have none (an aggregate appends them in order, in one transaction), so
     * every read made one more query, and one more transaction, that found nothing.</li>
     * <li>The event processors' tokens leave out the gaps in the global sequence that no transaction
     * can fill any more ({@link SettledGaps}; or that a forgotten transaction has held for an hour), and
     * only those: Axon would keep a gap for a minute or 10 000 numbers, and then drop it, filled later or
     * not.</li>
     * </ul>
     */
    static class PlatformStorageEngine extends JdbcEventStorageEngine {

        private final SettledGaps settledGaps;

        PlatformStorageEngine(JdbcEventStorageEngine.Builder builder, SettledGaps settledGaps) {
            super(builder);
            this.settledGaps = settledGaps;
        }

        @Override
        protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
            return super.fetchTrackedEvents(settledGaps.withoutSettledGaps(lastToken), batchSize);
        }

        @Override
        protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
            return Stream.empty();
        }

        @Override
        protected boolean fetchForAggregateUntilEmpty() {
            return false;
        }
    }

    /**
     * The embedded event store, looking for its new events once the database transaction that
     * stored them has committed. Axon looks at the end of each unit of work, which inside a longer
     * transaction – a {@link CommandBatch}, one unit of work an item – is before the events can be
     * seen: each item cost two queries that found nothing (the second, Axon's check for a gap,
     * reading past the batch's uncommitted rows), and the batch's events were found only at the
     * store's next look, up to its fetch delay later.
     */
    static final class WakeAfterTransaction extends EmbeddedEventStore {

        WakeAfterTransaction(EmbeddedEventStore.Builder builder) {
            super(builder);
        }

        @Override
        protected void afterCommit(List<? extends EventMessage<?>> events) {
            afterTransaction(this, () -> super.afterCommit(events));
        }

        /**
         * Runs {@code action} once the current transaction has completed – once for all the calls
         * with the same {@code key} in it – or at once outside a transaction.
         */
        static void afterTransaction(Object key, Runnable action) {
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                action.run();
                return;
            }
            if (TransactionSynchronizationManager.hasResource(key)) {
                return;
            }
            TransactionSynchronizationManager.bindResource(key, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                    action.run();
                }
            });
        }
    }

    private static boolean isUniqueViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
