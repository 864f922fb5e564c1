package dev.holdfast.lock.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.aop.LockMode;
import dev.holdfast.lock.spring.aop.Locked;
import dev.holdfast.lock.spring.aop.OnConflict;
import dev.holdfast.lock.support.InvalidLockAnnotationException;
import dev.holdfast.lock.test.compiler.WithoutParameterNames;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Mono;

class LockedMethodValidationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory")
            .withConfiguration(AutoConfigurations.of(
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    LockedAutoConfiguration.class));

    @Test
    void shouldFailAtStartupForUnparsableKeyNamingTheMethod() {
        this.runner.withBean(BadKey.class).run((context) -> {
            InvalidLockAnnotationException failure = failure(context);
            assertThat(failure.getMethod()).isEqualTo(BadKey.class.getName() + ".book(String)");
            assertThat(failure.getFaults()).singleElement().asString().startsWith("key [#room +] is not valid SpEL");
            FailureAnalysis analysis = new InvalidLockAnnotationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .startsWith("The @Locked annotation on " + BadKey.class.getName() + ".book(String) cannot work")
                    .contains("- key [#room +] is not valid SpEL");
            assertThat(analysis.getAction()).startsWith("Fix the @Locked attributes of " + BadKey.class.getName());
        });
    }

    @Test
    void shouldFailAtStartupForSkipOnPrimitiveReturn() {
        this.runner
                .withBean(SkipPrimitive.class)
                .run((context) -> assertThat(failure(context).getFaults())
                        .singleElement()
                        .asString()
                        .startsWith(
                                "onConflict SKIP needs a method that can return empty, but it returns primitive int"));
    }

    @Test
    void shouldFailAtStartupForNegativeAndUnparsableDurationsListingEach() {
        this.runner
                .withBean(BadDurations.class)
                .run((context) -> assertThat(failure(context).getFaults())
                        .containsExactly(
                                "lease [soon] is not a duration (such as 30s or PT30S)",
                                "waitTime [-5s] must not be negative",
                                "minHold [-1m] must not be negative"));
    }

    @Test
    void shouldResolvePlaceholdersInDurations() {
        this.runner
                .withBean(PlaceholderDurations.class)
                .withPropertyValues("app.lease=-2s")
                .run((context) ->
                        assertThat(failure(context).getFaults()).containsExactly("lease [-2s] must not be negative"));
        this.runner
                .withBean(PlaceholderDurations.class)
                .withPropertyValues("app.lease=2s")
                .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void shouldFailAtStartupForReactiveReturnType() {
        this.runner
                .withBean(Reactive.class)
                .run(
                        (context) -> assertThat(failure(context).getFaults())
                                .singleElement()
                                .asString()
                                .startsWith(
                                        "it returns reactive type reactor.core.publisher.Mono, which @Locked does not support"));
    }

    @Test
    void shouldFailAtStartupForFutureTypeItCannotReturn() {
        this.runner
                .withBean(OwnFuture.class)
                .run((context) -> assertThat(failure(context).getFaults())
                        .singleElement()
                        .asString()
                        .contains("the lock can be held until completion only for a method declared to return "
                                + "CompletionStage or CompletableFuture"));
    }

    @Test
    void shouldFailAtStartupForMethodAProxyCannotIntercept() {
        this.runner
                .withBean(FinalMethod.class)
                .run((context) -> assertThat(failure(context).getFaults())
                        .containsExactly(
                                "it is final, so a proxy cannot intercept it and the lock would never be taken"));
    }

    @Test
    void shouldFailAtStartupForInvalidName() {
        this.runner
                .withBean(BadName.class)
                .run((context) -> assertThat(failure(context).getFaults())
                        .singleElement()
                        .asString()
                        .startsWith("name is not a valid lock namespace: Lock namespace [room booking] may hold only"));
    }

    @Test
    void shouldFailAtStartupWhenKeyNamesAParameterWhoseNameWasNotCompiledIn() throws Exception {
        Class<?> stock = stock("#sku");
        assertThat(stock.getMethod("reserve", String.class).getParameters()[0].isNamePresent())
                .as("parameter name compiled in")
                .isFalse();
        this.runner
                .withClassLoader(stock.getClassLoader())
                .withBean(bean(stock))
                .run((context) -> {
                    InvalidLockAnnotationException failure = failure(context);
                    assertThat(failure.getMethod()).isEqualTo("test.Stock.reserve(String)");
                    assertThat(failure.getFaults())
                            .containsExactly(
                                    "key [#sku] refers to #sku, but the parameter names of the method were not "
                                            + "compiled in: compile with -parameters (javac; spring-boot-starter-parent sets it, "
                                            + "importing the Spring Boot BOM does not), or refer to the arguments by position (#p0)");
                    FailureAnalysis analysis =
                            new InvalidLockAnnotationFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("- key [#sku] refers to #sku");
                    assertThat(analysis.getAction()).contains("#p0 by position");
                });
    }

    @Test
    void shouldLockByPositionWhenParameterNamesWereNotCompiledIn() throws Exception {
        Class<?> stock = stock("#p0");
        this.runner
                .withClassLoader(stock.getClassLoader())
                .withBean(bean(stock))
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    Object bean = context.getBean(stock);
                    assertThat(stock.getMethod("reserve", String.class).invoke(bean, "sku-9"))
                            .isEqualTo("Stock.reserve:sku-9");
                });
    }

    @Test
    void shouldFailAtStartupWhenAnExpressionNamesNoParameterListingThoseThereAre() {
        this.runner
                .withBean(MisspelledParameter.class)
                .run((context) -> assertThat(failure(context).getFaults())
                        .containsExactly(
                                "key [#skus] refers to #skus, which names no parameter: use one of #sku, #quantity "
                                        + "(or by position #p0, #p1)",
                                "owner [#user] refers to #user, which names no parameter: use one of #sku, #quantity "
                                        + "(or by position #p0, #p1)"));
    }

    @Test
    void shouldFailAtStartupForPermitsBelowOne() {
        this.runner.withBean(NegativePermits.class).run((context) -> {
            InvalidLockAnnotationException failure = failure(context);
            assertThat(failure.getMethod()).isEqualTo(NegativePermits.class.getName() + ".export()");
            assertThat(failure.getFaults())
                    .containsExactly(
                            "permits [-1] must be at least 1 for a semaphore (or 0, the default, for a plain lock)");
        });
    }

    @Test
    void shouldFailAtStartupForPermitsWithAReadWriteMode() {
        this.runner
                .withBean(PermitsWithRead.class)
                .run((context) -> assertThat(failure(context).getFaults())
                        .containsExactly("permits [3] cannot be used with mode READ: a read/write lock has readers "
                                + "and a writer, not permits (drop permits, or the mode)"));
    }

    @Test
    void shouldFailAtStartupForOneNameWithDifferentPermitsNamingBothMethods() {
        this.runner.withBean(ThreeExports.class).withBean(FiveExports.class).run((context) -> {
            InvalidLockAnnotationException failure = failure(context);
            assertThat(failure.getMethod()).isEqualTo(FiveExports.class.getName() + ".export()");
            assertThat(failure.getFaults())
                    .containsExactly("name [exports] is a semaphore of 5 permits (permits = 5) here, but a "
                            + "semaphore of 3 permits (permits = 3) on " + ThreeExports.class.getName()
                            + ".export(): one name is one kind of lock (give one of them another name)");
            FailureAnalysis analysis = new InvalidLockAnnotationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("- name [exports] is a semaphore of 5 permits");
            assertThat(analysis.getAction()).contains("one size or kind of lock per name");
        });
    }

    @Test
    void shouldFailAtStartupForOneNameAsPlainLockAndSemaphoreOrReadWriteLock() {
        this.runner
                .withBean(ThreeExports.class)
                .withBean(PlainExports.class)
                .run((context) -> assertThat(failure(context).getFaults())
                        .singleElement()
                        .asString()
                        .startsWith("name [exports] is a plain lock (mode EXCLUSIVE, no permits) here, but a "
                                + "semaphore of 3 permits (permits = 3) on " + ThreeExports.class.getName()));
        this.runner
                .withBean(PlainExports.class)
                .withBean(ReadExports.class)
                .run((context) -> assertThat(failure(context).getFaults())
                        .singleElement()
                        .asString()
                        .startsWith("name [exports] is a read/write lock (mode READ) here, but a plain lock (mode "
                                + "EXCLUSIVE, no permits) on " + PlainExports.class.getName()));
    }

    @Test
    void shouldAcceptReadersAndWritersOfOneNameAndOneSizeOnManyMethods() {
        this.runner
                .withBean(Documents.class)
                .withBean(ThreeExports.class, ThreeExports::new)
                .withBean("moreExports", ThreeExports.class, ThreeExports::new)
                .run((context) -> assertThat(context).hasNotFailed());
    }

    /** A {@code @Locked} bean compiled as a build without {@code -parameters} compiles it. */
    private static Class<?> stock(String key) {
        return WithoutParameterNames.compile("test.Stock", """
                package test;

                import dev.holdfast.lock.LockTemplate;
                import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.aop.Locked;

                public class Stock {

                    @Locked(key = "%s")
                    public String reserve(String sku) {
                        return LockTemplate.currentLease().orElseThrow().key().toString();
                    }
                }
                """.formatted(key), Locked.class, LockTemplate.class);
    }

    @SuppressWarnings("unchecked")
    private static Class<Object> bean(Class<?> type) {
        return (Class<Object>) type;
    }

    private static InvalidLockAnnotationException failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (failure != null && !(failure instanceof InvalidLockAnnotationException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("startup failure cause").isInstanceOf(InvalidLockAnnotationException.class);
        return (InvalidLockAnnotationException) failure;
    }

    public static class BadKey {

        @Locked(key = "#room +")
        public void book(String room) {}
    }

    public static class MisspelledParameter {

        @Locked(key = "#skus", owner = "#user")
        public void reserve(String sku, int quantity) {}
    }

    public static class SkipPrimitive {

        @Locked(onConflict = OnConflict.SKIP)
        public int count() {
            return 1;
        }
    }

    public static class BadDurations {

        @Locked(lease = "soon", waitTime = "-5s", minHold = "-1m")
        public void run() {}
    }

    public static class PlaceholderDurations {

        @Locked(lease = "${app.lease}")
        public void run() {}
    }

    public static class Reactive {

        @Locked
        public Mono<String> find() {
            return Mono.just("x");
        }
    }

    public static class OwnFuture {

        @Locked
        public SpecialFuture<String> compute() {
            return new SpecialFuture<>();
        }
    }

    public static class SpecialFuture<T> extends CompletableFuture<T> {}

    public static class FinalMethod {

        @Locked
        public final void run() {}
    }

    public static class NegativePermits {

        @Locked(permits = -1)
        public void export() {}
    }

    public static class PermitsWithRead {

        @Locked(permits = 3, mode = LockMode.READ)
        public void export() {}
    }

    public static class ThreeExports {

        @Locked(name = "exports", permits = 3)
        public void export() {}
    }

    public static class FiveExports {

        @Locked(name = "exports", permits = 5)
        public void export() {}
    }

    public static class PlainExports {

        @Locked(name = "exports")
        public void export() {}
    }

    public static class ReadExports {

        @Locked(name = "exports", mode = LockMode.READ)
        public void export() {}
    }

    public static class Documents {

        @Locked(name = "document", mode = LockMode.READ)
        public void read() {}

        @Locked(name = "document", mode = LockMode.WRITE)
        public void write() {}
    }

    public static class BadName {

        @Locked(name = "room booking")
        public void run() {}
    }
}
