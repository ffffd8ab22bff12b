package org.sightline.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sightline.api.CustomerRef;
import org.sightline.core.Provisioning;

/** Creates a customer of a partner; prints its id. */
@Service
@Command(scope = "sightline", name = "customer-add", description = "Create a customer of a partner; prints its id")
public class CustomerAddCommand implements Action {

    @Reference
    Provisioning provisioning;

    @Option(name = "-p", aliases = "--partner", required = true, description = "The partner's id (sightline:partner-add prints it)")
    long partner;

    @Option(name = "-c", aliases = "--currency", description = "Billing currency, ISO 4217 (default EUR)")
    String currency = "EUR";

    @Argument(index = 0, name = "name", required = true, description = "The customer's name")
    String name;

    @Argument(index = 1, name = "accountId", required = true, description = "Account id, unique in the partner")
    String accountId;

    @Override
    public Object execute() {
        CustomerRef c = provisioning.createCustomer(Operator.viewer(), partner, accountId, name, currency, true);
        System.out.println("Created customer " + c.id() + " " + c.name() + " (" + c.accountId() + ") of partner " + partner);
        return null;
    }
}
