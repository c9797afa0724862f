package fi.ips.system;

import com.jayway.jsonpath.JsonPath;
import fi.ips.local.DemoData;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static fi.ips.system.RunningPlatform.get;
import static fi.ips.system.RunningPlatform.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./platform --demo}: the demo data goes in through the public API and tells THL's story
 * for the end of April 2022 in each pilot county; loading it twice stores nothing the second time.
 */
class DemoDataIT {

    /** Per pilot county: clients with an agreement and employed by 2022-04-30. */
    private static final Map<String, int[]> PILOTS = Map.of("16", new int[]{92, 31}, "21", new int[]{78, 25},
            "14", new int[]{85, 29}, "02", new int[]{70, 22}, "90", new int[]{76, 26});
    /** Every region the demo data submits to: the pilots and Keski-Pohjanmaa. */
    private static final Set<String> DEMO_REGIONS = Set.of("16", "21", "14", "02", "90", "18");

    @Test
    void thePilotCountiesShowThlsFiguresForApril2022() throws Exception {
        // Loaded here or already by another test on the shared platform (DashboardIT): loading again stores nothing.
        DemoData.load(RunningPlatform.gatewayUrl(), RunningPlatform.authUrl(), System.out);
        AcceptedEvents.Count afterFirst = AcceptedEvents.settled(DEMO_REGIONS::contains);
        DemoData.load(RunningPlatform.gatewayUrl(), RunningPlatform.authUrl(), System.out);
        AcceptedEvents.Count afterSecond = AcceptedEvents.settled(DEMO_REGIONS::contains);
        assertThat(afterSecond.total() - afterFirst.total()).as("events the second load stored").isZero();
        // The control: the counter read does see an event stored in these regions (a referral outside April 2022's figures).
        HttpResponse<String> referred = RunningPlatform.post("/api/v1/referrals", token("region-18"),
                "{\"region\":\"18\",\"referredOn\":\"2023-05-02\",\"source\":\"OTHER\"}");
        assertThat(referred.statusCode()).as(referred.body()).isEqualTo(201);
        assertThat(AcceptedEvents.settled(DEMO_REGIONS::contains).total() - afterSecond.total()).as("the control's one event").isEqualTo(1);

        String coordinator = token("coordinator");
        for (Map.Entry<String, int[]> pilot : PILOTS.entrySet()) {
            String path = "/api/v1/outcomes/regions/" + pilot.getKey() + "?asOf=2022-04-30";
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            HttpResponse<String> figures = get(path, coordinator);
            while (!matches(figures, pilot.getValue()) && System.nanoTime() < deadline) {
                Thread.sleep(500);
                figures = get(path, coordinator);
            }
            assertThat(figures.statusCode()).as(figures.body()).isEqualTo(200);
            assertThat((Integer) JsonPath.read(figures.body(), "$.agreements")).as(pilot.getKey()).isEqualTo(pilot.getValue()[0]);
            assertThat((Integer) JsonPath.read(figures.body(), "$.employed")).as(pilot.getKey()).isEqualTo(pilot.getValue()[1]);
        }
        // THL's totals, summed from the coordinator's list of every region (another query than the single region's above).
        HttpResponse<String> all = get("/api/v1/outcomes/regions?asOf=2022-04-30", coordinator);
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        List<Map<String, Object>> rows = JsonPath.read(all.body(), "$[*]");
        List<Map<String, Object>> pilots = rows.stream().filter(row -> row.get("region") != null && PILOTS.containsKey(row.get("region"))).toList();
        assertThat(pilots).extracting(row -> row.get("region")).containsExactlyInAnyOrderElementsOf(PILOTS.keySet());
        assertThat(pilots.stream().mapToLong(row -> ((Number) row.get("agreements")).longValue()).sum()).as("agreements").isEqualTo(401);
        assertThat(pilots.stream().mapToLong(row -> ((Number) row.get("employed")).longValue()).sum()).as("employed").isEqualTo(133);

        // Keski-Pohjanmaa's fidelity review of March 2024, through Kafka to the outcomes.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> fidelity = get("/api/v1/outcomes/fidelity?asOf=2024-06-30", coordinator);
        while (!fidelity.body().contains("\"score\":108") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            fidelity = get("/api/v1/outcomes/fidelity?asOf=2024-06-30", coordinator);
        }
        assertThat((List<Object>) JsonPath.read(fidelity.body(), "$.regions[?(@.region == '18')].reviews[0].score")).as(fidelity.body())
                .containsExactly(108);
        assertThat((List<Object>) JsonPath.read(fidelity.body(), "$.regions[?(@.region == '18')].reviews[0].good")).containsExactly(true);
    }

    private static boolean matches(HttpResponse<String> figures, int[] expected) {
        return figures.statusCode() == 200
                && expected[0] == (Integer) JsonPath.read(figures.body(), "$.agreements")
                && expected[1] == (Integer) JsonPath.read(figures.body(), "$.employed");
    }
}
