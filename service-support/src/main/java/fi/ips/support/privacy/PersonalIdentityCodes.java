package fi.ips.support.privacy;

import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises Finnish personal identity codes (henkilötunnus): DDMMYY, a century sign, three
 * digits and a check character, with no hexadecimal digit (0–9, a–f) right before or after. The
 * century sign may also be left out or written {@code _} or {@code .}, as a careless hand or a
 * system that strips it does ({@code 131052308T}), where the check character is a letter (21 codes
 * in 31): the date and the check character still tell, and no number is taken for a code.
 * The platform never accepts one: clients are known only by pseudonymous ids.
 * <p>
 * A code run into hexadecimal digits is not looked for: since the century signs A–F (2023) it would
 * be found in about one UUID in 6 000 ({@code …-b7b3-140271e9044c} holds 14 Feb 2071) and in hex
 * hashes alike, and a county's system that makes its ids so would see some of its clients refused.
 * A code in a UUID or a hex string always has such a digit beside it; one after letters such as
 * {@code hetu131052-308T} is still found, one glued to digits such as {@code 131052-308T1} is not.
 */
public final class PersonalIdentityCodes {

    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9A-F])(\\d{2})(\\d{2})(\\d{2})([-+A-FU-Y_.]?)(\\d{3})([0-9A-Y])(?![0-9A-F])",
            Pattern.CASE_INSENSITIVE);
    private static final String CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY";
    private static final Map<Character, Integer> CENTURY = Map.ofEntries(
            Map.entry('+', 1800),
            Map.entry('-', 1900), Map.entry('Y', 1900), Map.entry('X', 1900), Map.entry('W', 1900),
            Map.entry('V', 1900), Map.entry('U', 1900),
            Map.entry('A', 2000), Map.entry('B', 2000), Map.entry('C', 2000), Map.entry('D', 2000),
            Map.entry('E', 2000), Map.entry('F', 2000));

    private PersonalIdentityCodes() {
    }

    /** True when the text holds a valid personal identity code anywhere in it (upper or lower case), as above. */
    public static boolean containsOne(String text) {
        if (text == null || text.length() < 10) {
            return false;
        }
        Matcher candidate = CANDIDATE.matcher(text);
        while (candidate.find()) {
            if (isValid(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** The text with every personal identity code replaced by {@code ***}, for logs. */
    public static String masked(String text) {
        if (text == null) {
            return null;
        }
        Matcher candidate = CANDIDATE.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (candidate.find()) {
            if (isValid(candidate)) {
                out.append(text, last, candidate.start()).append("***");
                last = candidate.end();
            }
        }
        return out.append(text.substring(last)).toString();
    }

    /**
     * A request path as an answer or a log may show it: unchanged when it holds no personal identity
     * code, else with every code replaced by {@code ***}, looked for in the decoded path (so that
     * percent-encoding hides none) and encoded again (so that no decoded character, a line break say,
     * reaches a log line).
     */
    public static String maskedPath(String rawPath) {
        String decoded;
        try {
            decoded = UriUtils.decode(rawPath, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            decoded = rawPath;
        }
        return containsOne(decoded) ? UriUtils.encodePath(masked(decoded), StandardCharsets.UTF_8) : rawPath;
    }

    private static boolean isValid(Matcher code) {
        int day = Integer.parseInt(code.group(1));
        int month = Integer.parseInt(code.group(2));
        int year = Integer.parseInt(code.group(3));
        String sign = code.group(4).toUpperCase();
        boolean signed = !sign.isEmpty() && CENTURY.containsKey(sign.charAt(0));
        // Without its century sign (left out, or mistyped as _ or .) the date may be of any century, and only a
        // letter as the check character tells a code from a number: one in 800 ten-digit numbers (a phone
        // number, a timestamp, a numeric id) would pass for a code.
        if (!signed && !Character.isLetter(code.group(6).charAt(0))) {
            return false;
        }
        boolean aDate = signed
                ? isDate(CENTURY.get(sign.charAt(0)) + year, month, day)
                : isDate(1900 + year, month, day) || isDate(2000 + year, month, day);
        if (!aDate) {
            return false;
        }
        int number = Integer.parseInt(code.group(1) + code.group(2) + code.group(3) + code.group(5));
        return CHECK_CHARACTERS.charAt(number % 31) == Character.toUpperCase(code.group(6).charAt(0));
    }

    private static boolean isDate(int year, int month, int day) {
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException notADate) {
            return false;
        }
    }
}
