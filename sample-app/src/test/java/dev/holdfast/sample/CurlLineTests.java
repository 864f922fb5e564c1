package dev.holdfast.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

/** The README's curl lines are read as curl would send them, and a line the test cannot send fails to parse. */
class CurlLineTests {

    @Test
    void shouldReadMethodTargetHeadersBodyAndStatedStatus() {
        CurlLine line = CurlLine.parse("curl -X POST localhost:8080/patients/1/appointments -H 'X-Physician: Dr Brown' "
                + "-H \"Content-Type: text/plain\" -d 'Follow # up'   # 412: Dr Green is editing");

        assertThat(line.method()).isEqualTo("POST");
        assertThat(line.target()).isEqualTo("/patients/1/appointments");
        assertThat(line.headers())
                .containsExactly(entry("X-Physician", "Dr Brown"), entry("Content-Type", "text/plain"));
        assertThat(line.body()).isEqualTo("Follow # up");
        assertThat(line.status()).isEqualTo(412);
    }

    @Test
    void shouldDefaultAsCurlDoes() {
        CurlLine get = CurlLine.parse("curl 'localhost:8080/rooms/101?x=1'   # who has it");
        CurlLine post = CurlLine.parse("curl http://localhost:8080/bank/transfers -d '{\"from\":1}'");

        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.target()).isEqualTo("/rooms/101?x=1");
        assertThat(get.path()).isEqualTo("/rooms/101");
        assertThat(get.status()).isNull();
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.body()).isEqualTo("{\"from\":1}");
        assertThat(post.headers()).containsEntry("Content-Type", "application/x-www-form-urlencoded");
    }

    @Test
    void shouldSendASilentLineAsAnyOther() {
        CurlLine silent = CurlLine.parse("curl -s localhost:8080/actuator/mailboxes/orders/42");

        assertThat(silent.method()).isEqualTo("GET");
        assertThat(silent.target()).isEqualTo("/actuator/mailboxes/orders/42");
        assertThat(silent.headers()).isEmpty();
    }

    @Test
    void shouldRefuseWhatItCannotSend() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CurlLine.parse("curl -L localhost:8080/rooms/101"))
                .withMessageContaining("[-L]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CurlLine.parse("curl example.org:8080/rooms/101"))
                .withMessageContaining("not on localhost:8080");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CurlLine.parse("curl localhost:8080/rooms/101 -d 'open"))
                .withMessageContaining("Unclosed quote");
    }
}
