package dev.itf.operator.run;

/**
 * How runner Jobs are made: the ITF image and where the operator's results endpoint is.
 *
 * @param image the ITF image (itf.runner.image)
 * @param operatorUrl base URL under which runner pods reach the operator (itf.operator.url)
 */
public record RunnerSettings(String image, String operatorUrl) {

    public String resultsUrl(String namespace, String run) {
        return stripSlash(operatorUrl) + "/api/v1/results/" + namespace + "/" + run;
    }

    public String reportUrl(String namespace, String run) {
        return stripSlash(operatorUrl) + "/api/v1/reports/" + namespace + "/" + run;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
