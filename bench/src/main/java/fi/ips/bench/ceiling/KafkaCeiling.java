package fi.ips.bench.ceiling;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker's raw rate on this machine: Kafka's own ProducerPerformance and ConsumerPerformance (the
 * kafka-tools of the broker's version), each in a JVM of its own, on a topic of their own with the
 * platform's partition count, records of the platform's event size, {@code acks=all} as the relays send.
 */
public final class KafkaCeiling {

    /** @param producerPerSecond records/s written; {@code consumerPerSecond} records/s read (fetch time only, without the group join) */
    public record Result(long records, int recordBytes, double producerPerSecond, double consumerPerSecond) {
    }

    private static final String TOPIC = "bench.ceiling";
    private static final Pattern PRODUCED = Pattern.compile("records sent, ([\\d.]+) records/sec");

    private KafkaCeiling() {
    }

    public static Result run(String bootstrap, long records, int recordBytes) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (admin.listTopics().names().get().contains(TOPIC)) {
                admin.deleteTopics(List.of(TOPIC)).all().get();
                Thread.sleep(2000);
            }
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
            try {
                String produced = tool("org.apache.kafka.tools.ProducerPerformance", "--topic", TOPIC, "--num-records", Long.toString(records),
                        "--record-size", Integer.toString(recordBytes), "--throughput", "-1",
                        "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all");
                Matcher producer = PRODUCED.matcher(produced);
                double producerRate = Double.NaN;
                while (producer.find()) {
                    producerRate = Double.parseDouble(producer.group(1));
                }
                if (Double.isNaN(producerRate)) {
                    throw new IllegalStateException("ProducerPerformance printed no figures: " + produced.lines().limit(20).toList());
                }
                String consumed = tool("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap, "--topic", TOPIC,
                        "--messages", Long.toString(records), "--timeout", "60000");
                return new Result(records, recordBytes, producerRate, fetchRate(consumed));
            } finally {
                admin.deleteTopics(List.of(TOPIC)).all().get();
            }
        }
    }

    /**
     * ConsumerPerformance prints a header line and, among log lines, a line of as many values;
     * fetch.nMsg.sec leaves the group join out.
     */
    static double fetchRate(String output) {
        List<String> lines = output.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("fetch.nMsg.sec")) {
                List<String> names = List.of(lines.get(i).trim().split(",\\s*"));
                for (String line : lines.subList(i + 1, lines.size())) {
                    String[] values = line.trim().split(",\\s*");
                    if (values.length == names.size()) {
                        return Double.parseDouble(values[names.indexOf("fetch.nMsg.sec")]);
                    }
                }
            }
        }
        return Double.NaN;
    }

    private static String tool(String main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(main + " failed: " + output.lines().reduce((a, b) -> b).orElse(""));
        }
        if (main.endsWith("ConsumerPerformance") && Double.isNaN(fetchRate(output))) {
            throw new IllegalStateException(main + " printed no figures: " + output.lines().limit(20).toList());
        }
        return output;
    }
}
