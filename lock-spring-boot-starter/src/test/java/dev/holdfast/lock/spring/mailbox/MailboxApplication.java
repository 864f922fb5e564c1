package dev.holdfast.lock.spring.mailbox;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The application of the mailbox tests: the ledger and the audit beans, everything else auto-configured. */
@SpringBootConfiguration
@EnableAutoConfiguration
class MailboxApplication {

    @Bean
    Ledger ledger(
            org.springframework.beans.factory.ObjectProvider<Ledger> self,
            org.springframework.beans.factory.ObjectProvider<Audit> audit) {
        return new Ledger(self, audit);
    }

    @Bean
    Audit audit() {
        return new Audit();
    }
}
