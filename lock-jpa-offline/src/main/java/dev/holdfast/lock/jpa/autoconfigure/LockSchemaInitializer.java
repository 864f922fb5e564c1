package dev.holdfast.lock.jpa.autoconfigure;

import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.PropertiesBasedDataSourceScriptDatabaseInitializer;

/**
 * Creates Holdfast's lock tables from {@code schema-<platform>.sql} according to {@code holdfast.jdbc.*}. Being a
 * {@code DataSourceScriptDatabaseInitializer}, it runs before JPA and before beans that depend on database
 * initialisation.
 */
public class LockSchemaInitializer extends PropertiesBasedDataSourceScriptDatabaseInitializer<HoldfastJdbcProperties> {

    /**
     * Create the initializer.
     *
     * @param dataSource the database
     * @param properties the initialisation settings
     */
    public LockSchemaInitializer(DataSource dataSource, HoldfastJdbcProperties properties) {
        super(dataSource, properties, Map.of(DatabaseDriver.MARIADB, "mysql"));
    }
}
