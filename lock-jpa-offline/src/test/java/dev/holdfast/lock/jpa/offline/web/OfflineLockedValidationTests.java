package dev.holdfast.lock.jpa.offline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.jpa.autoconfigure.LockSchemaAutoConfiguration;
import dev.holdfast.lock.jpa.autoconfigure.OfflineLockAutoConfiguration;
import dev.holdfast.lock.jpa.offline.OfflineLockRequest;
import dev.holdfast.lock.jpa.offline.OfflineLocked;
import dev.holdfast.lock.support.InvalidLockAnnotationException;
import dev.holdfast.lock.test.compiler.WithoutParameterNames;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.DelegatingWebMvcConfiguration;

/** The startup check of {@link OfflineLocked} handlers, the same one {@code @Locked} and {@code @LockRows} have. */
class OfflineLockedValidationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withPropertyValues("spring.datasource.generate-unique-name=true")
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    LockSchemaAutoConfiguration.class,
                    OfflineLockAutoConfiguration.class))
            .withUserConfiguration(DelegatingWebMvcConfiguration.class);

    @Test
    void shouldFailAtStartupWhenTheIdNamesNoVariableOfTheHandler() {
        this.runner.withBean(Misspelled.class).run((context) -> {
            InvalidLockAnnotationException failure = failure(context);
            assertThat(failure.getMethod()).isEqualTo(Misspelled.class.getName() + ".edit(long)");
            assertThat(failure.getFaults())
                    .containsExactly("id [#patientId] refers to #patientId, which is none of #id, #request (the path "
                            + "variables of the handler's mapping, the request parameters it declares with "
                            + "@RequestParam, and the request): use one of them, or declare the request parameter "
                            + "with @RequestParam");
            assertThat(failure.getAction()).startsWith("Fix the @OfflineLocked annotation of ");
        });
    }

    @Test
    void shouldAcceptPathVariablesOfClassAndMethodDeclaredRequestParametersAndTheRequest() {
        this.runner.withBean(Wards.class).run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void shouldFailAtStartupForInvalidSpelAndABlankNamespace() {
        this.runner
                .withBean(Broken.class)
                .run((context) -> assertThat(failure(context).getFaults())
                        .satisfiesExactly(
                                (fault) -> assertThat(fault).startsWith("namespace [ ] is not a lock namespace: "),
                                (fault) -> assertThat(fault).startsWith("id [#id +] is not valid SpEL")));
    }

    @Test
    void shouldFailAtStartupForANamespaceNoLockKeyTakesAndAReasonTooLongToStore() {
        this.runner.withBean(Unstorable.class).run((context) -> {
            InvalidLockAnnotationException failure = failure(context);
            assertThat(failure.getFaults())
                    .satisfiesExactly(
                            (fault) -> assertThat(fault)
                                    .startsWith("namespace [Patient record] is not a lock namespace: ")
                                    .contains("may hold only letters, digits, '.', '_' and '-', but has ' '"),
                            (fault) -> assertThat(fault)
                                    .isEqualTo("reason [" + Unstorable.REASON + "] is longer than "
                                            + OfflineLockRequest.MAX_REASON_LENGTH + " characters"));
            assertThat(failure.getAction()).contains("at most " + LockKey.MAX_NAMESPACE_LENGTH + " characters");
        });
    }

    @Test
    void shouldFailAtStartupWhenAnUnnamedRequestParamLostItsNameInCompilation() throws Exception {
        Class<?> notes = WithoutParameterNames.compile("test.Notes", """
                package test;

                import dev.holdfast.lock.jpa.offline.OfflineLocked;
                import org.springframework.web.bind.annotation.PutMapping;
                import org.springframework.web.bind.annotation.RequestParam;
                import org.springframework.web.bind.annotation.RestController;

                @RestController
                public class Notes {

                    @PutMapping("/notes")
                    @OfflineLocked(namespace = "Patient", id = "#patient")
                    public String write(@RequestParam String patient) {
                        return patient;
                    }
                }
                """, OfflineLocked.class, RequestParam.class);
        this.runner
                .withClassLoader(notes.getClassLoader())
                .withBean(bean(notes))
                .run((context) -> assertThat(failure(context).getFaults())
                        .singleElement()
                        .asString()
                        .startsWith("id [#patient] refers to #patient, which is none of #request")
                        .endsWith("(an @RequestParam without a name is named after its parameter, and the parameter "
                                + "names of this method were not compiled in: compile with -parameters, or name it, "
                                + "such as @RequestParam(\"version\"))"));
    }

    private static InvalidLockAnnotationException failure(AssertableWebApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (failure != null && !(failure instanceof InvalidLockAnnotationException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("startup failure cause").isInstanceOf(InvalidLockAnnotationException.class);
        return (InvalidLockAnnotationException) failure;
    }

    @SuppressWarnings("unchecked")
    private static Class<Object> bean(Class<?> type) {
        return (Class<Object>) type;
    }

    @RestController
    static class Misspelled {

        @PutMapping("/patients/{id}/prescriptions")
        @OfflineLocked(namespace = "Patient", id = "#patientId")
        String edit(@PathVariable long id) {
            return "editing " + id;
        }
    }

    @RestController
    @RequestMapping("/wards/{ward}")
    static class Wards {

        @GetMapping("/beds/{bed:\\d+}")
        @OfflineLocked(namespace = "Bed", id = "#ward + '-' + #bed + '-' + #version + '-' + #request.method")
        String bed(@PathVariable String ward, @PathVariable int bed, @RequestParam("version") String version) {
            return ward + bed + version;
        }
    }

    @RestController
    static class Unstorable {

        static final String SIXTEEN = "reason-sixteen--";

        /** One character longer than a reason the lock table stores. */
        static final String REASON = SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN
                + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN;

        @PutMapping("/records/{id}")
        @OfflineLocked(namespace = "Patient record", id = "#id", reason = REASON)
        String edit(@PathVariable long id) {
            return "editing " + id;
        }
    }

    @RestController
    static class Broken {

        @PutMapping("/patients/{id}")
        @OfflineLocked(namespace = " ", id = "#id +")
        String edit(@PathVariable long id) {
            return "editing " + id;
        }
    }
}
