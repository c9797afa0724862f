package fi.ips.support.idempotency;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.setup.MockMvcBuilders.standaloneSetup;

/** Keys older than a day are deleted for every caller, once a minute at most rather than on every request. */
class ExpiredKeysTest {

    private static final String DELETE_EXPIRED = "delete from idempotency_keys where created_at < ?";

    @RestController
    static class Submissions {
        @PostMapping("/submissions")
        ResponseEntity<String> submit() {
            return ResponseEntity.status(HttpStatus.CREATED).body("{}");
        }
    }

    private Instant now = Instant.parse("2026-12-02T10:00:00Z");
    private final Clock clock = mock(Clock.class);
    private final JdbcTemplate keys = mock(JdbcTemplate.class);
    private final MockMvc mvc = standaloneSetup(new Submissions())
            .addFilters(new IdempotencyKeyFilter(keys, clock, Duration.ofMinutes(1)))
            .build();

    @Test
    void keysOlderThanADayAreDeletedOnceAMinuteAtMost() throws Exception {
        when(clock.instant()).thenAnswer(call -> now);
        Instant firstCleanUp = now;
        submit("k-1");
        now = now.plusSeconds(30);
        submit("k-2");
        submit("k-3");
        ArgumentCaptor<Timestamp> olderThan = ArgumentCaptor.forClass(Timestamp.class);
        verify(keys, times(1)).update(eq(DELETE_EXPIRED), olderThan.capture());
        assertThat(olderThan.getAllValues()).containsExactly(Timestamp.from(firstCleanUp.minus(Duration.ofDays(1))));

        now = now.plus(IdempotencyKeyFilter.CLEAN_UP_EVERY);
        Instant secondCleanUp = now;
        submit("k-4");
        olderThan = ArgumentCaptor.forClass(Timestamp.class);
        verify(keys, times(2)).update(eq(DELETE_EXPIRED), olderThan.capture());
        assertThat(olderThan.getAllValues()).containsExactly(
                Timestamp.from(firstCleanUp.minus(Duration.ofDays(1))),
                Timestamp.from(secondCleanUp.minus(Duration.ofDays(1))));
        verify(keys, times(2)).update(eq(DELETE_EXPIRED), any(Object[].class));
        verify(keys, times(4)).update(startsWith("insert into idempotency_keys"), any(Object[].class));
    }

    private void submit(String key) throws Exception {
        mvc.perform(post("/submissions").header("Idempotency-Key", key).content("{}")).andExpect(status().isCreated());
    }
}
