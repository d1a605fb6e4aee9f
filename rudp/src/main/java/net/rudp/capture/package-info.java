/**
 * Packet capture: writes the datagrams an endpoint sends and receives to pcapng files that
 * Wireshark and tshark open, with the rudp dissector of {@code spec/wireshark/}.
 *
 * <p>{@link net.rudp.capture.DatagramCapture} is the entry point: one call per datagram, with the
 * addresses and a timestamp the caller supplies (the capture reads no clock), and a bounded total
 * size ({@link net.rudp.capture.CaptureLimits}). {@link net.rudp.capture.PcapngWriter} encodes the
 * blocks; {@link net.rudp.capture.IpUdpHeaders} synthesizes the IPv4 or IPv6 and UDP headers a
 * capture tool expects in front of a UDP payload.
 */
package net.rudp.capture;
