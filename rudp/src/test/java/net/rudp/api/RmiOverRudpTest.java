package net.rudp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.Random;
import net.rudp.CongestionControl;
import net.rudp.ConnectionConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Java RMI over rudp: a registry and a remote object exported with the rudp RMI socket
 * factories, looked up and called from a client (in the same JVM, through the network stack:
 * RMI's stubs connect with the client factory they carry).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RmiOverRudpTest {

    /** The remote interface: arguments and results cross the connection serialized. */
    public interface Calculator extends Remote {
        int add(int a, int b) throws RemoteException;

        byte[] reverse(byte[] bytes) throws RemoteException;
    }

    private static final class Reverser implements Calculator {
        @Override
        public int add(int a, int b) {
            return a + b;
        }

        @Override
        public byte[] reverse(byte[] bytes) {
            byte[] r = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) r[i] = bytes[bytes.length - 1 - i];
            return r;
        }
    }

    @BeforeAll
    static void stubsNameLoopback() {
        // The host name RMI writes into stubs (default: this machine's address): traffic stays on loopback.
        System.setProperty("java.rmi.server.hostname", InetAddress.getLoopbackAddress().getHostAddress());
    }

    @Test
    void aRemoteObjectExportedWithRudpFactoriesIsCalledOverRudp() throws Exception {
        RudpRmiClientSocketFactory csf = new RudpRmiClientSocketFactory();
        RudpRmiServerSocketFactory ssf = new RudpRmiServerSocketFactory();
        Reverser object = new Reverser();
        int port = freeUdpPort();
        Registry registry = LocateRegistry.createRegistry(port, csf, ssf);
        try {
            registry.rebind("calculator", UnicastRemoteObject.exportObject(object, 0, csf, ssf));
            Calculator remote = (Calculator) LocateRegistry.getRegistry("127.0.0.1", port, csf).lookup("calculator");
            assertEquals(5, remote.add(2, 3));
            byte[] bytes = new byte[1 << 20];
            new Random(7).nextBytes(bytes);
            assertArrayEquals(object.reverse(bytes), remote.reverse(bytes));
            // Nothing listens for kernel TCP there: the calls went over rudp.
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        } finally {
            UnicastRemoteObject.unexportObject(object, true);
            UnicastRemoteObject.unexportObject(registry, true);
        }
    }

    @Test
    void factoriesAreEqualByConfigurationAndSurviveSerialization() throws Exception {
        ConnectionConfig cubic = ConnectionConfig.DEFAULT.withCongestionControl(CongestionControl.CUBIC);
        assertEquals(new RudpRmiClientSocketFactory(), new RudpRmiClientSocketFactory());
        assertEquals(new RudpRmiClientSocketFactory().hashCode(), new RudpRmiClientSocketFactory().hashCode());
        assertNotEquals(new RudpRmiClientSocketFactory(), new RudpRmiClientSocketFactory(cubic));
        assertEquals(new RudpRmiServerSocketFactory(cubic), new RudpRmiServerSocketFactory(cubic));
        assertNotEquals(new RudpRmiServerSocketFactory(), new RudpRmiServerSocketFactory(cubic));
        // RMI sends the client factory to callers inside each stub.
        RudpRmiClientSocketFactory sent = new RudpRmiClientSocketFactory(cubic);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(sent);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(sent, in.readObject());
        }
    }

    /** A UDP port free a moment ago: the registry must be created on a known port to be looked up. */
    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
