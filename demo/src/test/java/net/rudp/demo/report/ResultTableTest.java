package net.rudp.demo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.rudp.demo.compare.EndpointEvent;
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
        return new TransferResult("tcp", SIZE, SHA, Duration.ofMillis(400), 130_000_000, 200_000_000,
            new Verdict(SIZE, -1, SHA), Optional.of(stats),
            List.of(new Sample(100_000_000, 50_000_000), new Sample(350_000_000, SIZE)),
            List.of(new EndpointEvent.Window(100_000_000, stats)), Optional.of("a->b: fine\nb->a: fine"));
    }

    static TransferResult rudp() {
        return new TransferResult("rudp", SIZE, SHA, Duration.ofMillis(1600), 1_000_000_000, 990_000_000,
            new Verdict(SIZE, -1, "f".repeat(64)),
            Optional.of(new TransportStats("cubic", 4_730_000, 219_000, 80_000_000, SIZE, 0)), List.of(), List.of(),
            Optional.empty());
    }

    @Test
    void oneAlignedRowPerTransportThenTheRatiosAndFootnotes() {
        assertEquals("""
            transport  congestion    time      goodput        retransmitted     sRTT  min RTT  CPU snd+rcv  CPU/byte  verified
            tcp        bbr         400 ms  5.37 Gbit/s  110.4 KiB (0.0421%)   101 us  6.00 us       330 ms   1.23 ns  yes
            rudp       cubic       1.60 s  1.34 Gbit/s             0 B (0%)  4.73 ms   219 us       1.99 s   7.41 ns  NO: SHA-256 of the bytes received is ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff, of the bytes sent 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            rudp/tcp                4.00x        0.25x                                               6.03x     6.03x
              verified: each receiver compared every byte with the pattern and its SHA-256 with the sender's (0123456789abcdef...)
              retransmitted, RTT, congestion: the sender's connection at the end (rudp: its stats; TCP: the kernel's tcp_info)
              CPU: user+system time of the sender and receiver processes (JVM included); kernel softirq work is only partly charged to them
            """, ResultTable.format(List.of(tcp(), rudp())));
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
    void windowSamplesGoToTheirOwnCsv() {
        assertEquals("""
            transport,elapsed_s,cwnd_bytes,srtt_ms,min_rtt_ms,bytes_sent,bytes_retransmitted
            tcp,0.100,1000000,0.101,0.006,268548456,113000
            """, ReportFiles.windowsCsv(List.of(tcp(), rudp())));
    }

    @Test
    void resultsJsonHoldsTheNumbersAndTheSamples() {
        String json = ReportFiles.resultsJson("loopback", List.of(tcp()));
        assertEquals("{\"path\":\"loopback\",\"samples_format\":\"[elapsed_ns since the receiver accepted, verified bytes received]\","
            + "\"transfers\":[{\"transport\":\"tcp\",\"size_bytes\":268435456,\"wall_ns\":400000000,"
            + "\"throughput_bits_per_s\":5.36870912E9,\"sender_cpu_ns\":130000000,\"receiver_cpu_ns\":200000000,"
            + "\"cpu_ns_per_byte\":1.2293457984924316,\"verified\":true,\"bytes_received\":268435456,\"first_mismatch\":-1,"
            + "\"sent_sha256\":\"" + SHA + "\",\"received_sha256\":\"" + SHA + "\","
            + "\"sender_at_end\":{\"elapsed_ns\":400000000,\"congestion_control\":\"bbr\",\"srtt_ns\":101000,\"min_rtt_ns\":6000,\"cwnd_bytes\":1000000,"
            + "\"bytes_sent\":268548456,\"bytes_retransmitted\":113000},"
            + "\"samples\":[[100000000,50000000],[350000000,268435456]],"
            + "\"windows\":[{\"elapsed_ns\":100000000,\"congestion_control\":\"bbr\",\"srtt_ns\":101000,\"min_rtt_ns\":6000,"
            + "\"cwnd_bytes\":1000000,\"bytes_sent\":268548456,\"bytes_retransmitted\":113000}],\"link\":[\"a->b: fine\",\"b->a: fine\"]}]}", json);
    }
}
