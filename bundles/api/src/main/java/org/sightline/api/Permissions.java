package org.sightline.api;

/**
 * Well-known permission names. A widget names the permission it needs in its descriptor; the core
 * shows the widget only to viewers holding it.
 */
public final class Permissions {
    /** Read a customer's dashboard and widgets. Every portal role holds it. */
    public static final String CUSTOMER_READ = "customer.read";
    /** Act on a customer: pin, edit, add services, generate reports. Not held by viewers. */
    public static final String CUSTOMER_ACT = "customer.act";
    /** Read usage logs (SMS, Voice, Video, Messaging Apps). */
    public static final String USAGE_READ = "usage.read";
    /** Operate the server: registry health, product administration. */
    public static final String ADMIN = "server.admin";
    /** Send records to {@code /api/v1/ingest/{product}}. Held by ingestion tokens. */
    public static final String INGEST = "ingest";

    private Permissions() {
    }
}
