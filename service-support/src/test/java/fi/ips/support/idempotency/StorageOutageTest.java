package fi.ips.support.idempotency;

import fi.ips.support.problem.ProblemDetailsAdvice;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.setup.MockMvcBuilders.standaloneSetup;

/** A database that is down or restarting is a 503 the caller may retry, never a 500, and nothing half-done. */
class StorageOutageTest {

    @RestController
    static class Submissions {
        final AtomicInteger handled = new AtomicInteger();
        volatile RuntimeException failure;

        @PostMapping("/submissions")
        ResponseEntity<String> submit() {
            handled.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return ResponseEntity.status(HttpStatus.CREATED).body("{\"id\":\"s-1\"}");
        }
    }

    private final Submissions submissions = new Submissions();
    private final JdbcTemplate keys = mock(JdbcTemplate.class);
    private final MockMvc mvc = standaloneSetup(submissions)
            .setControllerAdvice(new ProblemDetailsAdvice(new DefaultListableBeanFactory().getBeanProvider(MeterRegistry.class)))
            .addFilters(new IdempotencyKeyFilter(keys, Clock.systemUTC(), Duration.ofMinutes(1)))
            .build();

    @Test
    void keysThatCannotBeCheckedAre503BeforeAnythingIsHandled() throws Exception {
        doThrow(new DataAccessResourceFailureException("connection refused")).when(keys).update(anyString(), any(Object[].class));

        mvc.perform(post("/submissions").header("Idempotency-Key", "k-1").content("{}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.rule").value("storage-unavailable"));
        assertThat(submissions.handled).hasValue(0);
    }

    @Test
    void aDatabaseLostDuringTheRequestIs503NotAnUnexpectedError() throws Exception {
        submissions.failure = new IllegalStateException("command failed",
                new CannotCreateTransactionException("Could not open JDBC Connection"));

        mvc.perform(post("/submissions").content("{}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.rule").value("storage-unavailable"));
    }

    @Test
    void aCommitOrRollbackTheDatabaseCouldNotCompleteIs503() throws Exception {
        submissions.failure = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed", "08003"));

        mvc.perform(post("/submissions").content("{}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.rule").value("storage-unavailable"));
    }

    @Test
    void aConnectionTheServerClosedIs503() throws Exception {
        submissions.failure = new IllegalStateException("event store",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));

        mvc.perform(post("/submissions").content("{}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.rule").value("storage-unavailable"));
    }

    @Test
    void aBugIsStillAnUnexpectedError() throws Exception {
        submissions.failure = new IllegalStateException("a bug");

        mvc.perform(post("/submissions").content("{}"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.rule").value("internal"));
    }

    @Test
    void anAnswerThatCannotBeKeptStillReachesTheCaller() throws Exception {
        doThrow(new DataAccessResourceFailureException("connection lost")).when(keys).update(startsWith("update"), any(Object[].class));

        mvc.perform(post("/submissions").header("Idempotency-Key", "k-2").content("{}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("s-1"));
        assertThat(submissions.handled).hasValue(1);
        // The answer was to be kept (and that failed): the update of this key's row was attempted.
        verify(keys).update(startsWith("update idempotency_keys set status"), eq(201), any(), any(), any(), any(), eq("k-2"));
    }
}
