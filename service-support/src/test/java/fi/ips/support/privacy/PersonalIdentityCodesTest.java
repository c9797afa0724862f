package fi.ips.support.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalIdentityCodesTest {

    /** Valid codes (check characters computed by the rule), of every century sign family, and without one. */
    @ParameterizedTest
    @ValueSource(strings = {"131052-308T", "131052Y308T", "010594Y9032", "010594Y9021", "020502A021H", "020502E021H",
            "131052+308T", "x-131052-308T-y", "131052-308t", "020502a021h", "id:131052-308T.", "ä131052-308T",
            "hetu131052-308T", "K131052-308T", "131052-308TX", "131052-308T131052-308T",
            "131052308T", "131052_308T", "131052.308T", "hetu131052308T", "imp131052308t", "020502021H"})
    void recognisesValidCodesAnywhereInAValue(String value) {
        assertThat(PersonalIdentityCodes.containsOne(value)).isTrue();
    }

    /** A code run into hexadecimal digits is taken for part of a UUID or a hash. */
    @ParameterizedTest
    @ValueSource(strings = {"a131052-308T", "131052-308Tf", "1131052-308T", "131052-308T1", "c2e722a2-2ed4-35ac-b7b3-140271e9044c",
            "140271e90440", "9f86d081884c7d659a2feaa0c55ad015140271e9044ca3bf4f1b2b0b822cd15d6c15b0f00a08"})
    void looksPastCodesRunIntoHexadecimalDigits(String value) {
        assertThat(PersonalIdentityCodes.containsOne(value)).isFalse();
        assertThat(PersonalIdentityCodes.masked(value)).isEqualTo(value);
    }

    /**
     * Counties' systems may make their client ids as UUIDs, and so does the platform ({@code NewIds}).
     * Looked for inside hexadecimal digits, about one UUID in 6 000 would hold a code.
     */
    @Test
    void noUuidHoldsOne() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            String uuid = new UUID(random.nextLong(), random.nextLong()).toString();
            assertThat(PersonalIdentityCodes.containsOne(uuid)).as(uuid).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"131052-308A", "320152-308T", "131352-308T", "client-42", "13105-2308T", "131052Z308T", "",
            "131052308A", "300252308T", "client-1310523", "2204301234", "0401234567", "1801151234", "220430_1234",
            "backup_220430_1234"})
    void refusesWrongCheckCharactersImpossibleDatesAndOrdinaryIds(String value) {
        assertThat(PersonalIdentityCodes.containsOne(value)).isFalse();
    }

    @Test
    void masksCodesForLogs() {
        assertThat(PersonalIdentityCodes.masked("/api/v1/referrals/131052-308T/agreement")).isEqualTo("/api/v1/referrals/***/agreement");
        assertThat(PersonalIdentityCodes.masked("/api/v1/referrals/c-1")).isEqualTo("/api/v1/referrals/c-1");
        assertThat(PersonalIdentityCodes.masked("ß 131052-308t ß")).isEqualTo("ß *** ß");
        assertThat(PersonalIdentityCodes.containsOne(null)).isFalse();
    }

    /** Percent-encoding hides no code from a path shown in an answer or a log; other paths stay as they came. */
    @Test
    void masksCodesInRawPathsEncodedOrNot() {
        assertThat(PersonalIdentityCodes.maskedPath("/api/v1/referrals/131052%2D308T/agreement")).isEqualTo("/api/v1/referrals/***/agreement");
        assertThat(PersonalIdentityCodes.maskedPath("/api/v1/referrals/131052-308t")).isEqualTo("/api/v1/referrals/***");
        assertThat(PersonalIdentityCodes.maskedPath("/api/v1/referrals/c%2D1")).isEqualTo("/api/v1/referrals/c%2D1");
        assertThat(PersonalIdentityCodes.maskedPath("/api/v1/referrals/%zz")).isEqualTo("/api/v1/referrals/%zz");
        // Masked, the path stays encoded: no decoded line break reaches a log line.
        assertThat(PersonalIdentityCodes.maskedPath("/api/v1/x%0Ay/131052-308T")).isEqualTo("/api/v1/x%0Ay/***");
    }
}
