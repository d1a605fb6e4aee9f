package net.rudp.demo.cli;

import net.rudp.demo.DemoException;
import net.rudp.demo.bench.JmhCommand;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: subcommands, the default subcommand ({@code compare}), and the exit codes:
 * 0 success, 1 the command failed (one line saying why, no stack trace), 2 a wrong command line
 * (one line, pointing at --help).
 */
@Command(name = "rudp-demo", mixinStandardHelpOptions = true, version = "rudp-demo 0.1.0",
    description = {"Kernel TCP and rudp side by side. Without a subcommand: compare."},
    subcommands = {CompareCommand.class, PacketsCommand.class, EndpointCommand.class, JmhCommand.class,
        net.rudp.demo.ping.PingCommand.class,
        net.rudp.demo.perf.PerfCommand.class,
        net.rudp.demo.group.GroupCommand.class,
        net.rudp.demo.group.GroupMemberCommand.class,
        net.rudp.demo.tools.EchoServerCommand.class,
        net.rudp.demo.tools.EchoClientsCommand.class,
        net.rudp.demo.tools.SendCommand.class,
        net.rudp.demo.tools.ReceiveCommand.class,
        net.rudp.demo.tools.BenchCommand.class,
        net.rudp.demo.bench.DatagramIoBench.class})
public final class Cli {
    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");
    /** Set to any value to see stack traces of unexpected errors. */
    private static final String DEBUG_VARIABLE = "RUDP_DEMO_DEBUG";

    /** Runs the command line {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Cli());
        cli.getSubcommands().get("compare").getCommandSpec().usageMessage().description(CompareCommand.description());
        cli.setOut(out).setErr(err);
        cli.setParameterExceptionHandler((e, ignored) -> {
            e.getCommandLine().getErr().println("rudp-demo: " + oneLine(e.getMessage())
                + " (see " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter to = command.getErr();
            switch (e) {
                case DemoException d -> {
                    to.println("rudp-demo: " + d.getMessage());
                    return d.exitCode();
                }
                case UncheckedIOException u -> to.println("rudp-demo: " + u.getMessage() + ": " + u.getCause().getMessage());
                default -> to.println("rudp-demo: unexpected error " + e + " (set " + DEBUG_VARIABLE + "=1 for the stack trace)");
            }
            if (System.getenv(DEBUG_VARIABLE) != null) {
                e.printStackTrace(to);
            }
            return 1;
        });
        int code = cli.execute(withDefaultSubcommand(args));
        out.flush();
        err.flush();
        return code;
    }

    /** {@code compare} when no subcommand is named: {@code rudp-demo --loss 1%} means {@code rudp-demo compare --loss 1%}. */
    static String[] withDefaultSubcommand(String[] args) {
        if (args.length > 0 && !(args[0].startsWith("-") && !TOP_LEVEL_OPTIONS.contains(args[0]))) {
            return args;
        }
        String[] withCompare = new String[args.length + 1];
        withCompare[0] = "compare";
        System.arraycopy(args, 0, withCompare, 1, args.length);
        return withCompare;
    }

    private static String oneLine(String message) {
        return Arrays.stream(message.split("\\R")).map(String::strip).filter(s -> !s.isEmpty())
            .reduce((a, b) -> a + "; " + b).orElse(message);
    }
}
