package dev.holdfast.sample.bank;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A transfer would take an account below zero. */
@ResponseStatus(HttpStatus.CONFLICT)
public class InsufficientFundsException extends RuntimeException {

    InsufficientFundsException(Long account, long balance, long amount) {
        super("Account " + account + " has " + balance + ", cannot send " + amount);
    }
}
