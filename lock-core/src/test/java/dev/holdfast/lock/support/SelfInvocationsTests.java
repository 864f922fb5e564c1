package dev.holdfast.lock.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfInvocationsTests {

    @Test
    void shouldFindCallsOnThisWhateverTheArgumentsAndBranches() throws Exception {
        assertThat(calls(Bookings.class))
                .containsExactlyInAnyOrder(
                        "Bookings.rebook -> book",
                        "Bookings.rebookEither -> book",
                        "Bookings.rebookAfterFailure -> book",
                        "Bookings.rebookEach -> book",
                        "Bookings.lambda$rebookLater$0 -> book",
                        "Bookings.cancelThenBook -> book");
    }

    @Test
    void shouldLeaveOutCallsThroughTheProxyRecursionAndOtherObjects() throws Exception {
        assertThat(calls(Bookings.class))
                .noneMatch((call) -> call.startsWith("Bookings.viaSelf")
                        || call.startsWith("Bookings.viaOther")
                        || call.startsWith("Bookings.book ")
                        || call.startsWith("Bookings.viaStatic"));
    }

    @Test
    void shouldFindCallsInheritedFromASuperclass() throws Exception {
        assertThat(
                        SelfInvocations.find(
                                        HotelBookings.class, List.of(Bookings.class.getMethod("book", String.class)))
                                .stream()
                                .map(SelfInvocationsTests::describe))
                .contains("Bookings.rebook -> book");
    }

    @Test
    void shouldFindNothingInAClassThatCallsItsGuardedMethodsOnlyFromOutside() throws Exception {
        assertThat(SelfInvocations.find(Clean.class, List.of(Clean.class.getMethod("book", String.class))))
                .isEmpty();
    }

    private static List<String> calls(Class<?> type) throws Exception {
        Method book = type.getMethod("book", String.class);
        return SelfInvocations.find(type, List.of(book)).stream()
                .map(SelfInvocationsTests::describe)
                .toList();
    }

    private static String describe(SelfInvocations.Call call) {
        return call.declaringClass().getSimpleName() + "." + call.caller() + " -> "
                + call.callee().getName();
    }

    /** Calls its guarded method {@code book} every way a class can. */
    static class Bookings {

        Bookings self = this;

        public String book(String room) {
            return (room.length() > 10) ? book(room.substring(1)) : room;
        }

        public String rebook(String room) {
            return book(room);
        }

        public String rebookEither(boolean first, String a, String b) {
            return this.book(first ? a : b.strip());
        }

        public String rebookAfterFailure(String room) {
            try {
                return Integer.toString(Integer.parseInt(room));
            } catch (NumberFormatException ex) {
                return book(room + ex.getMessage().length());
            }
        }

        public void rebookEach(List<String> rooms) {
            for (String room : rooms) {
                long nights = room.length() * 2L;
                book(room + nights);
            }
        }

        public Runnable rebookLater(String room) {
            return () -> book(room);
        }

        public String cancelThenBook(String room) {
            String cancelled = viaOther(new Bookings(), room);
            return ((Bookings) this).book(cancelled);
        }

        public String viaSelf(String room) {
            return this.self.book(room);
        }

        public String viaOther(Bookings other, String room) {
            return other.book(room);
        }

        public static String viaStatic(Bookings bookings, String room) {
            return bookings.book(room);
        }
    }

    static class HotelBookings extends Bookings {}

    /** Guarded methods called only from outside. */
    static class Clean {

        public String book(String room) {
            return room;
        }

        public String describe(Clean other) {
            return other.book("101");
        }
    }
}
