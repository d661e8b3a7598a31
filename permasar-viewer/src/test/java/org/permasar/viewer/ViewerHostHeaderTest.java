package org.permasar.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile requests (issue 12), through a plain HTTP/1.1 client on a socket so that the Host header is
 * exactly what a DNS-rebinding page would send: only requests addressed to the viewer are served, and
 * error bodies carry no absolute server path. Also: a port in use and a host that is not an address are
 * one clear exception each, and a server on every interface warns that it has no authentication.
 */
class ViewerHostHeaderTest {
    @TempDir
    static Path tmp;
    static Path root;
    static ViewerServer server;

    @BeforeAll
    static void start() throws IOException {
        root = ViewerFixture.write(Files.createDirectories(tmp.resolve("out")));
        byte[] whole = Files.readAllBytes(root.resolve("asc/velocity.h5"));
        Files.write(root.resolve("asc/broken.h5"), Arrays.copyOf(whole, whole.length - 100));
        server = ViewerServer.start(ViewerServer.Config.local(root));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Status code and body of a GET sent with exactly this Host header (null: none, HTTP/1.0). */
    static Response get(String path, String host) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            String req = (host == null ? "GET " + path + " HTTP/1.0\r\n" : "GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\n") + "Connection: close\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(req.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int body = text.indexOf("\r\n\r\n");
            return new Response(status, body < 0 ? "" : text.substring(body + 4));
        }
    }

    record Response(int status, String body) {
    }

    @Test
    void requestsAddressedToTheViewerAreServed() throws Exception {
        int port = server.port();
        for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "[::1]:" + port,
                "[0:0:0:0:0:0:0:1]:" + port}) {
            assertThat(get("/", host).status()).as(host).isEqualTo(200);
            assertThat(get("/api/layers", host).status()).as(host).isEqualTo(200);
        }
    }

    @Test
    void otherHostsAreRefusedEverywhere() throws Exception {
        int port = server.port();
        for (String host : new String[] {"evil.example:" + port, "evil.example", "127.0.0.1:" + (port + 1), "127.0.0.1",
                "localhost.evil.example:" + port, "127.0.0.1.nip.io:" + port, "[::2]:" + port}) {
            for (String path : new String[] {"/", "/viewer.js", "/api/layers", "/api/raster?file=asc/velocity.h5&dataset"
                    + "=velocity", "/files/asc/velocity.h5", "/webjars/chart.js/4.4.1/dist/chart.umd.js"}) {
                Response r = get(path, host);
                assertThat(r.status()).as(host + " " + path).isEqualTo(403);
                assertThat(r.body()).as(host + " " + path).contains("DNS rebinding").doesNotContain("velocity");
            }
        }
        assertThat(get("/api/layers", null).status()).as("no Host header").isEqualTo(403);
        for (String malformed : new String[] {"127.0.0.1:x", "[::1:" + port}) {
            assertThat(get("/api/layers", malformed).status()).as(malformed).isIn(400, 403); // Jetty answers 400 itself
        }
    }

    @Test
    void errorBodiesCarryNoServerPath() throws Exception {
        String host = "127.0.0.1:" + server.port();
        String[] queries = {"/api/raster?file=asc/broken.h5&dataset=velocity", "/api/series?file=asc/broken.h5&row=0&col=0",
            "/api/raster?file=asc/velocity.h5&dataset=nope", "/api/raster?file=asc/none.h5&dataset=velocity",
            "/api/raster?file=../secret&dataset=x", "/files/asc/none.h5"};
        for (String q : queries) {
            Response r = get(q, host);
            assertThat(r.status()).as(q).isIn(400, 403, 404);
            assertThat(r.body()).as(q).isNotBlank().doesNotContain(tmp.toString()).doesNotContain(root.toString())
                    .doesNotContain(root.toRealPath().toString()).doesNotContain("/tmp/").doesNotContain("Exception");
        }
        assertThat(get(queries[0], host).body()).contains("asc/broken.h5");
    }

    @Test
    void cleanKeepsRootRelativeNamesAndHidesOtherPaths() {
        assertThat(ViewerServer.clean("/srv/data/out/asc/x.h5: truncated; see /home/me/secret/y.txt, m/yr, W/(m·K)",
                java.util.List.of("/srv/data/out"))).isEqualTo("asc/x.h5: truncated; see …/y.txt, m/yr, W/(m·K)");
    }

    @Test
    void aPortInUseAndAHostThatIsNoAddressAreOneClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> ViewerServer.start(new ViewerServer.Config(root, "127.0.0.1", port)))
                    .isInstanceOf(BindException.class).hasMessage("port " + port + " on 127.0.0.1 is already in use: choose "
                            + "another --port (0 = any free port)");
        }
        assertThatThrownBy(() -> new ViewerServer.Config(root, "999.1.1.1", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--host 999.1.1.1 is not an IPv4 address (four numbers 0–255, e.g. 127.0.0.1)");
        // TEST-NET-1 (RFC 5737): an address, but not one of this machine
        assertThatThrownBy(() -> ViewerServer.start(new ViewerServer.Config(root, "192.0.2.1", 0)))
                .isInstanceOf(BindException.class).hasMessage("--host 192.0.2.1 is not an address of this machine (cannot "
                        + "listen on it)");
    }

    @Test
    void loopbackIsQuietAndEveryInterfaceWarns() throws Exception {
        assertThat(server.exposureWarning()).isNull();
        try (ViewerServer all = ViewerServer.start(new ViewerServer.Config(root, "0.0.0.0", 0))) {
            assertThat(all.exposureWarning()).isEqualTo("warning: --host 0.0.0.0 binds every network interface: anyone who "
                    + "can reach this machine on port " + all.port() + " can read every file under " + root.toRealPath()
                    + "; the viewer has no authentication");
        }
    }
}
