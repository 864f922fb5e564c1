package dev.holdfast.sample.bank;

import dev.holdfast.lock.jpa.rows.LockRows;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Moves money between two accounts with both rows locked, in a fixed order, for the whole transaction. */
@Service
public class Transfers {

    private final AccountRepository accounts;

    public Transfers(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /**
     * Move money; both accounts are locked (sorted by entity and id) before the transaction's first read.
     *
     * @param from the account to debit
     * @param to the account to credit
     * @param amount how much
     * @return the debited account after the transfer
     */
    @LockRows("#from, #to")
    @Transactional
    public Account transfer(Account from, Account to, long amount) {
        Account source = accounts.findById(from.getId()).orElseThrow();
        Account target = accounts.findById(to.getId()).orElseThrow();
        source.withdraw(amount);
        target.deposit(amount);
        return source;
    }
}
