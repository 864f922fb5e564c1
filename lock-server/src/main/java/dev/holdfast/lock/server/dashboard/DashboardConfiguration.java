package dev.holdfast.lock.server.dashboard;

import dev.holdfast.lock.server.ServerActivity;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard: its page at {@code /} and {@code /dashboard}, its event stream and the one thread that sends every
 * event. A bad {@code holdfast.server.dashboard.*} value fails the startup, naming the property.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DashboardProperties.class)
class DashboardConfiguration implements WebMvcConfigurer {

    static final String PAGE = "forward:/dashboard/index.html";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName(PAGE);
        registry.addViewController("/dashboard").setViewName(PAGE);
        registry.addViewController("/dashboard/").setViewName(PAGE);
    }

    @Bean
    ThreadPoolTaskScheduler dashboardScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("holdfast-dashboard-");
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    @Bean
    DashboardEvents dashboardEvents(
            LockStore store,
            ObjectProvider<SemaphoreStore> semaphores,
            ServerActivity activity,
            DashboardFeed feed,
            ThreadPoolTaskScheduler dashboardScheduler,
            DashboardProperties properties,
            ObjectProvider<Clock> clock) {
        properties.validate();
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        SemaphoreStore semaphoreStore = semaphores.getIfAvailable();
        if (semaphoreStore == null && store instanceof SemaphoreStore both) {
            semaphoreStore = both;
        }
        DashboardReader reader =
                new DashboardReader(store, semaphoreStore, activity, feed, time, properties.getMaxRows());
        return new DashboardEvents(reader, feed, dashboardScheduler, properties, time);
    }
}
