package dev.holdfast.lock.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockedAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class LockedSelfInvocationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory")
            .withConfiguration(AutoConfigurations.of(
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    LockedAutoConfiguration.class));

    @Test
    void shouldWarnAtStartupAboutABeanCallingItsOwnLockedMethod(CapturedOutput output) {
        this.runner.withBean(Reports.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(output)
                    .contains("WARN")
                    .contains("@Locked method " + Reports.class.getName() + ".daily() is called by "
                            + Reports.class.getName() + ".monthly on the object itself")
                    .contains("so it runs without the lock. Call it through the bean (inject it where it is called)");
            Reports reports = context.getBean(Reports.class);
            assertThat(reports.daily())
                    .as("daily() called through the proxy is locked")
                    .isTrue();
            assertThat(reports.monthly())
                    .as("daily() called by monthly() is locked")
                    .isFalse();
        });
    }

    @Test
    void shouldNotWarnAboutCallsThroughTheInjectedBean(CapturedOutput output) {
        this.runner.withBean(InjectedReports.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(InjectedReports.class).monthly())
                    .as("daily() called by monthly() through the bean is locked")
                    .isTrue();
            assertThat(output).doesNotContain("on the object itself");
        });
    }

    /** Calls its own {@code @Locked} method, which then runs without the lock. */
    static class Reports {

        @Locked
        public boolean daily() {
            return LockTemplate.currentLease().isPresent();
        }

        public boolean monthly() {
            return daily();
        }
    }

    /** Calls its own {@code @Locked} method through the bean, as the warning advises. */
    static class InjectedReports {

        private final ObjectProvider<InjectedReports> self;

        InjectedReports(ObjectProvider<InjectedReports> self) {
            this.self = self;
        }

        @Locked
        public boolean daily() {
            return LockTemplate.currentLease().isPresent();
        }

        public boolean monthly() {
            return this.self.getObject().daily();
        }
    }
}
