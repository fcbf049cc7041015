package org.backcheck.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.http.Context;
import org.backcheck.guidance.AssessmentRequest;
import org.backcheck.guidance.Assessor;
import org.backcheck.guidance.RedFlags;
import org.backcheck.guidance.SpaFeature;

/** The assessment API's handlers: the assessment itself and the two vocabularies the web page shows. */
final class AssessmentRoutes {

    private final Assessor assessor;
    private final String redFlagsJson;
    private final String spaFeaturesJson;

    AssessmentRoutes(Assessor assessor) {
        this.assessor = assessor;
        this.redFlagsJson = Json.write(AssessmentJson.toJson(RedFlags.vocabulary()));
        ArrayNode spa = Json.MAPPER.createArrayNode();
        for (SpaFeature f : SpaFeature.values()) {
            spa.addObject().put("id", f.id()).put("label", f.label());
        }
        this.spaFeaturesJson = Json.write(spa);
    }

    /** {@code POST /api/assessments}: a request (application/json, at most 64 KiB) in, the assessment out. */
    void assess(Context ctx) {
        byte[] body = JsonBody.read(ctx, "assessment request", BackcheckServer.MAX_BODY_BYTES,
                "; an assessment request is a few hundred bytes");
        AssessmentRequest request = AssessmentJson.parseRequest(body);
        json(ctx, Json.write(AssessmentJson.toJson(assessor.assess(request))));
    }

    /** {@code GET /api/red-flags}. */
    void redFlags(Context ctx) {
        json(ctx, redFlagsJson);
    }

    /** {@code GET /api/spa-features}. */
    void spaFeatures(Context ctx) {
        json(ctx, spaFeaturesJson);
    }

    static void json(Context ctx, String json) {
        ctx.contentType("application/json").result(json);
    }
}
