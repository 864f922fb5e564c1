package dev.holdfast.sample;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the {@link IllegalArgumentException} with which Holdfast and the stories' own records refuse bad input (a
 * blank user, an id too long for a lock key, a job of no steps) with 400 and a problem detail carrying its message,
 * which names the value at fault. Spring MVC answers malformed requests (a missing parameter, a room that is not a
 * number, unreadable JSON, an unknown path) with problem details of its own ({@code spring.mvc.problemdetails}).
 */
@RestControllerAdvice
class BadInputProblems {

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setTitle("Bad request");
        return problem;
    }
}
