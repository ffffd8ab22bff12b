package org.sightline.product.voice;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.data.CustomerDataOwner;
import org.sightline.api.usage.UsageLog;

/** Deletes a disconnected customer's Voice records, roll-ups and prices. */
@Component(service = CustomerDataOwner.class)
public class VoiceDataOwner implements CustomerDataOwner {
    private final UsageLog usage;

    @Activate
    public VoiceDataOwner(@Reference UsageLog usage) {
        this.usage = usage;
    }

    @Override
    public String module() {
        return VoiceProduct.ID;
    }

    @Override
    public void deleteCustomerData(CustomerRef customer, DataSource transaction) throws Exception {
        usage.deleteCustomerData(customer, VoiceProduct.ID, transaction);
    }
}
