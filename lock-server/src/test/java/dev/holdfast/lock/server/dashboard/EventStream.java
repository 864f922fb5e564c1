package dev.holdfast.lock.server.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test client of {@code GET /api/v1/events} over the real port: a daemon thread parses the server-sent events into a
 * queue, {@link #next} takes the next one that matches. Closing it drops the connection.
 */
final class EventStream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpResponse<InputStream> response;

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private final CountDownLatch ended = new CountDownLatch(1);

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "event-stream-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** One event: its name and its JSON data. */
    record Event(String name, Map<String, Object> data) {}

    /** Send the request and return the response, whatever its status. */
    static HttpResponse<InputStream> open(int port, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                .header("Accept", "text/event-stream");
        if (user != null) {
            String credentials =
                    Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + credentials);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Open a stream that must be accepted. */
    static EventStream connect(int port, String user, String password) throws Exception {
        HttpResponse<InputStream> response = open(port, user, password);
        if (response.statusCode() != 200) {
            String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            throw new AssertionError("Event stream refused with " + response.statusCode() + ": " + body);
        }
        return new EventStream(response);
    }

    /**
     * Take events until one named {@code name} matches, failing after {@code timeout}.
     *
     * @return the matching event
     */
    Event next(String name, Predicate<Map<String, Object>> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = (left > 0) ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (event == null) {
                throw new AssertionError("No '" + name + "' event matched within " + timeout + "; skipped " + skipped);
            }
            if (event.name().equals(name) && matches.test(event.data())) {
                return event;
            }
            skipped.add(event.name());
        }
    }

    private void read() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> body = JSON.readValue(data.toString(), Map.class);
                        events.add(new Event(name, body));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring("data:".length()));
                }
            }
        } catch (IOException | RuntimeException ex) {
            // closed by the test or by the server
        } finally {
            ended.countDown();
        }
    }

    /** Return whether the server ended the stream within {@code timeout}. */
    boolean ends(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
