package org.sightline.web.internal.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

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
                               Boolean billingSend, List<String> billingRecipients, String billingProfile) {
    }

    /** {@code POST /api/v1/customers}: an edit's fields and the account id. */
    public record CustomerCreate(String accountId, String name, String currency, String environmentUrl,
                                 Boolean accessEnabled, Boolean billingSend, List<String> billingRecipients,
                                 String billingProfile) {
    }

    /** A service to add ({@code POST /api/v1/customers/{id}/subscriptions}); dates as {@code 2026-11-21}. */
    public record SubscriptionAdd(String productId, String status, String startsOn, String endsOn, Long quantity,
                                  Long quota) {
    }

    /** {@code PATCH /api/v1/customers/{id}/subscriptions/{productId}}; dates as {@code 2026-11-21}. */
    public record SubscriptionEdit(String status, String startsOn, String endsOn, Long quantity, Long quota) {
    }
}
