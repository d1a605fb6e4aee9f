package net.rudp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;

/**
 * The library as a Java module, the way an application on the module path meets it (the other
 * tests use the class path): it exports the API packages only (the sockets, what they show of a
 * connection, the tracer and the capture writer), and it resolves with nothing but
 * the dependencies it declares.
 */
class LibraryModuleTest {

    @Test
    void theModuleExportsTheApiAndNothingElse() throws Exception {
        ModuleDescriptor module = ModuleFinder.of(locationOf(RudpSocket.class)).find("net.rudp").orElseThrow().descriptor();
        assertEquals(Set.of("net.rudp", "net.rudp.api", "net.rudp.capture", "net.rudp.trace"),
            module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(module.packages().containsAll(Set.of("net.rudp.core", "net.rudp.io", "net.rudp.wire")),
            "the internals are in the module, not exported: " + module.packages());
        assertFalse(module.packages().contains("net.rudp.impair"), "the impairment relay is not in the library");
    }

    @Test
    void anApplicationOnTheModulePathMakesRudpSockets() throws Exception {
        ModuleFinder modulePath = ModuleFinder.of(locationOf(RudpSocket.class),
            locationOf(org.slf4j.LoggerFactory.class), locationOf(org.bouncycastle.jce.provider.BouncyCastleProvider.class));
        Configuration resolved = ModuleLayer.boot().configuration().resolve(modulePath, ModuleFinder.of(), Set.of("net.rudp"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(resolved, ClassLoader.getPlatformClassLoader());
        Module rudp = layer.findModule("net.rudp").orElseThrow();
        SocketFactory factory = (SocketFactory) layer.findLoader("net.rudp").loadClass("net.rudp.api.RudpSocketFactory")
            .getConstructor().newInstance();
        try (Socket s = factory.createSocket()) {
            assertSame(rudp, s.getClass().getModule());
        }
        assertFalse(rudp.isExported("net.rudp.core"), "the core is internal");
        assertFalse(rudp.isExported("net.rudp.io"), "the driver is internal");
    }

    private static Path locationOf(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
