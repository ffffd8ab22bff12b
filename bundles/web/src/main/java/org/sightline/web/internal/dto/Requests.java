package org.sightline.web.internal.dto;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/** Request bodies. Every field may be absent ({@code null}); the resources say which are required. */
public final class Requests {
    private Requests() {
    }

    /**
     * {@code POST /api/v1/session}. Other fields are ignored here, as sign-in always did (a login form may send
     * more than these).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SignIn(String username, String password) {
    }

    /** {@code POST …/widgets/{widgetId}/actions/{actionId}}: the typed confirmation, when the action asks for one. */
    public record Action(String confirm) {
    }

    /** {@code POST /api/v1/customers/{id}/disconnect}: {@code {"confirm": "Yes"}}. */
    public record Confirm(String confirm) {
    }

    /** {@code PUT /api/v1/customers/{id}/hide-expired}. */
    public record HideExpired(Boolean hide) {
    }

    /** {@code POST /api/v1/admin/tokens}. */
    public record TokenCreate(String name, String scope) {
    }

    /** {@code POST /api/v1/admin/users}. */
    public record StaffUserCreate(String username, String displayName, String role, String password) {
    }

    /** {@code PATCH /api/v1/customers/{id}}. */
    public record CustomerEdit(String name, String currency, String environmentUrl, Boolean accessEnabled,
                               Boolean billingSend, List<String> billingRecipients, String billingProfile,
                               Boolean reportSend, List<String> reportRecipients) {
    }

    /** {@code POST /api/v1/customers}: an edit's fields and the account id. */
    public record CustomerCreate(String accountId, String name, String currency, String environmentUrl,
                                 Boolean accessEnabled, Boolean billingSend, List<String> billingRecipients,
                                 String billingProfile, Boolean reportSend, List<String> reportRecipients) {
    }

    /** {@code POST /api/v1/report-templates}, {@code PUT /api/v1/report-templates/{id}}. */
    public record ReportTemplate(String name, List<String> sections, List<String> widgets, String range,
                                 List<Long> customerIds, String branding) {
    }

    /** {@code POST /api/v1/customers/{id}/reports}: the template and who receives the report. */
    public record GenerateReport(Long templateId, List<Long> staffIds, List<String> addresses) {
    }

    /** {@code POST /api/v1/customers/{id}/billing-reports}: the month, such as {@code 2026-11}. */
    public record BillingReport(String month) {
    }

    /** {@code POST /api/v1/report-schedules}. */
    public record ReportSchedule(Long templateId, String cadence, List<Long> customerIds, List<Long> staffIds,
                                 List<String> addresses) {
    }

    /** A service to add ({@code POST /api/v1/customers/{id}/subscriptions}); dates as {@code 2026-11-21}. */
    public record SubscriptionAdd(String productId, String status, String startsOn, String endsOn, Long quantity,
                                  Long quota) {
    }

    /**
     * {@code POST /api/v1/customers/{id}/subscriptions}: the services to add, as {@code {"services": [...]}} (as
     * documented), as a bare list of services, or as one service's fields (the web page's form).
     *
     * @param services the services of the first two shapes, or {@code null}
     * @param service  the one service of the third shape, or {@code null}
     */
    @JsonDeserialize(using = SubscriptionsAdd.Shapes.class)
    public record SubscriptionsAdd(SubscriptionAdd[] services, SubscriptionAdd service) {

        /** The object shape: {@code {"services": [...]}}, or one service's fields. */
        record Fields(SubscriptionAdd[] services, String productId, String status, String startsOn, String endsOn,
                      Long quantity, Long quota) {
        }

        /** Binds a list to {@code SubscriptionAdd[]} and an object to {@link Fields}, each as strictly as any body. */
        static final class Shapes extends StdDeserializer<SubscriptionsAdd> {
            private static final long serialVersionUID = 1L;

            Shapes() {
                super(SubscriptionsAdd.class);
            }

            @Override
            public SubscriptionsAdd deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.isExpectedStartArrayToken()) {
                    return new SubscriptionsAdd(ctxt.readValue(p, SubscriptionAdd[].class), null);
                }
                Fields f = ctxt.readValue(p, Fields.class);
                boolean fields = f.productId() != null || f.status() != null || f.startsOn() != null || f.endsOn() != null
                        || f.quantity() != null || f.quota() != null;
                return new SubscriptionsAdd(f.services(), f.services() == null || fields
                        ? new SubscriptionAdd(f.productId(), f.status(), f.startsOn(), f.endsOn(), f.quantity(), f.quota()) : null);
            }
        }
    }

    /** {@code PATCH /api/v1/customers/{id}/subscriptions/{productId}}; dates as {@code 2026-11-21}. */
    public record SubscriptionEdit(String status, String startsOn, String endsOn, Long quantity, Long quota) {
    }
}
