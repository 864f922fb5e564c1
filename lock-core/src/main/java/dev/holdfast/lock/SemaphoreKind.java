package dev.holdfast.lock;

/** The two kinds of lock whose holders share it: semaphores and read/write locks. */
public enum SemaphoreKind {

    /** A named number of permits, created with a size; each grant holds some of them. */
    SEMAPHORE,

    /** Many readers or one writer, created on first use and gone when nobody holds it; writers are preferred. */
    READ_WRITE
}
