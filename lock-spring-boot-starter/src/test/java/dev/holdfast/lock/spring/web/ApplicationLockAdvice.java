package dev.holdfast.lock.spring.web;

import dev.holdfast.lock.LockNotAcquiredException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** An application's own handler for lock conflicts, with no order of its own, as applications write them. */
@RestControllerAdvice
class ApplicationLockAdvice {

    @ExceptionHandler(LockNotAcquiredException.class)
    ResponseEntity<String> busy(LockNotAcquiredException ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body("Busy: " + ex.result().key());
    }
}
