package fi.ips.local;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** On the authorisation server's jar, the one service that starts without a database or a broker. */
class ClassDataSharingTest {

    @TempDir
    Path target;
    Path jar;

    @BeforeEach
    void copyJar() throws Exception {
        jar = target.resolve("auth-server.jar");
        Files.copy(Path.of("../auth-server/target/auth-server.jar"), jar);
    }

    @Test
    void aCleanStopRecordsTheArchiveThatLaterStartsMap() throws Exception {
        ClassDataSharing first = ClassDataSharing.of(jar);
        List<String> recording = first.launch();
        assertThat(recording).anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));

        assertThat(run(recording)).isZero();
        first.stopped(true);

        List<String> later = ClassDataSharing.of(jar).launch();
        assertThat(later).anyMatch(option -> option.startsWith("-XX:SharedArchiveFile=")).noneMatch(option -> option.contains("AtExit"));
        // -Xshare:on: the JVM refuses to start unless it maps the archive.
        List<String> strict = new ArrayList<>(List.of("-Xshare:on"));
        strict.addAll(later);
        assertThat(run(strict)).isZero();
    }

    @Test
    void aKilledOrFailedRunLeavesNoArchive() throws Exception {
        ClassDataSharing first = ClassDataSharing.of(jar);

        assertThat(run(first.launch())).isZero();
        first.stopped(false);

        assertThat(ClassDataSharing.of(jar).launch()).anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(files()).noneMatch(file -> file.toString().contains(".jsa"));
    }

    @Test
    void aJarWrittenAgainWithTheSameContentKeepsItsExtraction() throws Exception {
        ClassDataSharing.of(jar);
        List<Path> before = extractions();
        // What Maven's package does to an unchanged service: the same entries in a new file of a later time.
        Files.copy(Path.of("../auth-server/target/auth-server.jar"), jar, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));

        ClassDataSharing.of(jar);

        assertThat(before).hasSize(1);
        assertThat(extractions()).isEqualTo(before);
    }

    @Test
    void aRebuiltJarIsExtractedAgainAndTheOldExtractionRemoved() throws Exception {
        ClassDataSharing.of(jar);
        List<Path> before = extractions();
        try (FileSystem rebuilt = FileSystems.newFileSystem(jar)) {
            Files.writeString(rebuilt.getPath("BOOT-INF/classes/rebuilt.properties"), "changed=true\n");
        }

        ClassDataSharing.of(jar);

        assertThat(before).hasSize(1);
        assertThat(extractions()).hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(extractions().get(0).resolve("auth-server.jar")).isRegularFile();
    }

    /** The benchmark asks before it starts whether every service of the build has its archive: a start without them takes longer. */
    @Test
    void theClassDataIsRecordedOnceEveryServiceHasItsArchive(@TempDir Path home) throws Exception {
        List<String> services = List.of("auth-server", "referral-service", "placement-service", "outcomes-service", "import-service", "gateway");
        assertThatThrownBy(() -> LocalPlatform.classDataRecorded(home)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("build first");
        for (String service : services) {
            // The authorisation server's jar under each service's name: extracted as a start would extract it.
            Path serviceJar = Files.createDirectories(home.resolve(service).resolve("target")).resolve(service + ".jar");
            Files.copy(jar, serviceJar);
        }
        for (String service : services) {
            assertThat(LocalPlatform.classDataRecorded(home)).as("before %s's archive", service).isFalse();
            try (Stream<Path> extractions = Files.list(home.resolve(service).resolve("target").resolve("cds"))) {
                Files.createFile(extractions.findFirst().orElseThrow().resolve(service + ".jsa"));
            }
        }
        assertThat(LocalPlatform.classDataRecorded(home)).isTrue();
    }

    /** The server as far as its application context, then exits (Spring Boot's training run). */
    private int run(List<String> launch) throws Exception {
        List<String> command = new ArrayList<>(List.of(LocalPlatform.java(), "-Xmx128m", "-Dspring.context.exit=onRefresh"));
        command.addAll(launch);
        command.addAll(List.of("--server.port=0", "--spring.profiles.active=local",
                "--ips.auth.signing-key-file=" + target.resolve("signing-key.json")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(target.resolve("auth-server.log").toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the authorisation server did not exit");
        }
        return process.exitValue();
    }

    private List<Path> extractions() throws Exception {
        try (Stream<Path> folders = Files.list(target.resolve("cds"))) {
            return folders.toList();
        }
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> files = Files.walk(target.resolve("cds"))) {
            return files.toList();
        }
    }
}
