package org.sightline.core.internal.storage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.Before;
import org.junit.Test;
import org.sightline.api.data.MigrationException;

public class SqlMigratorTest {
    private JdbcDataSource ds;
    private SqlMigrator migrator;

    @Before
    public void setUp() {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        migrator = new SqlMigrator(ds);
    }

    @Test
    public void appliesScriptsInVersionOrderOnce() throws Exception {
        List<SqlMigrator.Script> scripts = List.of(
                SqlMigrator.script("V2__add_row.sql", "-- a comment\nINSERT INTO t (id) VALUES (1);"),
                SqlMigrator.script("V1__create.sql", "CREATE TABLE t (id INT);\nCREATE INDEX t_ix ON t (id);"));
        assertEquals(2, migrator.migrate("demo", scripts));
        assertEquals(0, migrator.migrate("demo", scripts));
        assertEquals(1, count("SELECT COUNT(*) FROM t"));
        assertEquals(2, count("SELECT COUNT(*) FROM sightline_schema_history WHERE module = 'demo'"));
    }

    @Test
    public void aChangedScriptIsRefused() throws Exception {
        migrator.migrate("demo", List.of(SqlMigrator.script("V1__create.sql", "CREATE TABLE t (id INT);")));
        try {
            migrator.migrate("demo", List.of(SqlMigrator.script("V1__create.sql", "CREATE TABLE t (id BIGINT);")));
            fail();
        } catch (MigrationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("was changed after it was applied"));
        }
    }

    @Test
    public void aFailingScriptIsNotRecordedAndNamesTheStatement() throws Exception {
        try {
            migrator.migrate("demo", List.of(SqlMigrator.script("V1__bad.sql", "CREATE TABLE t (id INT);\nINSERT INTO nope VALUES (1);")));
            fail();
        } catch (MigrationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("INSERT INTO nope"));
        }
        assertEquals(0, count("SELECT COUNT(*) FROM sightline_schema_history"));
    }

    @Test
    public void modulesAreIndependent() throws Exception {
        migrator.migrate("a", List.of(SqlMigrator.script("V1__x.sql", "CREATE TABLE a_t (id INT);")));
        migrator.migrate("b", List.of(SqlMigrator.script("V1__x.sql", "CREATE TABLE b_t (id INT);")));
        assertEquals(2, count("SELECT COUNT(*) FROM sightline_schema_history"));
    }

    @Test
    public void theCoreSchemaApplies() throws Exception {
        String sql = new String(getClass().getResourceAsStream("/db/migration/core/V1__tenancy.sql").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, migrator.migrate("core", List.of(SqlMigrator.script("V1__tenancy.sql", sql))));
    }

    private int count(String sql) throws Exception {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
