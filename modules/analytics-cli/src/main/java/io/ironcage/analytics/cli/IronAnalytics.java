package io.ironcage.analytics.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code iron-analytics}: the tool's entry point. With no command it runs {@code demo}.
 */
@Command(name = "iron-analytics", mixinStandardHelpOptions = true, version = "iron-analytics 0.1.0-SNAPSHOT",
        description = "Iron Cage Runtime Analytics: demo workload, JFR recording report, price lookup.",
        subcommands = {DemoCommand.class, ReportCommand.class, PriceCommand.class, ModelsCommand.class})
public final class IronAnalytics implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean verbose;

    /** Picocli instantiates the command. */
    public IronAnalytics() {}

    @Override
    public void run() {
        // Only reached with options but no command, e.g. "--verbose": run the default command.
        throw new CommandLine.ParameterException(new CommandLine(this), "no command given");
    }

    // Strong reference: java.util.logging keeps loggers weakly, and a collected logger loses its level.
    private static final java.util.logging.Logger LIBRARY_LOGS = java.util.logging.Logger.getLogger("io.ironcage.analytics");

    /** The library logs state changes at INFO; the tool shows them only with --verbose. */
    private static void quietLibraryLogs(boolean verbose) {
        LIBRARY_LOGS.setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING);
    }

    /**
     * Runs the tool and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /**
     * Runs the tool; what the tests call.
     *
     * @param args the command line
     * @param out  standard output
     * @param err  standard error
     * @return the exit status: 0 on success, 1 on a failure, 2 on a usage error
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean onlyOptions = true;
        for (String a : args) {
            onlyOptions &= a.startsWith("-") && !a.equals("-h") && !a.equals("--help") && !a.equals("-V")
                    && !a.equals("--version");
        }
        if (onlyOptions) { // no command (perhaps --verbose): the default command is demo
            String[] withDemo = new String[args.length + 1];
            withDemo[0] = "demo";
            System.arraycopy(args, 0, withDemo, 1, args.length);
            args = withDemo;
        }
        quietLibraryLogs(java.util.Arrays.asList(args).contains("--verbose"));
        IronAnalytics root = new IronAnalytics();
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("iron-analytics: " + ex.getMessage());
            err.println("Try 'iron-analytics --help' or 'iron-analytics <command> --help'.");
            if (root.verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            String message = ex instanceof CliException ? ex.getMessage() : ex.toString();
            err.println("iron-analytics: " + message);
            if (root.verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        int rc = cl.execute(args);
        out.flush();
        err.flush();
        return rc;
    }
}
