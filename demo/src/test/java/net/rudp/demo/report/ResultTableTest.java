package net.rudp.demo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.rudp.demo.compare.Sample;
import net.rudp.demo.compare.TransferResult;
import net.rudp.demo.transfer.Verdict;
import net.rudp.demo.transport.TransportStats;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    private static final long SIZE = 256L << 20;

    static TransferResult tcp() {
        return new TransferResult("tcp", SIZE, Duration.ofMillis(400), 130_000_000, 200_000_000,
            new Verdict(SIZE, -1),
            Optional.of(new TransportStats("bbr", OptionalLong.of(2), OptionalLong.of(6536), "all TCP in this network namespace")),
            List.of(new Sample(100_000_000, 50_000_000), new Sample(350_000_000, SIZE)));
    }

    static TransferResult brokenWithoutStats() {
        return new TransferResult("other", SIZE, Duration.ofSeconds(2), 1_000_000_000, 1_000_000_000,
            new Verdict(SIZE - 1, -1), Optional.empty(), List.of());
    }

    @Test
    void oneAlignedRowPerTransportThenTheFootnotes() {
        assertEquals("""
            transport  congestion     size    time   throughput  retransmits  CPU snd+rcv  CPU/byte  verified
            tcp        bbr         256 MiB  400 ms  5.37 Gbit/s            2       330 ms   1.23 ns  yes
            other      n/a         256 MiB  2.00 s  1.07 Gbit/s          n/a       2.00 s   7.45 ns  NO: receiver got 268435455 bytes, expected 268435456
              tcp counters: all TCP in this network namespace
              CPU: user+system time of the sender and receiver processes (JVM included); kernel softirq work is only partly charged to them
            """, ResultTable.format(List.of(tcp(), brokenWithoutStats())));
    }

    @Test
    void samplesBecomeThroughputPointsInTheCsv() {
        assertEquals("""
            transport,elapsed_s,bytes,throughput_mbit_s
            tcp,0.100,50000000,4000.000
            tcp,0.350,268435456,6989.935
            """, ReportFiles.samplesCsv(List.of(tcp())));
    }

    @Test
    void resultsJsonHoldsTheNumbersAndTheSamples() {
        String json = ReportFiles.resultsJson("loopback", Optional.empty(), List.of(tcp()));
        assertEquals("{\"path\":\"loopback\",\"samples_format\":\"[elapsed_ns since the receiver accepted, verified bytes received]\","
            + "\"transfers\":[{\"transport\":\"tcp\",\"size_bytes\":268435456,\"wall_ns\":400000000,"
            + "\"throughput_bits_per_s\":5.36870912E9,\"sender_cpu_ns\":130000000,\"receiver_cpu_ns\":200000000,"
            + "\"cpu_ns_per_byte\":1.2293457984924316,\"verified\":true,\"bytes_received\":268435456,\"first_mismatch\":-1,"
            + "\"congestion_control\":\"bbr\",\"retransmissions\":2,\"packets_sent\":6536,"
            + "\"counters_scope\":\"all TCP in this network namespace\","
            + "\"samples\":[[100000000,50000000],[350000000,268435456]]}]}", json);
    }
}
