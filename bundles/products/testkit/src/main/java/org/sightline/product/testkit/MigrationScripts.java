package org.sightline.product.testkit;

import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.sightline.api.data.MigrationException;

/**
 * A module's migration scripts run on a test database as the core runs them: the scripts of
 * {@code db/migration/<module>} beside the anchor class, in version order ({@code V<n>__name.sql}), a statement per
 * semicolon that ends a line, {@code --} comment lines dropped. {@link TestStorage} runs them on its H2 database; a
 * test database of another kind (PostgreSQL, say) can run them the same way.
 */
public final class MigrationScripts {
    private MigrationScripts() {
    }

    /**
     * Runs every script of the module on the database, oldest first.
     *
     * @param dataSource the test database, in auto-commit mode
     * @param module     the module's migration folder name under {@code db/migration}
     * @param anchor     a class loaded with the scripts: from the module's {@code target/classes}, or its jar when
     *                   the module is a test-scope dependency
     * @throws MigrationException when the scripts cannot be found, read or run
     */
    public static void run(DataSource dataSource, String module, Class<?> anchor) throws MigrationException {
        try {
            URL dir = anchor.getClassLoader().getResource("db/migration/" + module);
            if (dir == null) {
                throw new IllegalArgumentException("no db/migration/" + module + " beside " + anchor.getName());
            }
            URI uri = dir.toURI();
            try (FileSystem jar = "jar".equals(uri.getScheme()) ? FileSystems.newFileSystem(uri, Map.of()) : null) {
                Path folder = jar == null ? Path.of(uri) : jar.provider().getPath(uri);
                Map<Integer, Path> scripts = new TreeMap<>();
                try (Stream<Path> list = Files.list(folder)) {
                    list.forEach(f -> {
                        String name = f.getFileName().toString();
                        scripts.put(Integer.parseInt(name.substring(1, name.indexOf("__"))), f);
                    });
                }
                try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                    for (Path f : scripts.values()) {
                        StringBuilder statement = new StringBuilder();
                        for (String line : Files.readAllLines(f)) {
                            String t = line.strip();
                            if (t.isEmpty() || t.startsWith("--")) {
                                continue;
                            }
                            statement.append(line).append('\n');
                            if (t.endsWith(";")) {
                                st.execute(statement.substring(0, statement.lastIndexOf(";")));
                                statement.setLength(0);
                            }
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new MigrationException("test migration of " + module + " failed", e);
        }
    }
}
