package dev.holdfast.sample.documents;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stores documents. */
public interface DocumentRepository extends JpaRepository<Document, Long> {}
