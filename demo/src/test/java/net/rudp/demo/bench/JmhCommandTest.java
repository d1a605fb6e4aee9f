package net.rudp.demo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code rudp-demo jmh ...} hands JMH its arguments untouched, and JMH can find the benchmarks. */
class JmhCommandTest {

    @Test
    void forwardsEveryArgumentInOrder() {
        JmhCommand command = new JmhCommand();
        new CommandLine(command).parseArgs("-f", "1", "-wi", "2", "-i", "3", "-w", "1s", "-prof", "gc", "-h", "Codec");

        assertEquals(List.of("-f", "1", "-wi", "2", "-i", "3", "-w", "1s", "-prof", "gc", "-h", "Codec"), command.jmhArguments);
    }

    @Test
    void annotationProcessorListedBothBenchmarks() throws IOException {
        try (InputStream list = getClass().getClassLoader().getResourceAsStream("META-INF/BenchmarkList")) {
            assertNotNull(list, "META-INF/BenchmarkList is missing: JMH's annotation processor did not run");
            String text = new String(list.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains(CodecBenchmark.class.getName()), "CodecBenchmark is not listed");
            assertTrue(text.contains(CoreThroughputBenchmark.class.getName()), "CoreThroughputBenchmark is not listed");
        }
    }
}
