package org.sightline.shell.internal;

import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.Provisioning;
import org.sightline.core.CustomerPage;
import org.sightline.core.CustomerQuery;
import org.sightline.core.CustomerSummary;
import org.sightline.core.Roles;

/** Searches a partner's customers, as the partner's admin sees them. */
@Service
@Command(scope = "sightline", name = "customers", description = "Search a partner's customers by name or account id")
public class CustomersCommand implements Action {

    @Reference
    CustomerDirectory customers;

    @Reference
    Provisioning provisioning;

    @Argument(index = 0, name = "search", description = "Text in the name or account id (case-insensitive)")
    String search;

    @Option(name = "-p", aliases = "--partner", description = "Partner id (default: the first partner)")
    Long partner;

    @Option(name = "--product", description = "Only customers subscribed to this product")
    String product;

    @Option(name = "--status", description = "Only customers with a subscription in this status")
    @Completion(value = StringsCompleter.class, values = {"active", "trial", "expired", "not-started", "partially-started", "suspended"})
    String status;

    @Option(name = "-s", aliases = "--sort", description = "name, -name, credits, -credits, accountId, -accountId")
    @Completion(value = StringsCompleter.class, values = {"name", "-name", "credits", "-credits", "accountId", "-accountId"})
    String sort = "name";

    @Option(name = "-n", aliases = "--limit", description = "Rows to show (1-500, default 50)")
    int limit = 50;

    @Override
    public Object execute() {
        long partnerId = partner != null ? partner
                : provisioning.defaultPartner(Operator.viewer()).orElseThrow(() -> new IllegalStateException("no partner exists yet"));
        Viewer operator = new Viewer("operator", partnerId, Set.of(Roles.ADMIN), Set.of(Permissions.CUSTOMER_READ));
        CustomerPage page = customers.list(operator, new CustomerQuery(search, product, status, null, false, sort, null,
                Math.max(1, Math.min(500, limit))));
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Account");
        table.column("Name");
        table.column("Currency");
        table.column("Credits").alignRight();
        table.column("Products");
        table.column("Staff");
        table.column("Access");
        for (CustomerSummary c : page.items()) {
            table.addRow().addContent(c.id(), c.accountId(), c.name(), c.currency(), c.credits().toPlainString(),
                    String.join(" ", c.products()),
                    String.join(" ", c.staff().stream().map(CustomerSummary.StaffRef::username).toList()),
                    c.accessEnabled() ? "enabled" : "disabled");
        }
        table.print(System.out);
        System.out.println(page.items().size() + " of " + page.total() + " customers");
        return null;
    }
}
