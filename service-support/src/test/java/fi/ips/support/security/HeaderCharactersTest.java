package fi.ips.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The firewall's header rule without its regular expression decides every character as the expression does. */
class HeaderCharactersTest {

    /** Spring Security's own expressions (StrictHttpFirewall). */
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsDecidedAsSpringSecurityDecidesIt() {
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String text = "a" + Character.toString(c) + "b";
            assertThat(HeaderCharacters.allowed(text, false)).as("name with U+%04X", c).isEqualTo(NAMES.matcher(text).matches());
            assertThat(HeaderCharacters.allowed(text, true)).as("value with U+%04X", c).isEqualTo(VALUES.matcher(text).matches());
        }
    }

    @Test
    void theFirewallRefusesAControlCharacterInAHeader() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/referrals");
        request.addHeader("Authorization", "Bearer abc\u0007");
        request.addHeader("X-Tab", "a\tb");
        var firewalled = HeaderCharacters.firewall().getFirewalledRequest(request);

        assertThat(firewalled.getHeader("X-Tab")).isEqualTo("a\tb");
        assertThatThrownBy(() -> firewalled.getHeader("Authorization")).isInstanceOf(RequestRejectedException.class);
    }
}
