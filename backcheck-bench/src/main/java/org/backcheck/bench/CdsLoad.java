package org.backcheck.bench;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load generator for the CDS Hooks service (bench/cds-load.sh). Every request carries its own ES384- or
 * RS384-signed JWT (unique jti, aud = the URL called), signed before the clock starts so that the
 * client's signing does not compete with the server for the two cores.
 *
 * <pre>
 * CdsLoad keys DIR ISSUER [ES384|RS384]        writes DIR/issuers.json (public key) and DIR/private.jwk
 * CdsLoad tokens URL KEYDIR ISSUER N FILE      writes N signed tokens for URL, one per line (for wrk)
 * CdsLoad rate URL BODY KEYDIR ISSUER RATE SECONDS
 *     open loop at RATE requests/s; latency is measured from each request's scheduled start, so
 *     a server that falls behind cannot hide it (no coordinated omission)
 * CdsLoad max URL BODY KEYDIR ISSUER CONCURRENCY SECONDS
 *     closed loop with CONCURRENCY requests in flight: the sustained throughput
 * </pre>
 */
public final class CdsLoad {

    private CdsLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            usage();
        }
        switch (args[0]) {
            case "keys" -> keys(Path.of(args[1]), args[2], args.length > 3 ? args[3] : "ES384");
            case "tokens" -> Files.write(Path.of(args[5]),
                    List.of(tokens(Path.of(args[2]), args[3], args[1], Integer.parseInt(args[4]))));
            case "rate" -> rate(args);
            case "max" -> max(args);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: CdsLoad keys DIR ISSUER | rate URL BODY KEYDIR ISSUER RATE SECONDS | max URL BODY KEYDIR ISSUER CONCURRENCY SECONDS");
        System.exit(2);
    }

    private static void keys(Path dir, String issuer, String alg) throws Exception {
        Files.createDirectories(dir);
        com.nimbusds.jose.jwk.JWK key = alg.equals("RS384")
                ? new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("bench-" + UUID.randomUUID()).generate()
                : new ECKeyGenerator(Curve.P_384).keyID("bench-" + UUID.randomUUID()).generate();
        Files.writeString(dir.resolve("private.jwk"), key.toJSONString());
        String jwks = "{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}";
        Files.writeString(dir.resolve("issuers.json"), "{\"issuers\":[{\"iss\":\"" + issuer + "\",\"jwks\":" + jwks + "}]}");
    }

    private static String[] tokens(Path keyDir, String issuer, String aud, int n) throws Exception {
        com.nimbusds.jose.jwk.JWK key = com.nimbusds.jose.jwk.JWK.parse(Files.readString(keyDir.resolve("private.jwk")));
        com.nimbusds.jose.JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec)
                : new com.nimbusds.jose.crypto.RSASSASigner(key.toRSAKey());
        if (key instanceof ECKey) {   // BouncyCastle signs P-384 several times faster than the JDK: shorter set-up
            signer.getJCAContext().setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        }
        JWSAlgorithm alg = key instanceof ECKey ? JWSAlgorithm.ES384 : JWSAlgorithm.RS384;
        JWSHeader header = new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
        String[] out = new String[n];
        long now = System.currentTimeMillis();
        // Signed on every core before the clock starts; valid for 30 minutes (the server accepts up to 60).
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(aud).jwtID(UUID.randomUUID().toString())
                    .issueTime(new Date(now)).expirationTime(new Date(now + 30 * 60_000)).build();
            SignedJWT jwt = new SignedJWT(header, claims);
            try {
                jwt.sign(signer);
            } catch (com.nimbusds.jose.JOSEException e) {
                throw new IllegalStateException(e);
            }
            out[i] = jwt.serialize();
        });
        return out;
    }

    private static HttpRequest request(URI uri, String body, String token) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static void rate(String[] a) throws Exception {
        URI uri = URI.create(a[1]);
        String body = Files.readString(Path.of(a[2]));
        int rate = Integer.parseInt(a[5]);
        int seconds = Integer.parseInt(a[6]);
        int n = rate * seconds;
        String[] tokens = tokens(Path.of(a[3]), a[4], a[1], n + 200);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        warmUp(client, uri, body, Arrays.copyOfRange(tokens, n, n + 200));
        long[] latency = new long[n];
        AtomicLong errors = new AtomicLong();
        List<CompletableFuture<?>> pending = new ArrayList<>(n);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < n; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            pending.add(client.sendAsync(request(uri, body, tokens[i]), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        latency[index] = System.nanoTime() - scheduled;
                        if (failure != null || response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latency);
        System.out.printf(Locale.ROOT, "open loop: %d requests at %d/s over %.1f s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, errors %d%n",
                n, rate, elapsed, ms(latency, 0.50), ms(latency, 0.90), ms(latency, 0.99), latency[n - 1] / 1e6, errors.get());
    }

    private static void max(String[] a) throws Exception {
        URI uri = URI.create(a[1]);
        String body = Files.readString(Path.of(a[2]));
        int concurrency = Integer.parseInt(a[5]);
        int seconds = Integer.parseInt(a[6]);
        int budget = Math.min(2_000 * seconds, 60_000); // tokens signed up front; the run stops early if it uses them all
        String[] tokens = tokens(Path.of(a[3]), a[4], a[1], budget + 200);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        warmUp(client, uri, body, Arrays.copyOfRange(tokens, budget, budget + 200));
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long i = next.getAndIncrement();
                    if (i >= budget) {
                        return;
                    }
                    try {
                        HttpResponse<String> r = client.send(request(uri, body, tokens[(int) i]), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    done.incrementAndGet();
                }
            });
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "closed loop: %d in flight, %d requests in %.1f s = %.0f requests/s, errors %d%n",
                concurrency, done.get(), elapsed, done.get() / elapsed, errors.get());
    }

    private static void warmUp(HttpClient client, URI uri, String body, String[] tokens) throws Exception {
        for (String t : tokens) {
            HttpResponse<String> r = client.send(request(uri, body, t), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("warm-up request failed with " + r.statusCode() + ": " + r.body());
            }
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
