package com.partnersync.warehouse;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Before migrating: makes sure the role partner_sync_reader exists, so the migrations themselves never need CREATEROLE.
 * The migrating user creates it when it may; otherwise start-up stops with the one statement an administrator must run.
 * (What the role may read is granted after every migrate by db/migration/afterMigrate__reader_grants.sql.)
 */
public class ReaderRoleCallback implements Callback {
    public static final String ROLE = "partner_sync_reader";
    public static final String CREATE_ROLE = "CREATE ROLE " + ROLE + " NOLOGIN;";

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        try (Statement s = connection.createStatement()) {
            if (exists(s, "select 1 from pg_roles where rolname = '" + ROLE + "'")) {
                return;
            }
            if (!exists(s, "select 1 from pg_roles where rolname = current_user and (rolcreaterole or rolsuper)")) {
                throw new ReaderRoleMissingException("The database user '" + connection.getMetaData().getUserName()
                        + "' may not create roles and role " + ROLE + " does not exist: an administrator must run once, "
                        + "in this PostgreSQL server: " + CREATE_ROLE);
            }
            s.execute("create role " + ROLE + " nologin");
        } catch (SQLException e) {
            throw new IllegalStateException("could not check or create the role " + ROLE, e);
        }
    }

    @Override
    public String getCallbackName() {
        return "reader-role";
    }

    private static boolean exists(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    /** Start-up cannot go on until an administrator creates the role; the message says exactly what to run. */
    public static class ReaderRoleMissingException extends RuntimeException {
        public ReaderRoleMissingException(String message) {
            super(message);
        }
    }
}
