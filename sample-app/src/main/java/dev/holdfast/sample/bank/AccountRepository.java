package dev.holdfast.sample.bank;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stores accounts. */
public interface AccountRepository extends JpaRepository<Account, Long> {}
