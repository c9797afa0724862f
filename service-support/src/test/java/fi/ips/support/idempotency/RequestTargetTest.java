package fi.ips.support.idempotency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What of a request's address an Idempotency-Key stands for: the path and the query's parameters, however ordered or encoded. */
class RequestTargetTest {

    private static final String PATH = "/api/v1/imports";

    @Test
    void aQueryInAnotherOrderOrEncodingIsTheSameRequest() {
        String target = IdempotencyKeyFilter.target(PATH, "region=14&dryRun=true");
        assertThat(IdempotencyKeyFilter.target(PATH, "dryRun=true&region=14")).isEqualTo(target);
        assertThat(IdempotencyKeyFilter.target(PATH, "%72egion=%31%34&dryRun=true&")).isEqualTo(target);
        assertThat(IdempotencyKeyFilter.target(PATH, "")).isEqualTo(IdempotencyKeyFilter.target(PATH, null)).isEqualTo(PATH);
    }

    @Test
    void anotherValueOrAnEncodedSeparatorIsAnotherRequest() {
        String target = IdempotencyKeyFilter.target(PATH, "region=14&dryRun=true");
        assertThat(IdempotencyKeyFilter.target(PATH, "region=20&dryRun=true")).isNotEqualTo(target);
        assertThat(IdempotencyKeyFilter.target(PATH, "region=14")).isNotEqualTo(target).isNotEqualTo(PATH);
        assertThat(IdempotencyKeyFilter.target(PATH, "region=14%26dryRun%3Dtrue")).isNotEqualTo(target);
        assertThat(IdempotencyKeyFilter.target(PATH, "region=%zz")).isEqualTo(PATH + "?region=%zz");
        // The first of a name's values is the one read: the order of its values is kept.
        assertThat(IdempotencyKeyFilter.target(PATH, "dryRun=false&region=14&dryRun=true"))
                .isNotEqualTo(IdempotencyKeyFilter.target(PATH, "dryRun=true&region=14&dryRun=false"))
                .isEqualTo(IdempotencyKeyFilter.target(PATH, "region=14&dryRun=false&dryRun=true"));
    }
}
