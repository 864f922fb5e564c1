package dev.holdfast.lock.server.api;

import dev.holdfast.lock.server.LockServerProperties;
import dev.holdfast.lock.server.ServerActivity;
import dev.holdfast.lock.spi.LockStore;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The API's services: the store gateway, its bounded offload executor, and the registry of waiting requests. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    ThreadPoolTaskExecutor lockServerOffload(LockServerProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("holdfast-server-");
        executor.setCorePoolSize(properties.getOffloadThreads());
        executor.setMaxPoolSize(properties.getOffloadThreads());
        executor.setQueueCapacity(10_000);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        return executor;
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
    Locks locks(
            LockGateway gateway,
            LockStore store,
            ServerActivity activity,
            ObjectProvider<Clock> clock,
            LockServerProperties properties) {
        return new Locks(gateway, store, activity, clock.getIfAvailable(Clock::systemUTC), properties);
    }
}
