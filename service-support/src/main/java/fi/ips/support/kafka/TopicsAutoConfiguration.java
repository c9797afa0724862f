package fi.ips.support.kafka;

import fi.ips.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the contract's topics so that whichever service starts first creates them. They keep
 * every event (no time-based deletion): the read models are rebuilt from them.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaAdmin.class)
class TopicsAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics ipsTopics(@Value("${ips.kafka.topic-partitions:3}") int partitions,
                                   @Value("${ips.kafka.replication-factor:1}") short replicationFactor,
                                   @Value("${ips.kafka.min-insync-replicas:1}") int minInSyncReplicas) {
        return new KafkaAdmin.NewTopics(Topics.ALL.stream()
                .map(name -> topic(name, partitions, replicationFactor, minInSyncReplicas)).toArray(NewTopic[]::new));
    }

    private static NewTopic topic(String name, int partitions, short replicationFactor, int minInSyncReplicas) {
        return TopicBuilder.name(name)
                .partitions(partitions)
                .replicas(replicationFactor)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInSyncReplicas))
                .build();
    }
}
