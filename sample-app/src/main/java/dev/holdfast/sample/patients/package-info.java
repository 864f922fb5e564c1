/**
 * The patient-records story of pessimistic_offline_locking: physicians edit a patient's prescriptions and
 * appointments across several requests, one physician at a time; another physician is answered 412 with who holds
 * the record and why.
 */
@NullMarked
package dev.holdfast.sample.patients;

import org.jspecify.annotations.NullMarked;
