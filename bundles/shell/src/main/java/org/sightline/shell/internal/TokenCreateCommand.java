package org.sightline.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.sightline.core.Provisioning;
import org.sightline.core.TokenService;

/** Creates an API token for a partner and prints it once. */
@Service
@Command(scope = "sightline", name = "token-create", description = "Create an API token (ingestion or read-only) for a partner; the token is shown once")
public class TokenCreateCommand implements Action {

    @Reference
    Provisioning provisioning;

    @Argument(index = 0, name = "name", required = true, description = "What the token is for, e.g. 'sms backend'")
    String name;

    @Option(name = "-s", aliases = "--scope", description = "ingest (default) or read")
    @Completion(value = StringsCompleter.class, values = {"ingest", "read"})
    String scope = TokenService.SCOPE_INGEST;

    @Option(name = "-p", aliases = "--partner", description = "Partner id (default: the first partner)")
    Long partner;

    @Override
    public Object execute() {
        long partnerId = partner != null ? partner
                : provisioning.defaultPartner(Operator.viewer()).orElseThrow(() -> new IllegalStateException("no partner exists yet"));
        String secret = provisioning.createToken(Operator.viewer(), partnerId, name, scope).secret();
        System.out.println("Token for partner " + partnerId + " (" + scope + "), shown only now:");
        System.out.println(secret);
        return null;
    }
}
