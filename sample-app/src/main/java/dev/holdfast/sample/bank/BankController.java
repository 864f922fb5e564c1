package dev.holdfast.sample.bank;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Transfers over HTTP: {@code POST /bank/transfers {"from":1,"to":2,"amount":50}}. A transfer that cannot be made is a
 * problem detail: 400 naming what is wrong with the request, 409 when the money is not there.
 */
@RestController
@RequestMapping("/bank")
class BankController {

    private final AccountRepository accounts;

    private final Transfers transfers;

    BankController(AccountRepository accounts, Transfers transfers) {
        this.accounts = accounts;
        this.transfers = transfers;
    }

    @GetMapping("/accounts")
    List<Account> accounts() {
        return accounts.findAll();
    }

    @PostMapping("/transfers")
    Account transfer(@RequestBody TransferRequest request) {
        if (request.from() == null || request.to() == null || request.amount() == null) {
            throw badTransfer("A transfer names from, to and amount, such as {\"from\":1,\"to\":2,\"amount\":50}.");
        }
        if (request.amount() <= 0) {
            throw badTransfer("The amount must be positive, but was " + request.amount() + ".");
        }
        if (request.from().equals(request.to())) {
            throw badTransfer("Account " + request.from() + " cannot send money to itself.");
        }
        Account from = account(request.from());
        Account to = account(request.to());
        return transfers.transfer(from, to, request.amount());
    }

    private Account account(long id) {
        return accounts.findById(id).orElseThrow(() -> badTransfer("Account " + id + " does not exist."));
    }

    private static ErrorResponseException badTransfer(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Bad transfer");
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    record TransferRequest(
            @Nullable Long from,
            @Nullable Long to,
            @Nullable Long amount) {}
}
