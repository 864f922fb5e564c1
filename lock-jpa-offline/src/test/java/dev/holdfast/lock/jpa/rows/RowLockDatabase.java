package dev.holdfast.lock.jpa.rows;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.lock.jdbc.internal.Database;
import dev.holdfast.lock.test.services.JdbcService;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

/** A real database for row-lock tests: a small pool, a persistence unit with the test entities, and raw connections. */
final class RowLockDatabase implements AutoCloseable {

    final JdbcService service;

    final HikariDataSource dataSource;

    final EntityManagerFactory entityManagerFactory;

    final JpaTransactionManager transactionManager;

    final JdbcTemplate jdbcTemplate;

    RowLockDatabase(JdbcService service, String initSql) {
        this.service = service;
        this.dataSource = new HikariDataSource();
        this.dataSource.setJdbcUrl(service.url());
        this.dataSource.setUsername(service.username());
        this.dataSource.setPassword(service.password());
        this.dataSource.setMaximumPoolSize(6);
        this.dataSource.setConnectionInitSql(initSql);
        this.jdbcTemplate = new JdbcTemplate(this.dataSource);
        for (String table : List.of("hf_rows_account", "hf_rows_branch", "hf_rows_scratch")) {
            this.jdbcTemplate.execute("DROP TABLE IF EXISTS " + table);
        }
        this.jdbcTemplate.execute("CREATE TABLE hf_rows_account (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)");
        this.jdbcTemplate.execute("CREATE TABLE hf_rows_branch (code VARCHAR(20) PRIMARY KEY)");
        this.jdbcTemplate.execute("CREATE TABLE hf_rows_scratch (id INT PRIMARY KEY, note VARCHAR(100))");
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setDataSource(this.dataSource);
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        factory.setManagedTypes(PersistenceManagedTypes.of(Account.class.getName(), Branch.class.getName()));
        factory.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "none"));
        factory.afterPropertiesSet();
        this.entityManagerFactory = factory.getObject();
        this.transactionManager = new JpaTransactionManager(this.entityManagerFactory);
    }

    /** Return how row locks classify this database's failures. */
    RowLockFailures failures() {
        return new RowLockFailures(() -> Database.of(this.dataSource));
    }

    void resetAccounts(long... balances) {
        this.jdbcTemplate.update("DELETE FROM hf_rows_account");
        this.jdbcTemplate.update("DELETE FROM hf_rows_branch");
        this.jdbcTemplate.update("DELETE FROM hf_rows_scratch");
        for (int i = 0; i < balances.length; i++) {
            this.jdbcTemplate.update("INSERT INTO hf_rows_account (id, balance) VALUES (?, ?)", i + 1, balances[i]);
        }
    }

    long balance(long id) {
        return this.jdbcTemplate.queryForObject("SELECT balance FROM hf_rows_account WHERE id = ?", Long.class, id);
    }

    /** A connection outside the pool, in a transaction, with the given session settings. */
    Connection rawConnection(String... settings) throws SQLException {
        Connection connection =
                DriverManager.getConnection(this.service.url(), this.service.username(), this.service.password());
        try (Statement statement = connection.createStatement()) {
            for (String setting : settings) {
                statement.execute(setting);
            }
        }
        connection.setAutoCommit(false);
        return connection;
    }

    static void lockAccount(Connection connection, long id) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement
                    .executeQuery("SELECT id FROM hf_rows_account WHERE id = " + id + " FOR UPDATE")
                    .close();
        }
    }

    @Override
    public void close() {
        this.entityManagerFactory.close();
        this.dataSource.close();
    }
}
