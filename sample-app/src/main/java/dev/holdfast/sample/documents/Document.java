package dev.holdfast.sample.documents;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A document many may read and one may edit at a time; its version is the fencing token of its last edit. */
@Entity
public class Document {

    @Id
    private Long id;

    private String title;

    @Column(length = 4000)
    private String text;

    private long version;

    protected Document() {}

    public Document(Long id, String title, String text) {
        this.id = id;
        this.title = title;
        this.text = text;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getText() {
        return text;
    }

    public long getVersion() {
        return version;
    }

    void edit(String text, long version) {
        this.text = text;
        this.version = version;
    }
}
