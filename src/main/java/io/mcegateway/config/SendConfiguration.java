package io.mcegateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.send.AcceptedMessages;
import io.mcegateway.send.DeliveryQueue;
import io.mcegateway.send.MessageBatches;
import io.mcegateway.send.MessageReplies;
import io.mcegateway.send.MessageStore;
import io.mcegateway.send.SendBatches;
import io.mcegateway.send.SendRequests;
import io.mcegateway.token.BusinessUnits;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.Processor;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Beans of the send flow, named as the YAML routes in routes/ refer to them. Each is built by {@link GatewayBeans},
 * which Camel JBang runs ({@code io.mcegateway.local.LocalGateway}) use too.
 */
@Configuration(proxyBeanMethods = false)
public class SendConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    MessageStore messageStore(DataSource dataSource, Clock clock, MeterRegistry meters) {
        return GatewayBeans.messageStore(dataSource, clock, meters);
    }

    /** Policy of the transacted step in accept-message-batch, over Spring Boot's transaction manager. */
    @Bean
    SpringTransactionPolicy storeTransaction(PlatformTransactionManager transactionManager) {
        return GatewayBeans.storeTransaction(transactionManager);
    }

    @Bean
    AcceptedMessages acceptedMessages(MessageStore store, MeterRegistry meters) {
        return GatewayBeans.acceptedMessages(store, meters);
    }

    @Bean
    SendRequests sendRequests(ObjectMapper json, BusinessUnits units, SendProperties send) {
        return GatewayBeans.sendRequests(json, units, send);
    }

    @Bean
    MessageReplies messageReplies(ObjectMapper json, MessageStore store) {
        return GatewayBeans.messageReplies(json, store);
    }

    @Bean(initMethod = "resume")
    DeliveryQueue deliveryQueue(MessageStore store, GatewayProperties gateway, SendProperties send, MceProperties mce,
            StatusProperties status, Clock clock, @Value("${server.port:8080}") int port) throws Exception {
        return GatewayBeans.deliveryQueue(store, gateway, send, mce, status, clock, port);
    }

    @Bean
    SendBatches sendBatches(ObjectMapper json, MessageStore store, DeliveryQueue queue, SendProperties send,
            Clock clock, MeterRegistry meters) {
        return GatewayBeans.sendBatches(json, store, queue, send, clock, meters);
    }

    @Bean
    MessageBatches messageBatches(SendProperties send, Clock clock) {
        return GatewayBeans.messageBatches(send, clock);
    }

    /** onExceptionOccurred of the send flow's retries: backoff with jitter, or MCE's Retry-After. */
    @Bean
    Processor sendRetryDelay(SendProperties send, Clock clock) {
        return GatewayBeans.sendRetryDelay(send, clock);
    }

    /** onRedelivery of the send flow: rebuilds the request from the messages still held; counts the retry. */
    @Bean
    Processor sendRedelivery(SendBatches batches) {
        return GatewayBeans.sendRedelivery(batches);
    }
}
