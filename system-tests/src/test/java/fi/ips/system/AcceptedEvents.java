package fi.ips.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command services' {@code ips_events_accepted_total} (events stored, counted as their
 * transaction commits, per type and region), read from the services' own metrics endpoints: what
 * a test reads to tell whether requests stored anything.
 */
final class AcceptedEvents {

    private static final Pattern SERIES = Pattern.compile("(?m)^ips_events_accepted_total\\{([^}]*)} ([0-9.eE+]+)$");
    private static final Pattern REGION = Pattern.compile("(?:^|,)region=\"([^\"]*)\"");

    /** @param series how many time series (type and region) matched; none means the metric was not found at all */
    record Count(int series, double total) {
    }

    private AcceptedEvents() {
    }

    /** The events stored so far in the regions chosen, summed over referral-service and placement-service. */
    static Count read(Predicate<String> regions) {
        RunningPlatform.gatewayUrl(); // started on first use
        int series = 0;
        double total = 0;
        for (int port : List.of(RunningPlatform.PORTS.referral(), RunningPlatform.PORTS.placement())) {
            HttpResponse<String> metrics = RunningPlatform.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/prometheus")).GET(), null);
            assertThat(metrics.statusCode()).as("metrics of the service on port " + port).isEqualTo(200);
            Matcher m = SERIES.matcher(metrics.body());
            while (m.find()) {
                Matcher region = REGION.matcher(m.group(1));
                if (region.find() && regions.test(region.group(1))) {
                    series++;
                    total += Double.parseDouble(m.group(2));
                }
            }
        }
        return new Count(series, total);
    }

    /**
     * The count once it stopped moving (the same in two reads half a second apart, for at most
     * ten seconds): a request is answered as its transaction commits, when the counter moves.
     */
    static Count settled(Predicate<String> regions) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Count last = read(regions);
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            Count now = read(regions);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }
}
