package fi.ips.outcomes.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymsTest {

    private final Pseudonyms pseudonyms = new Pseudonyms("a-key-of-at-least-thirty-two-characters");

    @Test
    void stableForOneSubscriberDifferentBetweenSubscribersAndKeys() {
        String first = pseudonyms.of("integrator", "clientId:c-1");
        assertThat(pseudonyms.of("integrator", "clientId:c-1")).isEqualTo(first);
        assertThat(pseudonyms.of("integrator-14", "clientId:c-1")).isNotEqualTo(first);
        assertThat(pseudonyms.of("integrator", "clientId:c-2")).isNotEqualTo(first);
        assertThat(new Pseudonyms("another-key-of-at-least-thirty-two-chars").of("integrator", "clientId:c-1")).isNotEqualTo(first);
        assertThat(first).matches("ps-[A-Za-z0-9_-]{22}");
    }

    @Test
    void aShortKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> new Pseudonyms("short")).hasMessageContaining("must be at least 32 characters");
    }

    /** No deployment may make pseudonyms with a key anyone can read: there is no default, and the placeholder is no key. */
    @Test
    void aMissingKeyOrTheDeploymentFilesPlaceholderIsRefusedAtStartNamingTheVariable() {
        assertThatThrownBy(() -> new Pseudonyms("")).hasMessageContaining("IPS_STREAMS_PSEUDONYM_KEY is not set");
        assertThatThrownBy(() -> new Pseudonyms(null)).hasMessageContaining("IPS_STREAMS_PSEUDONYM_KEY is not set");
        assertThatThrownBy(() -> new Pseudonyms("PLACEHOLDER-pseudonym-key-of-at-least-32-characters"))
                .hasMessageContaining("IPS_STREAMS_PSEUDONYM_KEY is still the deployment files' placeholder");
    }
}
