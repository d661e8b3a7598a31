package org.permasar.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AboveBarStreamTest {
    @Test
    void everyLineStartsByErasingTheBarLine() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        AboveBarStream s = new AboveBarStream(sink);
        s.write("10:00 INFO one\nINFO tw".getBytes(StandardCharsets.UTF_8));
        s.write('o');
        s.write("\n\n".getBytes(StandardCharsets.UTF_8));
        String clear = "\r\u001b[2K";
        assertThat(sink.toString(StandardCharsets.UTF_8))
                .isEqualTo(clear + "10:00 INFO one\n" + clear + "INFO two\n" + clear + "\n");
    }
}
