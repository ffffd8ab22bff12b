package org.sightline.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.sightline.core.CustomerActions;

/** Subscribes a customer to a product, or changes the subscription's status. */
@Service
@Command(scope = "sightline", name = "subscribe", description = "Subscribe a customer to a product, or change the subscription's status")
public class SubscribeCommand implements Action {

    @Reference
    CustomerActions customers;

    @Argument(index = 0, name = "customer", required = true, description = "Customer id")
    long customer;

    @Argument(index = 1, name = "product", required = true, description = "Product id, e.g. sms")
    String product;

    @Argument(index = 2, name = "status", description = "active (default), trial, expired, not-started, partially-started, suspended")
    @Completion(value = StringsCompleter.class, values = {"active", "trial", "expired", "not-started", "partially-started", "suspended"})
    String status = "active";

    @Override
    public Object execute() {
        customers.subscribeAsOperator(Operator.viewer(), customer, product, status);
        System.out.println("Customer " + customer + " subscribes to " + product + " (" + status + ")");
        return null;
    }
}
