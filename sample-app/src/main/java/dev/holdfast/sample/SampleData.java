package dev.holdfast.sample;

import dev.holdfast.sample.bank.Account;
import dev.holdfast.sample.bank.AccountRepository;
import dev.holdfast.sample.documents.Document;
import dev.holdfast.sample.documents.DocumentRepository;
import dev.holdfast.sample.patients.Patient;
import dev.holdfast.sample.patients.PatientRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Seeds the stories' data on an empty database: two patients, two accounts and a document. */
@Component
class SampleData implements ApplicationRunner {

    private final PatientRepository patients;

    private final AccountRepository accounts;

    private final DocumentRepository documents;

    SampleData(PatientRepository patients, AccountRepository accounts, DocumentRepository documents) {
        this.patients = patients;
        this.accounts = accounts;
        this.documents = documents;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (patients.count() == 0) {
            patients.save(new Patient(1L, "Ada Lovelace"));
            patients.save(new Patient(2L, "Alan Turing"));
        }
        if (accounts.count() == 0) {
            accounts.save(new Account(1L, "Alice", 1_000));
            accounts.save(new Account(2L, "Bob", 1_000));
        }
        if (documents.count() == 0) {
            documents.save(new Document(1L, "Handbook", "First edition"));
        }
    }
}
