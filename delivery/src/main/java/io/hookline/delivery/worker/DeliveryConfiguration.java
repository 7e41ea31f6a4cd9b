package io.hookline.delivery.worker;

import io.hookline.delivery.http.WebhookHttpClient;
import io.hookline.delivery.queue.AmqpPublisher;
import io.hookline.delivery.queue.KafkaPublisher;
import io.hookline.domain.network.OutboundAddressPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DeliveryProperties.class, RetentionProperties.class})
class DeliveryConfiguration {

    /** One client per node: its pool keeps connections to each receiver alive and reuses them. */
    @Bean
    WebhookHttpClient webhookHttpClient(OutboundAddressPolicy policy, DeliveryProperties properties) {
        return new WebhookHttpClient(
                policy, AttemptRunner.USER_AGENT, Math.max(properties.perWebhookInFlight() * 2, 20));
    }

    /** Kafka producers of the queue destinations, one per webhook, closed with the node. */
    @Bean(destroyMethod = "close")
    KafkaPublisher kafkaPublisher(OutboundAddressPolicy policy) {
        return new KafkaPublisher(policy);
    }

    /** AMQP connections of the queue destinations, one per webhook, closed with the node. */
    @Bean(destroyMethod = "close")
    AmqpPublisher amqpPublisher(OutboundAddressPolicy policy) {
        return new AmqpPublisher(policy);
    }
}
