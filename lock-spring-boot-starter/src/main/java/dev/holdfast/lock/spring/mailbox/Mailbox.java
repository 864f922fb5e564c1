package dev.holdfast.lock.spring.mailbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs calls of a bean method through the mailbox of an entity: each call becomes a JSON frame (the bean, the method
 * and the arguments, written by the application's {@code JsonMapper}) appended to the mailbox of {@code type} and the
 * evaluated {@code key}, and the frames of one mailbox run one at a time, in arrival order, on whichever instance
 * holds its lock. The caller waits for its own frame and gets its own result or exception; a method returning
 * {@code CompletableFuture} returns at once and completes when its frame has run.
 *
 * <p>Methods of one type share its mailboxes: {@code apply} and {@code cancel} of an order with
 * {@code type = "orders"} run one at a time per order. A call made from inside a frame into the same mailbox runs
 * inline; a call into another mailbox is enqueued there (a cycle fails at once). Parameter and return types must
 * round-trip through JSON, checked at startup; the type's settings are {@code holdfast.mailbox.types.<type>.*}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Mailbox {

    /**
     * The mailbox type: the namespace of its mailboxes' keys and the name of its settings. It is stored in every
     * frame's mailbox, so keep it when renaming classes or methods (letters, digits, '.', '_' and '-').
     *
     * @return the type
     */
    String type();

    /**
     * SpEL over the method's parameters ({@code #order.id}, or {@code #p0} by position) giving the entity id; its
     * text is the mailbox's id, and it must not be null or empty.
     *
     * @return the key expression
     */
    String key();
}
