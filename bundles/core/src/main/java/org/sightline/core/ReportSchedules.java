package org.sightline.core;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Viewer;

/**
 * Scheduled reports of the caller's partner, managed by partner admins ({@link Roles#PARTNER_ADMIN}); audited
 * ({@code report.schedule.create}, {@code .delete}). Each run is recorded as report activity per customer with its
 * recipients and outcome, and runs once per period however often the scheduler wakes.
 *
 * @since 3.2
 */
@ProviderType
public interface ReportSchedules {

    /** The partner's schedules. @throws ForbiddenException without {@link Roles#PARTNER_ADMIN} */
    List<ReportSchedule> list(Viewer viewer);

    /**
     * Creates a schedule.
     *
     * @throws InvalidParameterException naming the field (unknown cadence, no customers, bad address...)
     * @throws NotFoundException         when the template or a customer is not the partner's
     */
    ReportSchedule create(Viewer viewer, ReportSchedule schedule);

    /** Deletes a schedule. @throws NotFoundException when it is not the partner's */
    void delete(Viewer viewer, long scheduleId);
}
