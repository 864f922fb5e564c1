package dev.holdfast.lock.server.api;

import dev.holdfast.lock.server.LockServerProperties;
import dev.holdfast.lock.server.MonotonicClock;
import dev.holdfast.lock.server.ServerActivity;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API's services: the store gateways, their bounded offload executor, the registry of waiting requests, sessions
 * and request ids, and the sweep that ends sessions whose keepalives stopped.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    /** How much longer than the longest wait a waiting request's HTTP exchange may stay open. */
    static final Duration ASYNC_TIMEOUT_MARGIN = Duration.ofSeconds(30);

    @Bean
    ThreadPoolTaskExecutor lockServerOffload(LockServerProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("holdfast-server-");
        executor.setCorePoolSize(properties.getOffloadThreads());
        executor.setMaxPoolSize(properties.getOffloadThreads());
        executor.setQueueCapacity(10_000);
        return executor;
    }

    /**
     * Let a waiting request wait as long as {@code holdfast.server.max-wait} allows: the servlet container's default
     * async timeout (30 s on Tomcat) would otherwise end longer waits with a 503.
     */
    @Bean
    WebMvcConfigurer lockServerAsyncTimeout(LockServerProperties properties) {
        return new WebMvcConfigurer() {
            @Override
            public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
                configurer.setDefaultTimeout(
                        properties.getMaxWait().plus(ASYNC_TIMEOUT_MARGIN).toMillis());
            }
        };
    }

    @Bean
    ThreadPoolTaskScheduler lockServerSweeper() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("holdfast-server-sweep-");
        return scheduler;
    }

    @Bean
    WaitingRequests waitingRequests() {
        return new WaitingRequests();
    }

    @Bean
    LockGateway lockGateway(
            LockStore store,
            ThreadPoolTaskExecutor lockServerOffload,
            ServerActivity activity,
            WaitingRequests waitingRequests) {
        return new LockGateway(store, lockServerOffload, activity, waitingRequests);
    }

    @Bean
    PermitGateway permitGateway(
            LockStore store,
            ThreadPoolTaskExecutor lockServerOffload,
            ServerActivity activity,
            WaitingRequests waitingRequests) {
        return new PermitGateway(semaphores(store), lockServerOffload, activity, waitingRequests);
    }

    @Bean
    Holds holds(LockStore store, ThreadPoolTaskExecutor lockServerOffload) {
        return new Holds(store, semaphores(store), lockServerOffload);
    }

    @Bean
    Sessions sessions(
            Holds holds,
            ThreadPoolTaskExecutor lockServerOffload,
            ServerActivity activity,
            ObjectProvider<Clock> clock,
            RequestIds requestIds,
            ThreadPoolTaskScheduler lockServerSweeper,
            ObjectProvider<MonotonicClock> ticker,
            LockServerProperties properties) {
        Sessions sessions = new Sessions(
                holds,
                lockServerOffload,
                activity,
                clock.getIfAvailable(Clock::systemUTC),
                ticker.getIfAvailable(() -> MonotonicClock.SYSTEM));
        lockServerSweeper.scheduleWithFixedDelay(
                () -> {
                    sessions.sweep();
                    requestIds.sweep();
                },
                properties.getSessionSweepPeriod());
        return sessions;
    }

    @Bean
    RequestIds requestIds(ObjectProvider<Clock> clock, LockServerProperties properties) {
        return new RequestIds(clock.getIfAvailable(Clock::systemUTC), properties.getRequestIdRetention());
    }

    @Bean
    Locks locks(
            LockGateway gateway,
            PermitGateway permits,
            Holds holds,
            Sessions sessions,
            RequestIds requestIds,
            ServerActivity activity,
            ObjectProvider<Clock> clock,
            LockServerProperties properties) {
        return new Locks(
                gateway,
                permits,
                holds,
                sessions,
                requestIds,
                activity,
                clock.getIfAvailable(Clock::systemUTC),
                properties);
    }

    @Bean
    Semaphores semaphores(
            PermitGateway gateway,
            Locks locks,
            Holds holds,
            Sessions sessions,
            RequestIds requestIds,
            ServerActivity activity,
            ObjectProvider<Clock> clock) {
        return new Semaphores(
                gateway, locks, holds, sessions, requestIds, activity, clock.getIfAvailable(Clock::systemUTC));
    }

    private static SemaphoreStore semaphores(LockStore store) {
        if (store instanceof SemaphoreStore semaphores) {
            return semaphores;
        }
        throw new IllegalStateException("The lock server needs a store with semaphores, but holdfast.store chose "
                + store.name() + " (" + store.getClass().getName() + "), which has none");
    }
}
