package org.sightline.core.internal.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.sightline.core.InvalidParameterException;
import org.sightline.core.StaffDirectory;
import org.sightline.core.internal.storage.Jdbc;

/**
 * The tenancy package's statements on who is assigned to what ({@code staff_customer}, {@code staff_group}) and on
 * partners, for the staff directory: an assignment stays inside the user's partner (which the staff directory
 * passes, since it owns the users), checked in the statement itself.
 * The caller (the staff directory) announces the change so that what users may see is derived again.
 */
public final class StaffAssignments {
    private final DataSource ds;

    private StaffAssignments(DataSource ds) {
        this.ds = ds;
    }

    public static StaffAssignments on(DataSource ds) {
        return new StaffAssignments(ds);
    }

    /**
     * Assigns a user of the partner to one of the partner's customers.
     *
     * @param partnerId the user's partner, as the staff directory knows it
     * @throws InvalidParameterException when the partner has no such customer
     */
    public void assignCustomer(long partnerId, long staffId, long customerId) {
        assign("INSERT INTO staff_customer (staff_id, customer_id) SELECT ?, c.id FROM customer c WHERE c.id = ? "
                + "AND c.partner_id = ? AND NOT EXISTS (SELECT 1 FROM staff_customer x WHERE x.staff_id = ? "
                + "AND x.customer_id = c.id)",
                "SELECT 1 FROM staff_customer WHERE staff_id = ? AND customer_id = ?", partnerId, staffId, customerId, "customer");
    }

    /**
     * Assigns a user of the partner to one of the partner's customer groups.
     *
     * @param partnerId the user's partner, as the staff directory knows it
     * @throws InvalidParameterException when the partner has no such group
     */
    public void assignGroup(long partnerId, long staffId, long groupId) {
        assign("INSERT INTO staff_group (staff_id, group_id) SELECT ?, g.id FROM customer_group g WHERE g.id = ? "
                + "AND g.partner_id = ? AND NOT EXISTS (SELECT 1 FROM staff_group x WHERE x.staff_id = ? "
                + "AND x.group_id = g.id)",
                "SELECT 1 FROM staff_group WHERE staff_id = ? AND group_id = ?", partnerId, staffId, groupId, "group");
    }

    /** Ends an assignment to a customer; whether there was one. */
    public boolean unassignCustomer(long staffId, long customerId) {
        return Jdbc.update(ds, "DELETE FROM staff_customer WHERE staff_id = ? AND customer_id = ?", List.of(staffId, customerId)) > 0;
    }

    /** Ends an assignment to a group; whether there was one. */
    public boolean unassignGroup(long staffId, long groupId) {
        return Jdbc.update(ds, "DELETE FROM staff_group WHERE staff_id = ? AND group_id = ?", List.of(staffId, groupId)) > 0;
    }

    /** The user's direct assignments. */
    public StaffDirectory.Assignments of(long staffId) {
        return new StaffDirectory.Assignments(
                Jdbc.list(ds, "SELECT customer_id FROM staff_customer WHERE staff_id = ? ORDER BY customer_id",
                        List.of(staffId), rs -> rs.getLong(1)),
                Jdbc.list(ds, "SELECT group_id FROM staff_group WHERE staff_id = ? ORDER BY group_id",
                        List.of(staffId), rs -> rs.getLong(1)));
    }

    private void assign(String insert, String exists, long partnerId, long staffId, long otherId, String what) {
        try (Connection c = ds.getConnection()) {
            if (Jdbc.update(c, insert, List.of(staffId, otherId, partnerId, staffId)) == 0
                    && Jdbc.list(c, exists, List.of(staffId, otherId), rs -> 1).isEmpty()) {
                throw new InvalidParameterException(what, "no " + what + " " + otherId + " in the partner of user " + staffId);
            }
        } catch (SQLException e) {
            throw Jdbc.failure("cannot assign", e);
        }
    }
}
