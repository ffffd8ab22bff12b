package org.sightline.core;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Viewer;

/**
 * Report templates of the caller's partner. Partner admins ({@link Roles#PARTNER_ADMIN}) create, edit and delete
 * them; staff who read customers list them. Another partner's template is a {@link NotFoundException}. Changes are
 * audited ({@code report.template.create}, {@code .edit}, {@code .delete}).
 *
 * @since 3.2
 */
@ProviderType
public interface ReportTemplates {

    /** The partner's templates, by name. @throws ForbiddenException without {@code customer.read} */
    List<ReportTemplate> list(Viewer viewer);

    /**
     * The templates "Generate report" offers on the customer: those for every customer and those naming it.
     *
     * @throws NotFoundException when the viewer may not see the customer
     */
    List<ReportTemplate> forCustomer(Viewer viewer, long customerId);

    /** One template. @throws NotFoundException when it is not the partner's */
    ReportTemplate get(Viewer viewer, long templateId);

    /**
     * Creates a template.
     *
     * @throws ForbiddenException        without {@link Roles#PARTNER_ADMIN}
     * @throws InvalidParameterException naming the field: no name, no sections or widgets, an unknown range or
     *                                   branding, a customer that is not the partner's
     * @throws ConflictException         when the partner has a template of that name
     */
    ReportTemplate create(Viewer viewer, ReportTemplate template);

    /** Replaces a template's fields; the same rules as {@link #create}. */
    ReportTemplate update(Viewer viewer, long templateId, ReportTemplate template);

    /** Deletes a template. @throws ConflictException while a schedule runs it */
    void delete(Viewer viewer, long templateId);
}
