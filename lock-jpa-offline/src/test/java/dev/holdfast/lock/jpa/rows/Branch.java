package dev.holdfast.lock.jpa.rows;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "hf_rows_branch")
public class Branch {

    @Id
    private String code;

    protected Branch() {}

    public Branch(String code) {
        this.code = code;
    }

    public String getCode() {
        return this.code;
    }
}
