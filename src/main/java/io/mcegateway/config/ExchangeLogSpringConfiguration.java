package io.mcegateway.config;

import io.mcegateway.exchangelog.ErrorTrend;
import io.mcegateway.exchangelog.ErrorTrendHealthIndicator;
import io.mcegateway.exchangelog.Masker;
import io.mcegateway.logging.LogMasking;
import io.mcegateway.logging.TracerWithoutMessageData;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The exchange log's Spring Boot-only parts: actuator health, masking of the Spring Boot application log, and Camel's
 * tracer without message data. Kept apart from {@link ExchangeLogConfiguration}, whose beans Camel JBang runs build
 * too, because these types are not on Camel JBang's class path.
 */
@Configuration(proxyBeanMethods = false)
public class ExchangeLogSpringConfiguration {

    /** The application log masks with the same masker, so a hashed e-mail reads the same in both logs. */
    @Bean(destroyMethod = "close")
    LogMasking.Installation applicationLogMasking(Masker exchangeMasker) {
        return LogMasking.use(exchangeMasker);
    }

    @Bean
    CamelContextConfiguration tracerWithoutMessageData() {
        return new TracerWithoutMessageData();
    }

    @Bean
    ErrorTrendHealthIndicator mceErrorTrendHealthIndicator(ErrorTrend trend) {
        return new ErrorTrendHealthIndicator(trend);
    }
}
