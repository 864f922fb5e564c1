package dev.holdfast.sample.bank;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A bank account whose balance must never go below zero. */
@Entity
public class Account {

    @Id
    private Long id;

    private String holder;

    private long balance;

    protected Account() {}

    public Account(Long id, String holder, long balance) {
        this.id = id;
        this.holder = holder;
        this.balance = balance;
    }

    public Long getId() {
        return id;
    }

    public String getHolder() {
        return holder;
    }

    public long getBalance() {
        return balance;
    }

    void withdraw(long amount) {
        if (amount > balance) {
            throw new InsufficientFundsException(id, balance, amount);
        }
        balance -= amount;
    }

    void deposit(long amount) {
        balance += amount;
    }
}
