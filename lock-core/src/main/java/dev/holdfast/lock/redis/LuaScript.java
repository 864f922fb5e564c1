package dev.holdfast.lock.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Lua script of the store, read once from its resource file; a {@link ScriptRunner} runs it by SHA.
 *
 * @param name the resource file's name, for messages
 * @param body the script's text
 * @param sha its SHA-1 in hex, as Redis names it
 */
record LuaScript(String name, byte[] body, String sha) {

    static final LuaScript ACQUIRE = load("acquire.lua");

    static final LuaScript RENEW = load("renew.lua");

    static final LuaScript RENEW_ALL = load("renew-all.lua");

    static final LuaScript RELEASE = load("release.lua");

    static final LuaScript EXPIRE = load("expire.lua");

    static final LuaScript INSPECT = load("inspect.lua");

    static final LuaScript LIST = load("list.lua");

    static final LuaScript SEMAPHORE_CREATE = load("semaphore-create.lua");

    static final LuaScript SEMAPHORE_RESIZE = load("semaphore-resize.lua");

    static final LuaScript SEMAPHORE_DELETE = load("semaphore-delete.lua");

    static final LuaScript SEMAPHORE_INSPECT = load("semaphore-inspect.lua");

    static final LuaScript PERMITS_ACQUIRE = load("permits-acquire.lua");

    static final LuaScript PERMITS_RENEW = load("permits-renew.lua");

    static final LuaScript PERMITS_RELEASE = load("permits-release.lua");

    static final LuaScript PERMITS_LEAVE = load("permits-leave.lua");

    static final LuaScript MAILBOX_ENQUEUE = load("mailbox-enqueue.lua");

    static final LuaScript MAILBOX_HEAD = load("mailbox-head.lua");

    static final LuaScript MAILBOX_BEGIN = load("mailbox-begin.lua");

    static final LuaScript MAILBOX_TAKE = load("mailbox-take.lua");

    static final LuaScript MAILBOX_COMPLETE = load("mailbox-complete.lua");

    static final LuaScript MAILBOX_DEAD_LETTER = load("mailbox-dead-letter.lua");

    static final LuaScript MAILBOX_DEAD_LETTERS = load("mailbox-dead-letters.lua");

    static final LuaScript MAILBOX_REQUEUE = load("mailbox-requeue.lua");

    static final LuaScript MAILBOX_CALL = load("mailbox-call.lua");

    static final LuaScript MAILBOX_SUMMARY = load("mailbox-summary.lua");

    static LuaScript load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Lua script [" + name + "] is missing from the class path");
            }
            byte[] body = in.readAllBytes();
            String sha =
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
            return new LuaScript(name, body, sha);
        } catch (IOException ex) {
            throw new UncheckedIOException("Lua script [" + name + "] could not be read", ex);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-1 is not available to name Lua script [" + name + "]", ex);
        }
    }

    static boolean isNoScript(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("NOSCRIPT")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
