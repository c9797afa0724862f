package fi.ips.referral.relay;

import fi.ips.referral.ReferralServiceApplication;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What an integrator sees on {@code ips.referrals.v1} when referral-service runs against a real
 * PostgreSQL and a real Kafka broker, before and after a restart of the service. The subclasses
 * say where the infrastructure comes from.
 */
abstract class RelayContract {

    /** A JDBC URL of an empty database and a Kafka bootstrap address. */
    abstract String jdbcUrl();

    abstract String bootstrapServers();

    @Test
    void storedEventsReachTheTopicOnceWithTheirHeadersAcrossARestart() throws Exception {
        String clientId = "relay-" + UUID.randomUUID();
        try (ConfigurableApplicationContext service = startService()) {
            post(service, "/api/v1/referrals", "{\"clientId\":\"" + clientId + "\",\"region\":\"16\",\"referredOn\":\"2022-03-01\",\"source\":\"SELF_REFERRAL\"}");
            post(service, "/api/v1/referrals/" + clientId + "/agreement", "{\"signedOn\":\"2022-03-10\"}");
            List<ConsumerRecord<String, String>> before = read(clientId, 2);
            assertThat(before).hasSize(2);
            ConsumerRecord<String, String> referred = before.get(0);
            assertThat(referred.topic()).isEqualTo("ips.referrals.v1");
            assertThat(referred.key()).isEqualTo(clientId);
            assertThat(header(referred, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(referred, "ce_type")).isEqualTo("fi.ips.client.referred.v1");
            assertThat(header(referred, "ce_source")).isEqualTo("/ips/referral-service");
            assertThat(header(referred, "ce_subject")).isEqualTo(clientId);
            assertThat(header(referred, "ce_time")).isNotBlank();
            assertThat(header(referred, "content-type")).isEqualTo("application/json");
            assertThat(referred.value()).contains("\"clientId\":\"" + clientId + "\"", "\"region\":\"16\"",
                    "\"referredOn\":\"2022-03-01\"", "\"schemaVersion\":1");
            assertThat(header(before.get(1), "ce_type")).isEqualTo("fi.ips.agreement.signed.v1");
        }

        List<String> idsBefore = read(clientId, 2).stream().map(r -> header(r, "ce_id")).toList();
        try (ConfigurableApplicationContext restarted = startService()) {
            post(restarted, "/api/v1/referrals/" + clientId + "/end", "{\"endedOn\":\"2022-06-01\",\"reason\":\"GOAL_ACHIEVED\"}");
            List<ConsumerRecord<String, String>> after = read(clientId, 3);
            assertThat(after).extracting(r -> header(r, "ce_id")).hasSize(3).doesNotHaveDuplicates().startsWith(idsBefore.toArray(String[]::new));
            assertThat(header(after.get(2), "ce_type")).isEqualTo("fi.ips.service.ended.v1");
        }
    }

    private ConfigurableApplicationContext startService() {
        return new SpringApplicationBuilder(ReferralServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                "--ips.kafka.topic-partitions=2");
    }

    private static void post(ConfigurableApplicationContext service, String path, String json) throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) service).apply(springSecurity()).build();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                        .with(SecurityMockMvcRequestPostProcessors.jwt()
                                .jwt(t -> t.subject("region-16").claim("roles", List.of("COUNTY")).claim("regions", List.of("16")))
                                .authorities(new SimpleGrantedAuthority("ROLE_COUNTY")))
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().is2xxSuccessful());
    }

    /** The client's records, in topic order: waits until {@code expected} came and a further 2 s bring no more. */
    private List<ConsumerRecord<String, String>> read(String clientId, int expected) {
        Properties props = new Properties();
        props.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "relay-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("ips.referrals.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (clientId.equals(r.key())) {
                        records.add(r);
                    }
                });
                if (records.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
