package dev.holdfast.sample.bank;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A transfer would take an account below zero: answered 409 with a problem detail naming the account. */
public class InsufficientFundsException extends ErrorResponseException {

    InsufficientFundsException(Long account, long balance, long amount) {
        super(HttpStatus.CONFLICT, problem(account, balance, amount), null);
    }

    private static ProblemDetail problem(Long account, long balance, long amount) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT, "Account " + account + " has " + balance + ", cannot send " + amount + ".");
        problem.setTitle("Insufficient funds");
        problem.setProperty("account", account);
        problem.setProperty("balance", balance);
        return problem;
    }
}
