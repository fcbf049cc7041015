package org.backcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.concurrent.CountDownLatch;
import org.backcheck.service.BackcheckServer;

/** The work of {@code backcheck serve}, apart from the command so that its classes load only when it runs. */
final class ServeRun {

    private ServeRun() {
    }

    static void serveUntilStopped(String host, int port, PrintWriter out) throws InterruptedException {
        BackcheckServer server = new BackcheckServer();
        try {
            server.start(host, port);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new UncheckedIOException(new IOException("cannot listen on " + host + ":" + port
                            + " (" + t.getMessage() + "); is another server using the port? Choose another with --port"));
                }
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "backcheck-serve-stop"));
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
        out.printf("Backcheck is running at http://%s:%d/ (Ctrl-C to stop)%n", shown, server.port());
        out.flush();
        stopped.await();
    }
}
