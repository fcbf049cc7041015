package org.backcheck.service.cdshooks;

import java.time.Clock;
import org.backcheck.guidance.Assessor;

/**
 * For benchmarks only: the hook call of {@link CdsHooksService} without HTTP or a bearer token, from
 * the request body to the response JSON. Lives in the service's package (in the bench module) so that
 * the service keeps {@code answer} package-private.
 */
public final class CdsHookCall {

    private final CdsHooksService service = new CdsHooksService(Assessor.standard(), Clock.systemDefaultZone());

    /** The response body for one request body, as {@code POST /cds-services/{id}} writes it. */
    public String answer(String hook, byte[] body, String baseUrl) {
        return CdsHooksService.write(service.answer(hook, body, baseUrl));
    }
}
