package dev.holdfast.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One curl line of the README, parsed: the request it sends and the status its comment states. Only what the README
 * uses is understood ({@code -X}, {@code -H}, {@code -d}, {@code -s}, one URL on localhost:8080, single or double quotes, a
 * trailing {@code #} comment); anything else fails the parse, so the README cannot say more than the test runs.
 *
 * @param text the line as written
 * @param method the HTTP method: {@code -X}, or POST with a body and GET without, as curl does
 * @param target the path and query
 * @param headers the headers, in order
 * @param body the body, if any
 * @param status the status the comment states, or {@code null} for any 2xx
 */
record CurlLine(
        String text,
        String method,
        String target,
        Map<String, String> headers,
        @Nullable String body,
        @Nullable Integer status) {

    private static final String HOST = "localhost:8080";

    private static final Pattern STATUS = Pattern.compile("#\\s*(\\d{3})\\b.*");

    /**
     * Parse a line that starts with {@code curl}.
     *
     * @param text the line
     * @return the request
     */
    static CurlLine parse(String text) {
        List<String> words = new ArrayList<>();
        String comment = split(text, words);
        if (words.isEmpty() || !words.get(0).equals("curl")) {
            throw new IllegalArgumentException("Not a curl line: " + text);
        }
        String method = null;
        String url = null;
        String body = null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-X", "--request" -> method = argument(words, ++i, text);
                case "-H", "--header" -> {
                    String header = argument(words, ++i, text);
                    int colon = header.indexOf(':');
                    if (colon < 1) {
                        throw new IllegalArgumentException("Header without a name in: " + text);
                    }
                    headers.put(
                            header.substring(0, colon).trim(),
                            header.substring(colon + 1).trim());
                }
                case "-d", "--data", "--data-raw" -> body = argument(words, ++i, text);
                case "-s", "--silent" -> {
                    // only what curl prints changes
                }
                default -> {
                    if (word.startsWith("-") || url != null) {
                        throw new IllegalArgumentException("Unsupported curl word [" + word + "] in: " + text);
                    }
                    url = word;
                }
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("No URL in: " + text);
        }
        String target = url.startsWith("http://") ? url.substring("http://".length()) : url;
        if (!target.startsWith(HOST + "/")) {
            throw new IllegalArgumentException("The URL is not on " + HOST + " in: " + text);
        }
        if (body != null) {
            headers.putIfAbsent("Content-Type", "application/x-www-form-urlencoded");
        }
        String verb = (method != null) ? method : (body != null) ? "POST" : "GET";
        return new CurlLine(text, verb, target.substring(HOST.length()), headers, body, status(comment));
    }

    /** Split a line into words as a shell would (quotes, backslashes in double quotes); return its comment. */
    private static @Nullable String split(String text, List<String> words) {
        StringBuilder word = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                return text.substring(i);
            } else {
                word = (word != null) ? word : new StringBuilder();
                if (c == '\'') {
                    int end = text.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("Unclosed quote in: " + text);
                    }
                    word.append(text, i + 1, end);
                    i = end;
                } else if (c == '"') {
                    for (i++; i < text.length() && text.charAt(i) != '"'; i++) {
                        if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                            i++;
                        }
                        word.append(text.charAt(i));
                    }
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("Unclosed quote in: " + text);
                    }
                } else {
                    word.append(c);
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return null;
    }

    private static String argument(List<String> words, int index, String text) {
        if (index >= words.size()) {
            throw new IllegalArgumentException("An option without its argument in: " + text);
        }
        return words.get(index);
    }

    private static @Nullable Integer status(@Nullable String comment) {
        if (comment == null) {
            return null;
        }
        Matcher matcher = STATUS.matcher(comment);
        return matcher.matches() ? Integer.valueOf(matcher.group(1)) : null;
    }

    /** The path without the query. */
    String path() {
        int query = target.indexOf('?');
        return (query < 0) ? target : target.substring(0, query);
    }
}
