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
 * partners, for the staff directory: an assignment stays inside the user's partner, checked in the statement itself.
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

    /** Whether the partner exists. */
    public boolean partnerExists(long partnerId) {
        return Jdbc.one(ds, "SELECT 1 FROM partner WHERE id = ?", List.of(partnerId), rs -> 1).isPresent();
    }

    /** Assigns the user to a customer of the user's partner. @throws InvalidParameterException when there is none such */
    public void assignCustomer(long staffId, long customerId) {
        assign("INSERT INTO staff_customer (staff_id, customer_id) SELECT u.id, c.id FROM staff_user u JOIN customer c "
                + "ON c.partner_id = u.partner_id WHERE u.id = ? AND c.id = ? AND NOT EXISTS (SELECT 1 FROM staff_customer x "
                + "WHERE x.staff_id = u.id AND x.customer_id = c.id)",
                "SELECT 1 FROM staff_customer WHERE staff_id = ? AND customer_id = ?", staffId, customerId, "customer");
    }

    /** Assigns the user to a customer group of the user's partner. @throws InvalidParameterException when there is none such */
    public void assignGroup(long staffId, long groupId) {
        assign("INSERT INTO staff_group (staff_id, group_id) SELECT u.id, g.id FROM staff_user u JOIN customer_group g "
                + "ON g.partner_id = u.partner_id WHERE u.id = ? AND g.id = ? AND NOT EXISTS (SELECT 1 FROM staff_group x "
                + "WHERE x.staff_id = u.id AND x.group_id = g.id)",
                "SELECT 1 FROM staff_group WHERE staff_id = ? AND group_id = ?", staffId, groupId, "group");
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

    private void assign(String insert, String exists, long staffId, long otherId, String what) {
        try (Connection c = ds.getConnection()) {
            if (Jdbc.update(c, insert, List.of(staffId, otherId)) == 0
                    && Jdbc.list(c, exists, List.of(staffId, otherId), rs -> 1).isEmpty()) {
                throw new InvalidParameterException(what, "no " + what + " " + otherId + " in the partner of user " + staffId);
            }
        } catch (SQLException e) {
            throw Jdbc.failure("cannot assign", e);
        }
    }
}
