package fi.ips.support.idempotency;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NewIdsTest {

    @Test
    void anIdThatLooksLikeItHoldsAnIdentityCodeIsNeverGiven() {
        // Generated once in a test run: 140271e9044 reads as a valid code of 14 Feb 2071.
        List<String> candidates = List.of("c2e722a2-2ed4-35ac-b7b3-140271e9044c", "0f6d2b8e-1c55-4a7e-9d3a-2b6f1e0c9a41");
        assertThat(NewIds.withoutIdentityCode(candidates::get)).isEqualTo(candidates.get(1));
    }
}
