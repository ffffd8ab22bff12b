package org.sightline.core.internal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.data.MigrationException;
import org.sightline.api.data.ModuleStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's database for the core and the modules: the pax-jdbc {@code DataSource} named
 * {@code sightline}, migrated for the core on activation. Point {@code etc/org.ops4j.datasource-sightline.cfg}
 * at PostgreSQL to move off the embedded H2.
 */
@Component(service = {ModuleStorage.class, CoreStorage.class})
public class CoreStorage implements ModuleStorage {
    private static final Logger LOG = LoggerFactory.getLogger(CoreStorage.class);
    private final DataSource dataSource;
    private final SqlMigrator migrator;
    private final Transactions transactions;

    @Activate
    public CoreStorage(@Reference(target = "(dataSourceName=sightline)") DataSource dataSource)
            throws MigrationException {
        this.dataSource = dataSource;
        this.migrator = new SqlMigrator(dataSource);
        this.transactions = new Transactions(dataSource);
        migrate("core", CoreStorage.class);
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    /** Transactions over the server's database. */
    public Transactions transactions() {
        return transactions;
    }

    @Override
    public void migrate(String module, Class<?> anchor) throws MigrationException {
        Bundle bundle = FrameworkUtil.getBundle(anchor);
        if (bundle == null) {
            throw new MigrationException("class " + anchor.getName() + " does not come from a bundle", null);
        }
        List<SqlMigrator.Script> scripts = new ArrayList<>();
        Enumeration<URL> entries = bundle.findEntries("db/migration/" + module, "*.sql", false);
        while (entries != null && entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String path = url.getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            try (InputStream in = url.openStream()) {
                SqlMigrator.Script s = SqlMigrator.script(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (s == null) {
                    throw new MigrationException("migration file " + path + " in " + bundle.getSymbolicName()
                            + " is not named V<n>__<description>.sql", null);
                }
                scripts.add(s);
            } catch (IOException e) {
                throw new MigrationException("cannot read " + path + " from " + bundle.getSymbolicName(), e);
            }
        }
        int ran = migrator.migrate(module, scripts);
        if (ran > 0) {
            LOG.info("Applied {} migration(s) of module {} from {} {}", ran, module, bundle.getSymbolicName(),
                    bundle.getVersion());
        }
    }
}
