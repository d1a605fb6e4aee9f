package net.rudp.demo;

import java.nio.file.Path;
import java.util.List;

/** How to start another JVM running this demo, for the commands that run their parts as processes. */
public final class DemoJvm {
    private DemoJvm() {}

    /** The same JDK, class path and main class as this JVM; the demo's arguments follow. */
    public static List<String> command() {
        String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
            Main.class.getName());
    }
}
