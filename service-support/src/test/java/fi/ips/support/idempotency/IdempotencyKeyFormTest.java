package fi.ips.support.idempotency;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.setup.MockMvcBuilders.standaloneSetup;

/** An Idempotency-Key is stored for a day: one of the wrong form, or holding a personal identity code, is refused before anything. */
class IdempotencyKeyFormTest {

    @RestController
    static class Submissions {
        final AtomicInteger handled = new AtomicInteger();

        @PostMapping("/submissions")
        ResponseEntity<String> submit() {
            handled.incrementAndGet();
            return ResponseEntity.status(201).body("{}");
        }
    }

    private final Submissions submissions = new Submissions();
    private final JdbcTemplate keys = mock(JdbcTemplate.class);
    private final MockMvc mvc = standaloneSetup(submissions)
            .addFilters(new IdempotencyKeyFilter(keys, Clock.systemUTC(), Duration.ofMinutes(1)))
            .build();

    @Test
    void aKeyHoldingAPersonalIdentityCodeIsRefusedAndNotStored() throws Exception {
        clearInvocations(keys); // the filter's tables, made when it is
        mvc.perform(post("/submissions").header("Idempotency-Key", "retry-131052-308T").content("{}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.rule").value("no-personal-identity-code"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("131052"))));
        mvc.perform(post("/submissions").header("Idempotency-Key", "k 1").content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.rule").value("idempotency-key-format"));
        verifyNoInteractions(keys);
        assertThat(submissions.handled).hasValue(0);
    }
}
