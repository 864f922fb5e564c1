package dev.holdfast.lock.server.api;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error of the API as a problem detail: Spring MVC's own exceptions (bad JSON, wrong method) through
 * {@link ResponseEntityExceptionHandler}, a {@link ServerProblem} as it is, and a value the core refused
 * ({@link IllegalArgumentException}, whose message names the lock and the value) as 400 {@code invalid-request}.
 */
@RestControllerAdvice(basePackageClasses = ApiProblemHandler.class)
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalid(IllegalArgumentException ex) {
        ServerProblem problem = ServerProblem.badRequest(String.valueOf(ex.getMessage()));
        return ResponseEntity.status(problem.getStatusCode()).body(problem.getBody());
    }
}
