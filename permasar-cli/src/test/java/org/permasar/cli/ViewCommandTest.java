package org.permasar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewCommandTest {
    @TempDir
    Path tmp;

    @Test
    void missingFolderIsBadInput() {
        assertThat(PermasarCommand.run("view", tmp.resolve("nope").toString())).isEqualTo(PermasarCommand.EXIT_BAD_INPUT);
    }

    /** In a child JVM: prints the URL for port 0, serves the page and the API, blocks until terminated. */
    @Test
    void servesUntilStopped() throws Exception {
        Files.writeString(tmp.resolve("note.txt"), "hello");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.permasar.cli.PermasarCommand", "view", tmp.toString(), "--port", "0")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Pattern url = Pattern.compile("^Viewer at (http://127\\.0\\.0\\.1:(\\d+)/)$");
            Matcher m = null;
            for (String line; (line = out.readLine()) != null; ) {
                Matcher k = url.matcher(line);
                if (k.matches()) {
                    m = k;
                    break;
                }
            }
            assertThat(m).as("a 'Viewer at http://127.0.0.1:PORT/' line").isNotNull();
            assertThat(Integer.parseInt(m.group(2))).isPositive();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(m.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("PermaSAR viewer");
            HttpResponse<String> note = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "files/note.txt")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(note.body()).isEqualTo("hello");
            assertThat(p.isAlive()).isTrue();
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }
}
