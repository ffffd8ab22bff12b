package org.sightline.api.data;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ConsumerType;
import org.sightline.api.CustomerRef;

/**
 * A module that stores data about customers. When a partner disconnects a customer, the core calls
 * every owner inside one transaction, then deletes its own rows: all of it is deleted or none.
 */
@ConsumerType
public interface CustomerDataOwner {

    /** The module id, as recorded in the audit log. */
    String module();

    /**
     * Deletes everything the module stores about the customer.
     *
     * @param customer    the customer being disconnected
     * @param transaction connections in the core's transaction; do not commit or roll back
     * @throws Exception to abort the whole disconnection
     */
    void deleteCustomerData(CustomerRef customer, DataSource transaction) throws Exception;
}
