package fi.ips.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RegionTest {

    @Test
    void holdsTheTwentyOneCountiesHelsinkiAndAland() {
        assertThat(Region.values()).hasSize(23);
        assertThat(Region.ofCode("01")).isEqualTo(Region.ITA_UUSIMAA);
        assertThat(Region.ofCode("21").nameFi()).isEqualTo("Lapin hyvinvointialue");
        assertThat(Region.ofCode("21").nameSv()).isEqualTo("Lapplands välfärdsområde");
        assertThat(Region.ofCode("90").nameFi()).isEqualTo("Helsingin kaupunki");
        assertThat(Region.ofCode("90").nameSv()).isEqualTo("Helsingfors stad");
        assertThat(Region.ofCode("91")).isEqualTo(Region.AHVENANMAA);
    }

    @Test
    void codesAreUniqueTwoDigitStrings() {
        assertThat(Region.values()).extracting(Region::code).doesNotHaveDuplicates().allMatch(c -> c.matches("\\d{2}"));
    }

    @Test
    void refusesCodesOutsideTheList() {
        assertThat(Region.isCode("22")).isFalse();
        assertThat(Region.isCode("1")).isFalse();
        assertThat(Region.isCode(null)).isFalse();
        assertThat(Region.isCode("14")).isTrue();
        assertThatIllegalArgumentException().isThrownBy(() -> Region.ofCode("00")).withMessageContaining("01-21, 90 or 91");
    }
}
