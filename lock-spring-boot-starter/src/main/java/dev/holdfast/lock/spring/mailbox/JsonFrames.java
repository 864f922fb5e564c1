package dev.holdfast.lock.spring.mailbox;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.mailbox.MailboxException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the payloads of {@link Mailbox} frames with the application's {@link JsonMapper}: a frame is
 * {@code {"bean": ..., "method": "name(param.Types)", "args": [...]}}, each argument written and read as its declared
 * (generic) parameter type; a result is the JSON of the returned value, read as the declared return type.
 */
final class JsonFrames {

    private final JsonMapper mapper;

    JsonFrames(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Write the frame of one call.
     *
     * @throws MailboxException naming the mailbox, the method and the argument when an argument cannot be written
     */
    String write(LockKey mailbox, String bean, MailboxMethod method, @Nullable Object[] args) {
        StringBuilder frame = new StringBuilder("{\"bean\":")
                .append(this.mapper.writeValueAsString(bean))
                .append(",\"method\":")
                .append(this.mapper.writeValueAsString(method.signature()))
                .append(",\"args\":[");
        List<tools.jackson.databind.JavaType> types = method.parameters();
        for (int i = 0; i < args.length; i++) {
            try {
                frame.append((i > 0) ? "," : "")
                        .append(this.mapper.writerFor(types.get(i)).writeValueAsString(args[i]));
            } catch (JacksonException ex) {
                throw new MailboxException(
                        "Argument " + i + " of " + method.description() + " cannot be written as JSON for mailbox ["
                                + mailbox + "]; nothing was enqueued: " + ex.getOriginalMessage(),
                        ex);
            }
        }
        return frame.append("]}").toString();
    }

    /** Read a frame's envelope: the bean, the method signature and the raw arguments. */
    Frame read(String payload) {
        JsonNode root;
        try {
            root = this.mapper.readTree(payload);
        } catch (JacksonException ex) {
            throw new MailboxException("Frame is not JSON: " + ex.getOriginalMessage(), ex);
        }
        JsonNode bean = root.get("bean");
        JsonNode method = root.get("method");
        JsonNode args = root.get("args");
        if (bean == null
                || !bean.isString()
                || method == null
                || !method.isString()
                || args == null
                || !args.isArray()) {
            throw new MailboxException(
                    "Frame is not a @Mailbox frame (it needs a bean, a method and args): " + abbreviate(payload));
        }
        return new Frame(bean.asString(), method.asString(), args);
    }

    /** Read a frame's arguments as the method's parameter types. */
    @Nullable
    Object[] arguments(Frame frame, MailboxMethod method) {
        List<tools.jackson.databind.JavaType> types = method.parameters();
        if (frame.args().size() != types.size()) {
            throw new MailboxException("Frame for " + method.description() + " holds "
                    + frame.args().size() + " argument(s), but the method takes " + types.size());
        }
        @Nullable Object[] arguments = new Object[types.size()];
        for (int i = 0; i < arguments.length; i++) {
            try {
                arguments[i] = this.mapper
                        .readerFor(types.get(i))
                        .readValue(frame.args().get(i));
            } catch (JacksonException ex) {
                throw new MailboxException(
                        "Argument " + i + " of a frame for " + method.description() + " cannot be read as "
                                + types.get(i).toCanonical() + ": " + ex.getOriginalMessage(),
                        ex);
            }
        }
        return arguments;
    }

    /** Write a method's result. */
    String writeResult(MailboxMethod method, @Nullable Object value) {
        return (method.result() != null)
                ? this.mapper.writerFor(method.result()).writeValueAsString(value)
                : "null";
    }

    /** Read a result as the method's return type. */
    @Nullable
    Object readResult(MailboxMethod method, @Nullable String payload) {
        if (method.result() == null || payload == null) {
            return null;
        }
        return this.mapper.readerFor(method.result()).readValue(payload);
    }

    private static String abbreviate(String payload) {
        return (payload.length() > 200) ? payload.substring(0, 200) + "..." : payload;
    }

    /**
     * A frame's envelope.
     *
     * @param bean the bean's name
     * @param method the method's signature
     * @param args the arguments, still JSON
     */
    record Frame(String bean, String method, JsonNode args) {}
}
