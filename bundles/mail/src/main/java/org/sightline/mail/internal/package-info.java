/** The SMTP transport of the core's mail outbox. Not exported. */
package org.sightline.mail.internal;
