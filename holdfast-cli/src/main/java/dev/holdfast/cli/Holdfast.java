package dev.holdfast.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import tools.jackson.databind.JsonNode;

/**
 * {@code holdfast}: the command-line client of the Holdfast lock server. The connection options may be given anywhere
 * on the command line, or in the environment.
 */
@Command(
        name = "holdfast",
        mixinStandardHelpOptions = true,
        version = "holdfast 0.1.0",
        description = "The command-line client of the Holdfast lock server.",
        subcommands = {LockCommand.class, SemaphoreCommand.class, SessionCommand.class, RunCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (run: the command's own code when it ended with the lock held)",
            "1:refused (409): not acquired within the wait, not held, lost",
            "2:usage: bad command line, or input the server refused (400)",
            "3:run: the lock was lost while the command ran; its process group was terminated",
            "4:not found (404): no such lock, semaphore or session",
            "5:authentication failed or role not allowed (401, 403)",
            "6:server unreachable, timed out or failed (5xx)",
            "127:run: the command could not be started"
        })
public final class Holdfast {

    @Option(
            names = "--server",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            defaultValue = "${env:HOLDFAST_SERVER:-http://localhost:8080}",
            description = "Lock server base URL (env HOLDFAST_SERVER; default ${DEFAULT-VALUE}).")
    String server = "http://localhost:8080";

    @Option(
            names = "--user",
            scope = ScopeType.INHERIT,
            defaultValue = "${env:HOLDFAST_USER}",
            description = "User for HTTP Basic (env HOLDFAST_USER).")
    @Nullable
    String user;

    @Option(
            names = "--password",
            scope = ScopeType.INHERIT,
            defaultValue = "${env:HOLDFAST_PASSWORD}",
            description = "Password for HTTP Basic (env HOLDFAST_PASSWORD).")
    @Nullable
    String password;

    @Option(
            names = "--api-key",
            scope = ScopeType.INHERIT,
            defaultValue = "${env:HOLDFAST_API_KEY}",
            description = "API key, sent as X-Api-Key (env HOLDFAST_API_KEY).")
    @Nullable
    String apiKey;

    @Option(
            names = "--json",
            scope = ScopeType.INHERIT,
            description = "Print the server's JSON answers instead of one line of text.")
    boolean json;

    /**
     * Runs the CLI and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String... args) {
        System.exit(execute(args));
    }

    /**
     * Runs the CLI.
     *
     * @param args the command line
     * @return the exit code (see {@link ExitCode})
     */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs the CLI, printing where told.
     *
     * @param out where answers go
     * @param err where errors go
     * @param args the command line
     * @return the exit code (see {@link ExitCode})
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Holdfast());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(Holdfast::failed);
        return commandLine.execute(args);
    }

    private static int failed(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        Holdfast root = (Holdfast) commandLine.getCommandSpec().root().userObject();
        PrintWriter err = commandLine.getErr();
        if (ex instanceof ServerProblem problem) {
            if (root.json && !problem.body().isBlank()) {
                commandLine.getOut().println(problem.body());
                commandLine.getOut().flush();
            }
            err.println("holdfast: " + problem.getMessage());
            return problem.exitCode();
        }
        if (ex instanceof ServerUnreachable unreachable) {
            err.println("holdfast: " + unreachable.getMessage());
            return ExitCode.UNAVAILABLE;
        }
        if (ex instanceof IllegalArgumentException invalid) {
            err.println("holdfast: " + invalid.getMessage());
            return ExitCode.USAGE;
        }
        throw new IllegalStateException(ex);
    }

    /** The client for the server and credentials on the command line. */
    LockServerClient client() {
        URI uri;
        try {
            uri = new URI(this.server);
        } catch (URISyntaxException ex) {
            throw new IllegalArgumentException("--server '" + this.server + "' is not a URL: " + ex.getMessage(), ex);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("--server '" + this.server + "' must be a URL like http://host:8080");
        }
        if (this.password != null && this.user == null) {
            throw new IllegalArgumentException("--password given without --user");
        }
        return new LockServerClient(uri, this.user, this.password, this.apiKey);
    }

    /**
     * Prints an answer: its JSON with {@code --json}, else the line of text.
     *
     * @param commandLine the command that prints
     * @param answer the server's answer
     * @param text the line for people
     */
    void print(CommandLine commandLine, JsonNode answer, String text) {
        PrintWriter writer = commandLine.getOut();
        writer.println(this.json ? LockServerClient.pretty(answer) : text);
        writer.flush();
    }

    /** The owner to send when none is given: env {@code HOLDFAST_OWNER}, else {@code user@host}. */
    static String defaultOwner() {
        String owner = System.getenv("HOLDFAST_OWNER");
        if (owner != null && !owner.isBlank()) {
            return owner;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException ex) {
            host = "localhost";
        }
        return System.getProperty("user.name") + "@" + host;
    }

    /** The root command object of any command below it. */
    static Holdfast root(CommandLine.Model.CommandSpec spec) {
        return (Holdfast) spec.root().userObject();
    }
}
