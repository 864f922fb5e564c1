package dev.holdfast.sample.orders;

import dev.holdfast.sample.orders.AppliedEvent.Applied;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.StringUtils;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders over HTTP: post an event ({@code POST /orders/42/events}, answered once it is applied, or 422 for a poison
 * event such as a refund before the payment, dead-lettered after its attempts) and read the order's history ({@code GET /orders/42}).
 */
@RestController
@RequestMapping("/orders")
class OrderController {

    private final OrderEvents orders;

    OrderController(OrderEvents orders) {
        this.orders = orders;
    }

    @PostMapping("/{id}/events")
    Applied post(@PathVariable String id, @RequestBody OrderEvent event) {
        if (!StringUtils.hasText(event.type())) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, "An event of order " + id + " needs a type, such as created or paid.");
            problem.setTitle("Event without a type");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        return this.orders.apply(id, event);
    }

    @GetMapping("/{id}")
    List<Applied> history(@PathVariable String id) {
        return this.orders.history(id);
    }

    @ExceptionHandler
    ProblemDetail poison(PoisonEventException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNPROCESSABLE_CONTENT,
                ex.getMessage() + "; it failed every attempt and waits in the order's dead letters, to requeue or "
                        + "discard.");
        problem.setTitle("Event not applied");
        return problem;
    }
}
