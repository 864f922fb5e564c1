package dev.holdfast.lock.spring.mailbox;

import dev.holdfast.lock.mailbox.MailboxContext;

/** A second mailbox type, called from inside frames of the ledger. */
public class Audit {

    @Mailbox(type = "audit", key = "#account")
    public String record(String account, String what) {
        MailboxContext context = MailboxContext.current().orElseThrow();
        return context.mailbox() + " " + what + " via " + context.chain();
    }
}
