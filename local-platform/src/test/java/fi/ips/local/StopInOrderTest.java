package fi.ips.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The services are asked to stop together, and the infrastructure only once they have all ended. */
class StopInOrderTest {

    private static final List<String> SERVICES = List.of("s1", "s2", "s3");

    @TempDir
    Path dir;

    @Test
    void theServicesStopTogetherThenTheInfrastructure() {
        List<ChildProcess> running = new ArrayList<>();
        // Ends only once the services have.
        running.add(start("database", "[ $(ls \"$D\"/*.ended 2>/dev/null | wc -l) -ge 3 ] && touch \"$D/database.after-services\""));
        for (String service : SERVICES) {
            // Waits up to 10 s, as it ends, for every service to have been asked (asked one after another, it
            // would not see them), then 1 s more, so that the infrastructure stopped under it would see it.
            running.add(start(service, "touch \"$D/" + service + ".asked\"; for i in $(seq 100); do "
                    + "[ $(ls \"$D\"/*.asked | wc -l) -ge 3 ] && { touch \"$D/" + service + ".saw-all\"; break; }; sleep 0.1; done; "
                    + "sleep 1; touch \"$D/" + service + ".ended\""));
        }
        // Each has set its trap: a stop before would end it at once.
        await().until(() -> running.stream().allMatch(child -> Files.exists(dir.resolve(child.name() + ".ready"))));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        LocalPlatform.stopInOrder(running, SERVICES::contains, SERVICES.size(), ChildProcess::stop,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        for (String service : SERVICES) {
            assertThat(dir.resolve(service + ".saw-all")).as("%s was stopped while the others were asked too", service).exists();
        }
        assertThat(dir.resolve("database.after-services")).as("the infrastructure stopped after the services").exists();
        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "Stopping s3 ...", "Stopping s2 ...", "Stopping s1 ...", "Stopping database ...");
    }

    /** A process that does {@code onStop} when asked to stop (SIGTERM), then exits. */
    private ChildProcess start(String name, String onStop) {
        String script = "D='" + dir + "'; trap '" + onStop.replace("'", "'\\''") + "; exit 0' TERM; touch \"$D/" + name + ".ready\"; "
                + "while :; do sleep 0.1; done";
        return ChildProcess.start(name, 0, List.of("bash", "-c", script), dir.resolve("logs"));
    }
}
