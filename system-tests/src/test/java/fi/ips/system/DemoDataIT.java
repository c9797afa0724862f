package fi.ips.system;

import com.jayway.jsonpath.JsonPath;
import fi.ips.local.DemoData;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static fi.ips.system.RunningPlatform.get;
import static fi.ips.system.RunningPlatform.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./platform --demo}: the demo data goes in through the public API and tells THL's story
 * for the end of April 2022 in each pilot county; loading it twice changes nothing.
 */
class DemoDataIT {

    /** Per pilot county: clients with an agreement and employed by 2022-04-30. */
    private static final Map<String, int[]> PILOTS = Map.of("16", new int[]{92, 31}, "21", new int[]{78, 25},
            "14", new int[]{85, 29}, "02", new int[]{70, 22}, "90", new int[]{76, 26});

    @Test
    void thePilotCountiesShowThlsFiguresForApril2022() throws Exception {
        DemoData.load(RunningPlatform.gatewayUrl(), RunningPlatform.authUrl(), System.out);
        DemoData.load(RunningPlatform.gatewayUrl(), RunningPlatform.authUrl(), System.out);

        String coordinator = token("coordinator");
        long agreements = 0;
        long employed = 0;
        for (Map.Entry<String, int[]> pilot : PILOTS.entrySet()) {
            String path = "/api/v1/outcomes/regions/" + pilot.getKey() + "?asOf=2022-04-30";
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            HttpResponse<String> figures = get(path, coordinator);
            while (!matches(figures, pilot.getValue()) && System.nanoTime() < deadline) {
                Thread.sleep(500);
                figures = get(path, coordinator);
            }
            assertThat((Integer) JsonPath.read(figures.body(), "$.agreements")).as(pilot.getKey()).isEqualTo(pilot.getValue()[0]);
            assertThat((Integer) JsonPath.read(figures.body(), "$.employed")).as(pilot.getKey()).isEqualTo(pilot.getValue()[1]);
            agreements += pilot.getValue()[0];
            employed += pilot.getValue()[1];
        }
        assertThat(agreements).isEqualTo(401);
        assertThat(employed).isEqualTo(133);
    }

    private static boolean matches(HttpResponse<String> figures, int[] expected) {
        return figures.statusCode() == 200
                && expected[0] == (Integer) JsonPath.read(figures.body(), "$.agreements")
                && expected[1] == (Integer) JsonPath.read(figures.body(), "$.employed");
    }
}
