/**
 * rudp as sockets: {@link net.rudp.api.RudpServerSocket} and {@link net.rudp.api.RudpSocket}
 * (shaped like {@code java.net.ServerSocket} and {@code Socket}), and
 * {@link net.rudp.api.MessageFraming}, length-prefixed messages over any stream.
 */
package net.rudp.api;
