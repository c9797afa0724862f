package fi.ips.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Class data sharing (CDS) for a service's JVM: its classes parsed and verified once, then mapped
 * from an archive on every later start. Six Spring Boot JVMs start at once on two cores, and
 * loading their classes is a good part of the CPU that takes.
 *
 * <p>Java 17 archives only classes loaded from plain jar files on the class path, not those of the
 * jars nested in a Spring Boot jar, so the service jar is run extracted (Spring Boot's {@code tools}
 * jar mode), in a folder named by the jar's content (its entries' names, sizes and checksums): a jar
 * rebuilt with changes starts over, one rebuilt from unchanged sources keeps its archive. A start
 * without an archive records one as its JVM exits after a clean stop
 * ({@code -XX:ArchiveClassesAtExit}, into a file of this platform's own, as another platform may
 * record at the same time); {@link #stopped} keeps it for the next starts. The JVM checks an
 * archive against the class path it was made with and runs without one that does not match.
 */
final class ClassDataSharing {

    private final Path jar;
    private final Path archive;
    private final Path recording;

    private ClassDataSharing(Path jar, Path archive, Path recording) {
        this.jar = jar;
        this.archive = archive;
        this.recording = recording;
    }

    /** Extracts {@code serviceJar} unless an extraction of this build of it is there already. */
    static ClassDataSharing of(Path serviceJar) {
        try {
            String name = serviceJar.getFileName().toString().replaceFirst("\\.jar$", "");
            Path parent = serviceJar.resolveSibling("cds");
            Path folder = parent.resolve(contentKey(serviceJar));
            if (!Files.isDirectory(folder)) {
                extract(serviceJar, parent, folder);
            }
            return new ClassDataSharing(folder.resolve(serviceJar.getFileName()), folder.resolve(name + ".jsa"),
                    folder.resolve(name + "-" + UUID.randomUUID() + ".jsa.part"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + serviceJar + " for class data sharing", e);
        }
    }

    boolean archived() {
        return Files.isRegularFile(archive);
    }

    /** The JVM options and the jar that start the service: with the archive, or recording it. */
    List<String> launch() {
        List<String> options = new ArrayList<>();
        options.add(archived() ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + recording);
        // The JVM's notes on each class it cannot archive (and on an archive it cannot use) are not the service's log.
        options.add("-Xlog:cds=off,cds+dynamic=off");
        options.addAll(List.of("-jar", jar.toString()));
        return options;
    }

    /**
     * The JVM has ended: after a clean stop its recording becomes the archive (unless another
     * platform's came first); otherwise (killed, crashed, failed to start) it is dropped. Never
     * throws: an archive not kept costs the next start its saving, while an exception here would
     * leave the platform's other processes running.
     */
    void stopped(boolean clean) {
        try {
            if (clean && Files.isRegularFile(recording) && !Files.exists(archive)) {
                Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(recording);
        } catch (IOException e) {
            // A recording left behind is ignored by every later start.
        }
    }

    /**
     * What the jar holds, without its times: Maven writes the jar again on every package, and an
     * entry's checksum is the same for the same bytes. Read from the jar's central directory only.
     */
    private static String contentKey(Path jar) throws IOException {
        MessageDigest digest = sha256();
        ByteBuffer numbers = ByteBuffer.allocate(2 * Long.BYTES);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                digest.update(entry.getName().getBytes(StandardCharsets.UTF_8));
                digest.update(numbers.clear().putLong(entry.getCrc()).putLong(entry.getSize()).array());
            }
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 12);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Into a folder of its own first, so that a platform starting at the same time never sees half of it. */
    private static void extract(Path serviceJar, Path parent, Path folder) throws IOException {
        Files.createDirectories(parent);
        Path partial = parent.resolve(folder.getFileName() + "-" + UUID.randomUUID() + ".part");
        Process extraction = new ProcessBuilder(LocalPlatform.java(), "-Djarmode=tools", "-jar", serviceJar.toString(), "extract",
                "--destination", partial.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!extraction.waitFor(2, TimeUnit.MINUTES) || extraction.exitValue() != 0) {
                extraction.destroyForcibly();
                throw new IOException("extracting " + serviceJar + " failed");
            }
        } catch (InterruptedException e) {
            extraction.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting " + serviceJar, e);
        }
        try {
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            Folders.deleteTree(partial);
        }
        // Earlier builds' extractions: a service is never run from them again.
        try (Stream<Path> others = Files.list(parent)) {
            for (Path other : others.filter(path -> !path.equals(folder) && !path.getFileName().toString().endsWith(".part")).toList()) {
                Folders.deleteTree(other);
            }
        }
    }
}
