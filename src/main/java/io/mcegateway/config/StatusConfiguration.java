package io.mcegateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.send.DeliveryQueue;
import io.mcegateway.send.MessageStore;
import io.mcegateway.send.StatusChecks;
import io.mcegateway.status.LiveStatuses;
import io.mcegateway.status.NotSentFeed;
import io.mcegateway.status.Reconciliation;
import io.mcegateway.status.ReconciliationStore;
import io.mcegateway.status.Sleeper;
import io.mcegateway.status.StaggeredSchedule;
import io.mcegateway.status.StatusBackoff;
import io.mcegateway.status.StatusBudget;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the status-check flow (routes/status-check.camel.yaml), named as the routes refer to them. */
@Configuration(proxyBeanMethods = false)
public class StatusConfiguration {

    /** Spread of each failure pause, so that instances paused by the same outage do not probe MCE together. */
    static final double FAILURE_PAUSE_JITTER = 0.2;

    @Bean
    public StatusBudget statusBudget(StatusProperties status, Clock clock, MeterRegistry meters) {
        StatusBudget budget = new StatusBudget(status.maxChecksPerPeriod(), status.budgetPeriod(), clock, Sleeper.REAL);
        Gauge.builder("gateway.status.budget.used", budget, StatusBudget::used)
                .description("MCE status requests of the current budget period").register(meters);
        Gauge.builder("gateway.status.budget.limit", budget, StatusBudget::maxRequests)
                .description("MCE status requests allowed per budget period").register(meters);
        return budget;
    }

    /** The one lookup by messageKey: the send flow's unknown outcomes, reconciliation and ?refresh=true. */
    @Bean
    public StatusChecks statusChecks(ObjectMapper json, MessageStore store, SendProperties send, Clock clock,
            StatusBudget budget, MeterRegistry meters) {
        return new StatusChecks(json, store, send.unknownOutcomeCheckDelay(), send.maxUnknownOutcomeChecks(), clock,
                budget, meters);
    }

    @Bean
    public StatusBackoff statusBackoff(StatusProperties status, Clock clock) {
        return new StatusBackoff(status.failurePause(), status.maxFailurePause(), FAILURE_PAUSE_JITTER, clock, Math::random);
    }

    @Bean
    @DependsOnDatabaseInitialization
    public ReconciliationStore reconciliationStore(DataSource dataSource, MessageStore messages, Clock clock,
            MeterRegistry meters) {
        ReconciliationStore store = new ReconciliationStore(dataSource, messages, clock);
        Gauge.builder("gateway.reconciliation.backlog", store, ReconciliationStore::backlog)
                .description("Messages MCE accepted whose final status (SENT, NOT_SENT) is not known yet")
                .register(meters);
        Gauge.builder("gateway.reconciliation.oldest.age", store, s -> s.oldestOpen()
                        .map(oldest -> Duration.between(oldest, clock.instant()).toMillis() / 1000.0).orElse(0.0))
                .description("Age of the oldest message whose final status is not known yet").baseUnit("seconds")
                .register(meters);
        return store;
    }

    @Bean
    public StaggeredSchedule reconciliationSchedule(StatusProperties status, Clock clock) {
        return new StaggeredSchedule("reconciliation", status.reconcileInterval(), status.scheduleJitter(),
                status.minuteGuard(), clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    @Bean
    public StaggeredSchedule notSentSchedule(StatusProperties status, Clock clock) {
        return new StaggeredSchedule("not-sent list", status.notSentPollInterval(), status.scheduleJitter(),
                status.minuteGuard(), clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    @Bean
    public Reconciliation reconciliation(ReconciliationStore store, StatusBackoff backoff, StatusProperties status,
            SendProperties send, DeliveryQueue queue, Clock clock, MeterRegistry meters) {
        return new Reconciliation(store, backoff, status.checkDelays(), status.checkDelayJitter(),
                status.historyWindow(), status.notSentPollInterval().multipliedBy(2), status.runAllowance(),
                queue.instanceId(), send.claimLease(), clock, Math::random, meters);
    }

    @Bean
    public NotSentFeed notSentFeed(ReconciliationStore store, StatusBackoff backoff, StatusBudget budget, ObjectMapper json,
            StatusProperties status, SendProperties send, DeliveryQueue queue, Clock clock, MeterRegistry meters) {
        return new NotSentFeed(store, backoff, budget, json, status.notSentPageSize(), status.notSentMaxPages(),
                status.checkDelays().get(0), queue.instanceId(), send.claimLease(), clock, meters);
    }

    @Bean
    public LiveStatuses liveStatuses(MessageStore store, ObjectMapper json, StatusProperties status, Clock clock) {
        return new LiveStatuses(store, json, status.refreshCache(), status.refreshWait(), clock);
    }
}
