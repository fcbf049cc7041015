package org.backcheck.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcheck.service.security.TestTokens.EC;

import com.nimbusds.jose.JWSAlgorithm;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.backcheck.service.BackcheckServer;
import org.backcheck.service.http.ConnectionLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11 item 8: about 260 unauthenticated connections, each trickling a request body, used to take
 * every worker thread (each blocked reading its body), and /healthz timed out. With a thousand of them
 * open, /healthz and signed CDS calls must still answer within a second. Loopback only; every socket is
 * closed at the end; the whole test takes a few seconds (30 s at most).
 */
class SlowClientsTest {

    private static final int SLOW_CONNECTIONS = 1_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void healthAndSignedCallsAnswerWithinASecondWhileAThousandClientsTrickleTheirBodies() throws Exception {
        Clock clock = Clock.systemUTC();
        CdsSecurity security = CdsSecurity.verifying(new TokenVerifier(TestTokens.issuers(clock, EC), clock));
        // The standard limits, but a read deadline longer than the test, so that all thousand stay open while it
        // measures (on a busy machine opening them can take seconds); the deadline has its own test below.
        ConnectionLimits limits = new ConnectionLimits(ConnectionLimits.STANDARD.perAddress(), true, ConnectionLimits.STANDARD.total(),
                ConnectionLimits.STANDARD.idleTimeout(), Duration.ofSeconds(60), ConnectionLimits.STANDARD.bodyBytes(),
                ConnectionLimits.STANDARD.bodyBudgetBytes());
        BackcheckServer server = BackcheckServer.builder().requestLog(line -> { }).cdsSecurity(security::check)
                .connectionLimits(limits).build().start(0);
        int port = server.port();
        List<SocketChannel> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        String base = "http://127.0.0.1:" + port;
        assertAnsweredWithinASecond(HttpRequest.newBuilder(URI.create(base + "/healthz")).GET(), 200);   // the client warmed up
        long opening = System.nanoTime();
        try {
            // Connects started a hundred at a time, then finished: no round trip waits for the one before, and
            // no burst is larger than the server's accept queue.
            for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(new InetSocketAddress("127.0.0.1", port));
                slow.add(channel);
                if (i % 100 == 99) {
                    for (SocketChannel started : slow.subList(i - 99, i + 1)) {
                        while (!started.finishConnect()) {
                            Thread.sleep(1);
                        }
                    }
                }
            }
            for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                SocketChannel channel = slow.get(i);
                String path = i % 5 == 0 ? "/cds-services/lumbar-imaging-order-sign" : i % 5 == 1 ? "/cds-services/x/feedback"
                        : "/api/assessments";
                channel.write(ascii("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{"));
            }
            System.out.printf("%d slow connections open after %d ms%n", slow.size(), (System.nanoTime() - opening) / 1_000_000);
            trickle.scheduleAtFixedRate(() -> slow.forEach(SlowClientsTest::oneByte), 0, 1, TimeUnit.SECONDS);
            Thread.sleep(1_500);
            assertThat(slow.stream().filter(SlowClientsTest::stillOpen).count()).as("slow connections still open")
                    .isGreaterThanOrEqualTo(SLOW_CONNECTIONS - 10);

            assertAnsweredWithinASecond(HttpRequest.newBuilder(URI.create(base + "/healthz")).GET(), 200);
            assertAnsweredWithinASecond(HttpRequest.newBuilder(URI.create(base + "/cds-services"))
                    .header("Authorization", bearer(base + "/cds-services")).GET(), 200);
            // A signed hook call with an empty body: past the token check, refused as a request (400), not as a caller.
            assertAnsweredWithinASecond(HttpRequest.newBuilder(URI.create(base + "/cds-services/lumbar-imaging-order-sign"))
                    .header("Authorization", bearer(base + "/cds-services/lumbar-imaging-order-sign"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")), 400);
        } finally {
            trickle.shutdownNow();
            for (SocketChannel channel : slow) {
                channel.close();
            }
            long stopping = System.nanoTime();
            server.stop();
            System.out.printf("server stopped in %d ms%n", (System.nanoTime() - stopping) / 1_000_000);
        }
    }

    private static void assertAnsweredWithinASecond(HttpRequest.Builder request, int status) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%s answered %d in %d ms%n", request.build().uri().getPath(), response.statusCode(), millis);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(millis).as("milliseconds to answer " + request.build().uri()).isLessThan(1_000);
    }

    private static String bearer(String aud) {
        return "Bearer " + TestTokens.sign(EC, JWSAlgorithm.ES384, TestTokens.claims(Instant.now()).audience(aud).build());
    }

