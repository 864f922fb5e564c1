package dev.holdfast.lock.jpa.rows;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "hf_rows_account")
public class Account {

    @Id
    private Long id;

    private long balance;

    protected Account() {}

    public Account(Long id, long balance) {
        this.id = id;
        this.balance = balance;
    }

    public Long getId() {
        return this.id;
    }

    public long getBalance() {
        return this.balance;
    }

    public void setBalance(long balance) {
        this.balance = balance;
    }
}
