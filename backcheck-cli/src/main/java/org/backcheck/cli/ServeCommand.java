package org.backcheck.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Runs Backcheck's point-of-care page and its JSON API (POST /api/assessments) until Ctrl-C.",
            "Nothing entered is stored, and request bodies are never logged.",
            "It listens on this machine only unless --host says otherwise; it has no login and no TLS,",
            "so put it behind your organisation's access controls before opening it to a network."},
        footer = {"", "Example: backcheck serve --port 8080, then open http://localhost:8080/"})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "TCP port (default 8080; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for every interface).")
    String host;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, not " + port);
        }
        // The server's classes (Javalin, Jetty) load only here, never for other commands.
        ServeRun.serveUntilStopped(host, port, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