    /** Per client address, and for a request that keeps arriving: the limits themselves, on a server of their own. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aClientAddressGetsItsShareOfConnectionsAndARequestStillArrivingIsCutOff() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(3, false, 100, Duration.ofSeconds(30), Duration.ofMillis(500), 1024 * 1024 + 1,
                8L * 1024 * 1024);
        BackcheckServer server = BackcheckServer.builder().requestLog(line -> { }).connectionLimits(limits).build().start(0);
        List<java.net.Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(socket(server.port()));
            }
            // Served first, so that the server has counted all three before the fourth arrives (connections are
            // accepted on more than one thread: opened in a burst, which one is over the share is a race).
            for (java.net.Socket s : open) {
                assertThat(answersHealth(s)).as("the first three are served").isTrue();
            }
            try (java.net.Socket fourth = socket(server.port())) {
                assertThat(fourth.getInputStream().read()).as("the fourth from one address is closed").isEqualTo(-1);
            }
            open.remove(0).close();
            Thread.sleep(200);
            try (java.net.Socket again = socket(server.port())) {
                assertThat(answersHealth(again)).as("a free share is given again").isTrue();
            }
            // A body trickled one byte per 100 ms: cut off within two read deadlines (plus slack for a busy machine).
            java.net.Socket trickler = open.get(0);
            trickler.getOutputStream().write(("POST /api/assessments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            boolean cut = false;
            while (!cut && System.nanoTime() - start < 5_000_000_000L) {
                Thread.sleep(100);
                try {
                    trickler.getOutputStream().write(' ');
                    trickler.setSoTimeout(1);
                    cut = trickler.getInputStream().read() == -1;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // nothing from the server yet
                } catch (IOException closed) {
                    cut = true;
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("a trickled body was cut off after %d ms%n", millis);
            assertThat(cut).as("cut off within 5 s").isTrue();
            assertThat(millis).isGreaterThanOrEqualTo(400);
        } finally {
            for (java.net.Socket s : open) {
                s.close();
            }
            server.stop();
        }
    }

    /** Bodies being read share one budget: a request that does not fit is told to come back (503), unread. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void bodiesBeingReadShareOneBudgetAndARequestBeyondItIsTurnedAway() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(64, true, 100, Duration.ofSeconds(30), Duration.ofSeconds(60), 50_001, 100_000);
        BackcheckServer server = BackcheckServer.builder().requestLog(line -> { }).connectionLimits(limits).build().start(0);
        List<java.net.Socket> trickling = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                java.net.Socket s = socket(server.port());
                s.getOutputStream().write(bodyOf(40_000));
                trickling.add(s);
            }
            Thread.sleep(200);
            try (java.net.Socket third = socket(server.port())) {
                third.getOutputStream().write(bodyOf(40_000));
                assertThat(line(third.getInputStream())).startsWith("HTTP/1.1 503");
            }
            try (java.net.Socket health = socket(server.port())) {
                assertThat(answersHealth(health)).as("requests without a body are not held back").isTrue();
            }
            trickling.remove(0).close();
            assertThat(statusOnceBudgetFrees(server.port(), 5_000)).as("the share of a closed connection is given back")
                    .isNotEqualTo(503);
        } finally {
            for (java.net.Socket s : trickling) {
                s.close();
            }
            server.stop();
        }
    }

    /**
     * Security review F1: bodies begun and then left unfinished, sending nothing more, held their share of the
     * body budget until the 30 s idle timeout, so every request with a body was turned away (503). A request
     * part-way through at two looks of the read deadline is now cut off, whether bytes arrive or not.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void bodiesLeftUnfinishedAreCutOffAndTheirShareOfTheBudgetGivenBack() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(64, false, 100, Duration.ofSeconds(30), Duration.ofSeconds(1), 50_001, 100_000);
        BackcheckServer server = BackcheckServer.builder().requestLog(line -> { }).connectionLimits(limits).build().start(0);
        List<java.net.Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                java.net.Socket s = socket(server.port());
                s.getOutputStream().write(bodyOf(50_000));   // the headers and one byte, then nothing
                stalled.add(s);
            }
            Thread.sleep(300);   // both reserved; neither cut before one read deadline
            try (java.net.Socket third = socket(server.port())) {
                third.getOutputStream().write(bodyOf(40_000));
                assertThat(line(third.getInputStream())).as("the budget is held by the two").startsWith("HTTP/1.1 503");
            }
            for (java.net.Socket s : stalled) {
                assertThat(s.getInputStream().read()).as("a stalled request is closed within two read deadlines").isEqualTo(-1);
            }
            // The share is given back as the closed request's handling ends, just after the close.
            assertThat(statusOnceBudgetFrees(server.port(), 3_000)).as("the stalled requests' shares are given back")
                    .isNotEqualTo(503);
        } finally {
            for (java.net.Socket s : stalled) {
                s.close();
            }
            server.stop();
        }
    }

    /**
     * Sends a 40,000-byte request every 100 ms until it is not turned away for the budget (503) or {@code millis}
     * pass; its status, or 0 when it was accepted (the server then waits for the rest of its body).
     */
    private static int statusOnceBudgetFrees(int port, long millis) throws Exception {
        long start = System.nanoTime();
        int status = 503;
        while (status == 503 && System.nanoTime() - start < millis * 1_000_000L) {
            Thread.sleep(100);
            try (java.net.Socket again = socket(port)) {
                again.getOutputStream().write(bodyOf(40_000));
                again.setSoTimeout(300);
                try {
                    status = Integer.parseInt(line(again.getInputStream()).split(" ")[1]);
                } catch (java.net.SocketTimeoutException waitingForItsBody) {
                    status = 0;
                }
            }
        }
        return status;
    }

    private static byte[] bodyOf(int declared) {
        return ("POST /api/assessments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + declared
                + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII);
    }

    private static java.net.Socket socket(int port) throws IOException {
        java.net.Socket s = new java.net.Socket("127.0.0.1", port);
        s.setSoTimeout(5_000);
        return s;
    }

    /** Sends GET /healthz on a kept-alive socket and reads the whole answer; true for a 200. */
    private static boolean answersHealth(java.net.Socket s) throws IOException {
        s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        java.io.InputStream in = s.getInputStream();
        String status = line(in);
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(header.indexOf(':') + 1).strip());
            }
        }
        return in.readNBytes(length).length == length && status.startsWith("HTTP/1.1 200");
    }

    private static String line(java.io.InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return sb.toString();
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static boolean stillOpen(SocketChannel channel) {
        try {
            return channel.read(ByteBuffer.allocate(1)) == 0;
        } catch (IOException closed) {
            return false;
        }
    }

    private static void oneByte(SocketChannel channel) {
        try {
            channel.write(ascii(" "));
        } catch (IOException closedByTheServer) {
            // a connection the server cut off: nothing more to send on it
        }
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }
}
