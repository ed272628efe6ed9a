import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

/**
 * Starts Camel JBang's command line ({@code camel run ...}) from {@code org.apache.camel:camel-jbang-core} on Maven
 * Central, as the {@code camel} command that JBang installs does, for machines with only Maven and Java. Java runs
 * this file as a single source file on camel-jbang-core's class path ({@code java -cp <that> CamelJBangLauncher.java
 * run ...}), so it stays out of the gateway's own jar and class path. Used by {@code local-run/run.sh}.
 */
public final class CamelJBangLauncher {

    private CamelJBangLauncher() {
    }

    public static void main(String[] args) {
        CamelJBangMain.run(args);
    }
}
