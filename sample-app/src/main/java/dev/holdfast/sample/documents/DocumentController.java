package dev.holdfast.sample.documents;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Documents over HTTP: read one ({@code GET /documents/1}, a reader of its lock) and replace its text
 * ({@code PUT /documents/1} with a {@code text/plain} body, its writer). A lock not had within the wait is answered 409,
 * a document that does not exist 404, a blank text 400.
 */
@RestController
@RequestMapping("/documents/{id}")
class DocumentController {

    private final Documents documents;

    DocumentController(Documents documents) {
        this.documents = documents;
    }

    @GetMapping
    Document read(@PathVariable long id) {
        return this.documents.read(id).orElseThrow(() -> missing(id));
    }

    @PutMapping(consumes = MediaType.TEXT_PLAIN_VALUE)
    Document edit(@PathVariable long id, @RequestBody String text) {
        Documents.checkText(id, text);
        return this.documents.edit(id, text).orElseThrow(() -> missing(id));
    }

    private static ErrorResponseException missing(long id) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Document " + id + " does not exist.");
        problem.setTitle("No such document");
        problem.setProperty("document", id);
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
