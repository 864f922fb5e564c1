package dev.holdfast.sample.bank;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Transfers over HTTP: {@code POST /bank/transfers {"from":1,"to":2,"amount":50}}. */
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
    ResponseEntity<Account> transfer(@RequestBody TransferRequest request) {
        Account from = accounts.findById(request.from()).orElse(null);
        Account to = accounts.findById(request.to()).orElse(null);
        if (from == null || to == null || request.amount() <= 0 || request.from() == request.to()) {
            return ResponseEntity.badRequest().build();
        }
        return ResponseEntity.ok(transfers.transfer(from, to, request.amount()));
    }

    record TransferRequest(long from, long to, long amount) {}
}
