package dev.holdfast.sample.exports;

import dev.holdfast.lock.PermitHolder;
import dev.holdfast.lock.SemaphoreState;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exports over HTTP: start one ({@code POST /exports?report=sales&seconds=60}, 202, or 409 while three run), list
 * them with the permits in use ({@code GET}), and cancel one ({@code DELETE /exports/2}, 404 when it does not run).
 */
@RestController
@RequestMapping("/exports")
class ExportController {

    private final Exports exports;

    ExportController(Exports exports) {
        this.exports = exports;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Export start(@RequestParam String report, @RequestParam(defaultValue = "10") long seconds) {
        Export export = this.exports.newExport(report, Duration.ofSeconds(seconds));
        this.exports.start(export);
        return this.exports.running().stream()
                .filter((running) -> running.id() == export.id())
                .findFirst()
                .orElse(export);
    }

    @GetMapping
    ExportsView list() {
        SemaphoreState permits = this.exports.permits().orElse(null);
        return new ExportsView(
                Exports.AT_ONCE,
                (permits != null) ? permits.used() : 0,
                (permits != null) ? permits.holders() : List.of(),
                this.exports.running());
    }

    @DeleteMapping("/{id}")
    Export cancel(@PathVariable long id) {
        return this.exports.cancel(id).orElseThrow(() -> notRunning(id));
    }

    private static ErrorResponseException notRunning(long id) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Export " + id + " is not running here.");
        problem.setTitle("Export not running");
        problem.setProperty("export", id);
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    /**
     * The exports of this instance and the permits of every instance.
     *
     * @param permits the semaphore's size
     * @param used the permits held now, by every instance
     * @param holders who holds them, with their leases
     * @param running the exports running on this instance
     */
    record ExportsView(int permits, int used, List<PermitHolder> holders, List<Export> running) {}
}
