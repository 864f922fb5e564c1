package dev.holdfast.sample.documents;

import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.aop.LockMode;
import dev.holdfast.lock.spring.aop.Locked;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and edits documents under the {@code document} read/write lock of each document: readers share it, an editor
 * has it alone, and a waiting editor goes before readers that come after it. Both wait up to {@link #WAIT} for the
 * lock (then the request is answered 409); the lock wraps the transaction.
 */
@Service
public class Documents {

    /** How long a reader or an editor waits for the lock. */
    public static final String WAIT = "2s";

    /** Longest text of a document. */
    public static final int MAX_TEXT = 4000;

    private final DocumentRepository documents;

    public Documents(DocumentRepository documents) {
        this.documents = documents;
    }

    /**
     * Check a document's new text before anything is locked.
     *
     * @param id the document, for the message
     * @param text the text
     * @throws IllegalArgumentException naming a blank or too long text
     */
    public static void checkText(long id, String text) {
        if (text.isBlank() || text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("Document " + id + " text must not be blank and at most " + MAX_TEXT
                    + " characters, but was [" + ((text.length() > 32) ? text.substring(0, 32) + "…" : text) + "]");
        }
    }

    /**
     * Read a document, beside any other readers, but not while it is edited.
     *
     * @param id the document
     * @return the document, or empty when there is none
     */
    @Locked(name = "document", key = "#id", mode = LockMode.READ, waitTime = WAIT)
    @Transactional(readOnly = true)
    public Optional<Document> read(long id) {
        return this.documents.findById(id);
    }

    /**
     * Replace a document's text, alone; the new version is the write lock's fencing token, which grows with every
     * edit, so an editor that lost its lock (a long pause, an expired lease) is shown up by a smaller version.
     *
     * @param id the document
     * @param text the new text, {@linkplain #checkText checked} by the caller
     * @return the edited document, or empty when there is none
     */
    @Locked(name = "document", key = "#id", mode = LockMode.WRITE, waitTime = WAIT)
    @Transactional
    public Optional<Document> edit(long id, String text) {
        Optional<Document> document = this.documents.findById(id);
        document.ifPresent((found) ->
                found.edit(text, LockTemplate.currentLease().orElseThrow().token()));
        return document;
    }
}
