package net.rudp.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

/**
 * The socket operations the parity suite needs, so each behaviour is written once and run
 * against kernel TCP and rudp. Everything binds to 127.0.0.1.
 */
interface TestTransport {

    /** A listening socket. */
    interface Server extends Closeable {
        InetSocketAddress address();

        Client accept() throws IOException;

        void setSoTimeout(int millis) throws IOException;
    }

    /** A connected socket. */
    interface Client extends Closeable {
        InputStream in() throws IOException;

        OutputStream out() throws IOException;

        void setSoTimeout(int millis) throws IOException;

        void shutdownOutput() throws IOException;

        void shutdownInput() throws IOException;

        /** Close with linger 0: the peer sees a reset. */
        void abort() throws IOException;

        boolean isConnected();

        boolean isClosed();
    }

    InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    static List<TestTransport> both() {
        return List.of(new Tcp(), new Rudp());
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port). */
    Server listen(int port, int backlog) throws IOException;

    Client connect(InetSocketAddress to, int timeoutMillis) throws IOException;

    /** A loopback address where nothing of this transport listens. */
    InetSocketAddress unusedAddress() throws IOException;

    /** Kernel TCP through java.net. */
    final class Tcp implements TestTransport {
        @Override
        public Server listen(int port, int backlog) throws IOException {
            ServerSocket s = new ServerSocket(port, backlog, LOOPBACK); // SO_REUSEADDR is on by default on Linux
            return new Server() {
                public InetSocketAddress address() { return (InetSocketAddress) s.getLocalSocketAddress(); }
                public Client accept() throws IOException { return wrap(s.accept()); }
                public void setSoTimeout(int millis) throws IOException { s.setSoTimeout(millis); }
                public void close() throws IOException { s.close(); }
            };
        }

        @Override
        public Client connect(InetSocketAddress to, int timeoutMillis) throws IOException {
            Socket s = new Socket();
            s.connect(to, timeoutMillis);
            return wrap(s);
        }

        @Override
        public InetSocketAddress unusedAddress() throws IOException {
            try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
                return (InetSocketAddress) s.getLocalSocketAddress();
            }
        }

        private static Client wrap(Socket s) {
            return new Client() {
                public InputStream in() throws IOException { return s.getInputStream(); }
                public OutputStream out() throws IOException { return s.getOutputStream(); }
                public void setSoTimeout(int millis) throws IOException { s.setSoTimeout(millis); }
                public void shutdownOutput() throws IOException { s.shutdownOutput(); }
                public void shutdownInput() throws IOException { s.shutdownInput(); }
                public void abort() throws IOException { s.setSoLinger(true, 0); s.close(); }
                public boolean isConnected() { return s.isConnected(); }
                public boolean isClosed() { return s.isClosed(); }
                public void close() throws IOException { s.close(); }
            };
        }

        @Override
        public String toString() {
            return "tcp";
        }
    }

    /** rudp through net.rudp.api. */
    final class Rudp implements TestTransport {
        @Override
        public Server listen(int port, int backlog) throws IOException {
            RudpServerSocket s = new RudpServerSocket(port, backlog, LOOPBACK);
            return new Server() {
                public InetSocketAddress address() { return (InetSocketAddress) s.getLocalSocketAddress(); }
                public Client accept() throws IOException { return wrap(s.accept()); }
                public void setSoTimeout(int millis) throws IOException { s.setSoTimeout(millis); }
                public void close() { s.close(); }
            };
        }

        @Override
        public Client connect(InetSocketAddress to, int timeoutMillis) throws IOException {
            RudpSocket s = new RudpSocket();
            s.connect(to, timeoutMillis);
            return wrap(s);
        }

        @Override
        public InetSocketAddress unusedAddress() throws IOException {
            try (DatagramSocket s = new DatagramSocket(0, LOOPBACK)) {
                return (InetSocketAddress) s.getLocalSocketAddress();
            }
        }

        static Client wrap(RudpSocket s) {
            return new Client() {
                public InputStream in() throws IOException { return s.getInputStream(); }
                public OutputStream out() throws IOException { return s.getOutputStream(); }
                public void setSoTimeout(int millis) throws IOException { s.setSoTimeout(millis); }
                public void shutdownOutput() throws IOException { s.shutdownOutput(); }
                public void shutdownInput() throws IOException { s.shutdownInput(); }
                public void abort() { s.abort(); }
                public boolean isConnected() { return s.isConnected(); }
                public boolean isClosed() { return s.isClosed(); }
                public void close() throws IOException { s.close(); }
            };
        }

        @Override
        public String toString() {
            return "rudp";
        }
    }
}
