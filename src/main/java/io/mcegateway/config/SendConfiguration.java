package io.mcegateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.mce.BackoffPolicy;
import io.mcegateway.mce.RetryDelay;
import io.mcegateway.send.AcceptedMessages;
import io.mcegateway.send.DeliveryQueue;
import io.mcegateway.send.MessageBatches;
import io.mcegateway.send.MessageReplies;
import io.mcegateway.send.MessageStore;
import io.mcegateway.send.SendBatches;
import io.mcegateway.send.SendRequests;
import io.mcegateway.token.BusinessUnits;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mcegateway.send.MessageStatus;
import java.net.InetAddress;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the send flow, named as the YAML routes in routes/ refer to them. */
@Configuration(proxyBeanMethods = false)
public class SendConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    MessageStore messageStore(DataSource dataSource, Clock clock, MeterRegistry meters) {
        MessageStore store = new MessageStore(dataSource, clock);
        for (MessageStatus status : MessageStatus.values()) {
            Gauge.builder("gateway.messages", store, s -> s.count(status))
                    .description("Stored messages by status").tag("status", status.name()).register(meters);
        }
        return store;
    }

    @Bean
    AcceptedMessages acceptedMessages(MessageStore store, MeterRegistry meters) {
        return new AcceptedMessages(store, meters);
    }

    @Bean
    SendRequests sendRequests(ObjectMapper json, BusinessUnits units, SendProperties send) {
        return new SendRequests(json, units, send.maxBodySize().toBytes());
    }

    @Bean
    MessageReplies messageReplies(ObjectMapper json, MessageStore store) {
        return new MessageReplies(json, store);
    }

    @Bean(initMethod = "resume")
    DeliveryQueue deliveryQueue(MessageStore store, GatewayProperties gateway, SendProperties send,
            @Value("${server.port:8080}") int port) throws Exception {
        String instanceId = gateway.instanceId() != null && !gateway.instanceId().isBlank() ? gateway.instanceId()
                : InetAddress.getLocalHost().getHostName() + ":" + port;
        return new DeliveryQueue(store, instanceId, send.claimLease(), send.claimLimit());
    }

    @Bean
    SendBatches sendBatches(ObjectMapper json, MessageStore store, DeliveryQueue queue, SendProperties send,
            Clock clock, MeterRegistry meters) {
        return new SendBatches(json, store, queue, send.claimLease(), send.unknownOutcomeCheckDelay(),
                send.noTokenRetryDelay(), clock, meters);
    }

    @Bean
    MessageBatches messageBatches(SendProperties send, Clock clock) {
        return new MessageBatches(clock, send.batchWindow());
    }

    /** onExceptionOccurred of the send flow's retries: backoff with jitter, or MCE's Retry-After. */
    @Bean
    Processor sendRetryDelay(SendProperties send, Clock clock) {
        return new RetryDelay(new BackoffPolicy(send.retry()), clock, "MCE send");
    }

    /** onRedelivery of the send flow: counts the attempt on each message of the batch. */
    @Bean
    Processor sendRedelivery(SendBatches batches) {
        return batches::redelivering;
    }
}
