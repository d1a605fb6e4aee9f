package net.rudp.demo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.rudp.demo.compare.Comparison;
import net.rudp.demo.compare.EndpointEvent;
import net.rudp.demo.compare.LinkRun;
import net.rudp.demo.compare.Sample;
import net.rudp.demo.compare.TransferResult;
import net.rudp.demo.transfer.Verdict;
import net.rudp.demo.transport.TransportStats;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    private static final long SIZE = 256L << 20;
    private static final String SHA = "0123456789abcdef".repeat(4);

    static TransferResult tcp() {
        TransportStats stats = new TransportStats("bbr", 101_000, 6_000, 1_000_000, SIZE + 113_000, 113_000);
        return new TransferResult("tcp", "tcp", 0, SIZE, SIZE, SHA, Duration.ofMillis(400), 130_000_000, 200_000_000,
            new Verdict(SIZE, -1, SHA), Optional.of(stats),
            List.of(new Sample(100_000_000, 50_000_000), new Sample(350_000_000, SIZE)),
            List.of(new EndpointEvent.Window(100_000_000, stats)));
    }

    static TransferResult rudp() {
        return new TransferResult("rudp", "rudp", 0, SIZE, SIZE, SHA, Duration.ofMillis(1600), 1_000_000_000, 990_000_000,
            new Verdict(SIZE, -1, "f".repeat(64)),
            Optional.of(new TransportStats("cubic", 4_730_000, 219_000, 80_000_000, SIZE, 0)), List.of(), List.of());
    }

    /** Each transport on a link of its own, one after another. */
    static Comparison oneAfterAnother(TransferResult... results) {
        List<LinkRun> runs = Arrays.stream(results).map(r -> new LinkRun(List.of(r), Optional.of("a->b: fine\nb->a: fine"))).toList();
        return new Comparison("loopback", 0, runs, runs.stream().map(r -> "./demo.sh compare --transports " + r.flows().getFirst().flow()).toList());
    }

    /** A flow of 100 Mbit/s from {@code startMillis} for 2 s, then a slower end. */
    static TransferResult flowTogether(String name, long startMillis, long bytesPerTenth) {
        List<Sample> samples = new ArrayList<>();
        for (int tenth = 1; tenth <= 20; tenth++) {
            samples.add(new Sample(tenth * 100_000_000L, tenth * bytesPerTenth));
        }
        long size = 20 * bytesPerTenth;
        return new TransferResult(name, "rudp", startMillis * 1_000_000, size, size, SHA, Duration.ofSeconds(2), 1, 1,
            new Verdict(size, -1, SHA), Optional.empty(), samples, List.of());
    }

    @Test
    void oneAlignedRowPerTransportThenTheRatiosAndFootnotes() {
        assertEquals("""
            transport  congestion    time      goodput        retransmitted  sRTT p50  min RTT  CPU snd+rcv  CPU/byte  verified
            tcp        bbr         400 ms  5.37 Gbit/s  110.4 KiB (0.0421%)    101 us  6.00 us       330 ms   1.23 ns  yes
            rudp       cubic       1.60 s  1.34 Gbit/s             0 B (0%)   4.73 ms   219 us       1.99 s   7.41 ns  NO: SHA-256 of the bytes received is ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff, of the bytes sent 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            rudp/tcp                4.00x        0.25x                                                6.03x     6.03x
              verified: each receiver compared every byte with the pattern and its SHA-256 with the sender's (0123456789abcdef...)
              retransmitted, min RTT, congestion: the sender's connection at the end (rudp: its stats; TCP: the kernel's tcp_info); sRTT p50: the median of its smoothed RTT, sampled over the transfer
              CPU: user+system time of the sender and receiver processes (JVM included); kernel softirq work is only partly charged to them
            to repeat a row:
              tcp: ./demo.sh compare --transports tcp
              rudp: ./demo.sh compare --transports rudp
            """, ResultTable.format(oneAfterAnother(tcp(), rudp())));
    }

    @Test
    void flowsTogetherGetTheirSharesAndJainsIndexOverTheTimeAllOfThemRan() {
        // The first flow runs 0-2 s, the second 1-3 s at half its rate: in 1-2 s 10 MB against 5 MB.
        LinkRun run = new LinkRun(List.of(flowTogether("rudp-1", 0, 1_000_000), flowTogether("rudp-2", 1000, 500_000)),
            Optional.empty());
        String text = ResultTable.format(new Comparison("a link", 50_000_000, List.of(run),
            List.of("./demo.sh compare --together rudp,rudp --stagger 1s")));
        assertTrue(text.contains("""
            sharing the link while all flows ran, 1.00 s to 2.00 s (1.00 s):
              flow    verified bytes      goodput  share
              rudp-1        10000000  80.0 Mbit/s  66.7%
              rudp-2         5000000  40.0 Mbit/s  33.3%
              all           15000000   120 Mbit/s   100%
              their goodput together is 240% of the link's 50.0 Mbit/s (headers and retransmissions not counted)
              Jain's fairness index: 0.9000 ((Σx)² / (n·Σx²) of the verified bytes; 1 is an equal share, 1/n one flow with everything)
            """), text);
        assertTrue(text.endsWith("to repeat:\n  ./demo.sh compare --together rudp,rudp --stagger 1s\n"), text);
        assertFalse(text.contains("rudp-2/rudp-1"), "no ratio rows for flows together: " + text);
    }

    @Test
    void samplesBecomeThroughputPointsInTheCsv() {
        assertEquals("""
            flow,elapsed_s,bytes,throughput_mbit_s
            tcp,0.100,50000000,4000.000
            tcp,0.350,268435456,6989.935
            """, ReportFiles.samplesCsv(List.of(tcp())));
    }

    @Test
    void windowSamplesGoToTheirOwnCsv() {
        assertEquals("""
            flow,elapsed_s,cwnd_bytes,srtt_ms,min_rtt_ms,bytes_sent,bytes_retransmitted
            tcp,0.100,1000000,0.101,0.006,268548456,113000
            """, ReportFiles.windowsCsv(List.of(tcp(), rudp())));
    }

    @Test
    void resultsJsonHoldsTheNumbersAndTheSamples() {
        String json = ReportFiles.resultsJson(oneAfterAnother(tcp()));
        assertEquals("{\"path\":\"loopback\",\"together\":false,"
            + "\"samples_format\":\"[elapsed_ns since the receiver accepted, verified bytes received]\","
            + "\"runs\":[{\"flows\":[\"tcp\"],\"command\":\"./demo.sh compare --transports tcp\",\"link\":[\"a->b: fine\",\"b->a: fine\"]}],"
            + "\"transfers\":[{\"flow\":\"tcp\",\"transport\":\"tcp\",\"start_ns\":0,\"requested_size_bytes\":268435456,"
            + "\"size_bytes\":268435456,\"wall_ns\":400000000,"
            + "\"throughput_bits_per_s\":5.36870912E9,\"sender_cpu_ns\":130000000,\"receiver_cpu_ns\":200000000,"
            + "\"cpu_ns_per_byte\":1.2293457984924316,\"verified\":true,\"bytes_received\":268435456,\"first_mismatch\":-1,"
            + "\"sent_sha256\":\"" + SHA + "\",\"received_sha256\":\"" + SHA + "\",\"median_srtt_ns\":101000,"
            + "\"sender_at_end\":{\"elapsed_ns\":400000000,\"congestion_control\":\"bbr\",\"srtt_ns\":101000,\"min_rtt_ns\":6000,\"cwnd_bytes\":1000000,"
            + "\"bytes_sent\":268548456,\"bytes_retransmitted\":113000},"
            + "\"samples\":[[100000000,50000000],[350000000,268435456]],"
            + "\"windows\":[{\"elapsed_ns\":100000000,\"congestion_control\":\"bbr\",\"srtt_ns\":101000,\"min_rtt_ns\":6000,"
            + "\"cwnd_bytes\":1000000,\"bytes_sent\":268548456,\"bytes_retransmitted\":113000}]}]}", json);
    }
}
