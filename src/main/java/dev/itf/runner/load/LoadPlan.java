package dev.itf.runner.load;

import dev.itf.api.LoadAction;
import dev.itf.results.LoadThresholds;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The shape of a load over time: a warm-up at the first target, then a constant level for {@code duration} or linear
 * ramps through {@code stages}. The level is a rate in arrivals per second (open model) or a number of virtual users
 * (closed model). A runner's share of a sharded load is a K-th of the rate, or every K-th virtual user.
 */
public final class LoadPlan {

    /** Outstanding requests beyond which arrivals are dropped, when the step does not say. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 1000;
    private static final Pattern VUS = Pattern.compile("^[0-9]+$");

    /** A problem with a load action: the field (relative to the step's load) and what is wrong. */
    public record Problem(String field, String message) {
    }

    /** A linear ramp from one level to another; arrivals counted up to its start, for the open model. */
    private record Segment(double start, double seconds, double from, double to, double arrivalsBefore) {
        double end() {
            return start + seconds;
        }

        double level(double t) {
            return seconds == 0 ? to : from + (to - from) * (t - start) / seconds;
        }

        double arrivals(double t) {
            if (seconds == 0) {
                return arrivalsBefore;
            }
            double d = t - start;
            return arrivalsBefore + from * d + (to - from) * d * d / (2 * seconds);
        }
    }

    final boolean open;
    final double warmupSeconds;
    final double totalSeconds;
    final int maxInFlight;
    private final List<Segment> segments;
    private final int share;
    private final int shares;

    private LoadPlan(boolean open, double warmupSeconds, List<double[]> ramps, int maxInFlight, int share, int shares) {
        this.open = open;
        this.warmupSeconds = warmupSeconds;
        this.maxInFlight = maxInFlight;
        this.share = share;
        this.shares = shares;
        List<Segment> list = new ArrayList<>();
        double t = 0;
        double arrivals = 0;
        double level = 0;
        for (double[] r : ramps) {
            double from = r[2] < 0 ? level : r[2];
            double to = r[1];
            double scale = open ? 1.0 / shares : 1.0;
            Segment s = new Segment(t, r[0], from * scale, to * scale, arrivals);
            list.add(s);
            arrivals = s.arrivals(s.end());
            t = s.end();
            level = to;
        }
        this.segments = list;
        this.totalSeconds = t;
    }

    /** The plan of a step's load for share {@code share} of {@code shares}; throws naming the field when it cannot run. */
    public static LoadPlan of(LoadAction load, int share, int shares) {
        List<Problem> problems = problems(load);
        if (!problems.isEmpty()) {
            Problem p = problems.get(0);
            throw new IllegalArgumentException("load" + p.field() + ": " + p.message());
        }
        boolean open = load.rate != null || (load.vus == null && load.stages.stream().anyMatch(s -> s.target.contains("/")));
        double warmup = load.warmup == null ? 0 : LoadThresholds.millis(load.warmup) / 1000;
        List<double[]> ramps = new ArrayList<>();
        // each ramp: seconds, target level, starting level (-1: the previous level)
        if (load.stages.isEmpty()) {
            double level = open ? LoadThresholds.perSecond(load.rate) : load.vus;
            if (warmup > 0) {
                ramps.add(new double[] {warmup, level, level});
            }
            ramps.add(new double[] {LoadThresholds.millis(load.duration) / 1000, level, level});
        } else {
            double first = level(load.stages.get(0).target, open);
            if (warmup > 0) {
                ramps.add(new double[] {warmup, first, first});
            }
            for (LoadAction.Stage s : load.stages) {
                ramps.add(new double[] {LoadThresholds.millis(s.duration) / 1000, level(s.target, open), -1});
            }
        }
        int maxInFlight = load.maxInFlight == null ? DEFAULT_MAX_IN_FLIGHT : load.maxInFlight;
        return new LoadPlan(open, warmup, ramps, maxInFlight, share, shares);
    }

    /** What is wrong with a load action, each naming its field from load on (".rate", ".stages[1].target"). */
    public static List<Problem> problems(LoadAction load) {
        List<Problem> p = new ArrayList<>();
        if (load.request == null || (load.request.http == null) == (load.request.graphql == null)) {
            p.add(new Problem(".request", "set exactly one of http or graphql: the request the load sends"));
        }
        if (load.rate != null && load.vus != null) {
            p.add(new Problem(".vus", "set rate (open model) or vus (closed model), not both"));
        }
        boolean staged = load.stages != null && !load.stages.isEmpty();
        if (load.rate != null) {
            Double r = LoadThresholds.perSecond(load.rate);
            if (r == null) {
                p.add(new Problem(".rate", "must be a rate such as 200/s or 30/m; not " + load.rate));
            } else if (r <= 0) {
                p.add(new Problem(".rate", "must be above 0: a rate of " + load.rate + " sends nothing"));
            }
        }
        if (load.vus != null && load.vus < 1) {
            p.add(new Problem(".vus", "must be at least 1"));
        }
        if (staged && (load.rate != null || load.vus != null)) {
            p.add(new Problem(load.rate != null ? ".rate" : ".vus", "with stages the stages' targets give the load: remove it or the stages"));
        }
        if (!staged && load.rate == null && load.vus == null) {
            p.add(new Problem("", "set rate (open model), vus (closed model) or stages"));
        }
        if (staged && load.duration != null) {
            p.add(new Problem(".duration", "set duration or stages, not both"));
        }
        if (!staged && (load.rate != null || load.vus != null)) {
            Double d = load.duration == null ? null : LoadThresholds.millis(load.duration);
            if (d == null || d <= 0) {
                p.add(new Problem(".duration", load.duration == null ? "is required with rate or vus (or use stages)"
                        : "must be a duration above 0 such as 30s; not " + load.duration));
            }
        }
        if (staged) {
            stages(load, p);
        }
        if (load.warmup != null && LoadThresholds.millis(load.warmup) == null) {
            p.add(new Problem(".warmup", "must be a duration such as 5s; not " + load.warmup));
        }
        if (load.maxInFlight != null && load.maxInFlight < 1) {
            p.add(new Problem(".maxInFlight", "must be at least 1"));
        }
        if (load.maxInFlight != null && isClosed(load)) {
            p.add(new Problem(".maxInFlight", "applies to the open model (rate): virtual users never have more than one request outstanding"));
        }
        if (load.shards != null && !load.shards.equals("all") && !(VUS.matcher(load.shards).matches() && Integer.parseInt(load.shards) >= 1)) {
            p.add(new Problem(".shards", "must be a number of runner Jobs, at least 1, or all; not " + load.shards));
        }
        if (load.stopWhen != null) {
            if (load.stopWhen.errorRate == null || !load.stopWhen.errorRate.matches("^[0-9]+(\\.[0-9]+)?%$")) {
                p.add(new Problem(".stopWhen.errorRate", "must be a percentage such as 50%"));
            }
            if (load.stopWhen.after != null && LoadThresholds.millis(load.stopWhen.after) == null) {
                p.add(new Problem(".stopWhen.after", "must be a duration such as 10s"));
            }
        }
        return p;
    }

    private static boolean isClosed(LoadAction load) {
        return load.vus != null || (load.rate == null && load.stages != null && !load.stages.isEmpty()
                && load.stages.stream().allMatch(s -> s.target != null && VUS.matcher(s.target.trim()).matches()));
    }

    private static void stages(LoadAction load, List<Problem> p) {
        Boolean open = null;
        double highest = 0;
        for (int i = 0; i < load.stages.size(); i++) {
            LoadAction.Stage s = load.stages.get(i);
            String field = ".stages[" + i + "]";
            if (s == null) {
                p.add(new Problem(field, "is empty; set duration and target"));
                continue;
            }
            Double d = s.duration == null ? null : LoadThresholds.millis(s.duration);
            if (d == null) {
                p.add(new Problem(field + ".duration", s.duration == null ? "is required" : "must be a duration such as 30s; not " + s.duration));
            }
            if (s.target == null) {
                p.add(new Problem(field + ".target", "is required: a rate such as 200/s or a number of virtual users"));
                continue;
            }
            String t = s.target.trim();
            boolean rate = LoadThresholds.perSecond(t) != null;
            boolean vus = VUS.matcher(t).matches();
            if (!rate && !vus) {
                p.add(new Problem(field + ".target", "must be a rate such as 200/s or a number of virtual users such as 20; not " + t));
                continue;
            }
            if (open != null && open != rate) {
                p.add(new Problem(field + ".target", "mixes a rate and a number of virtual users: every stage's target must be of one kind"));
                continue;
            }
            open = rate;
            highest = Math.max(highest, rate ? LoadThresholds.perSecond(t) : Integer.parseInt(t));
        }
        if (open != null && highest <= 0) {
            p.add(new Problem(".stages", "the " + (open ? "rate" : "number of virtual users") + " never rises above 0: no stage has a positive target"));
        }
    }

    private static double level(String target, boolean open) {
        String t = target.trim();
        return open ? LoadThresholds.perSecond(t) : Integer.parseInt(t);
    }

    /** The level (arrivals per second of this share, or all virtual users) at t seconds from the start. */
    double level(double t) {
        for (Segment s : segments) {
            if (t < s.end()) {
                return s.level(t);
            }
        }
        return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).to();
    }

    /** Open model: seconds from the start at which arrival n (0-based) of this share is due; infinite past the end. */
    double arrival(long n) {
        for (Segment s : segments) {
            double atEnd = s.arrivals(s.end());
            if (n < atEnd) {
                return s.start() + solve(s, n - s.arrivalsBefore());
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** The time into a segment at which its count of arrivals reaches k: from*d + (to-from)/(2*seconds)*d^2 = k. */
    private static double solve(Segment s, double k) {
        double a = (s.to() - s.from()) / (2 * s.seconds());
        double b = s.from();
        if (Math.abs(a) < 1e-12) {
            return b == 0 ? Double.POSITIVE_INFINITY : k / b;
        }
        double disc = b * b + 4 * a * k;
        return (-b + Math.sqrt(Math.max(0, disc))) / (2 * a);
    }

    /** Closed model: how many of this share's virtual users are active at t seconds (share j runs users j, j+K, j+2K ...). */
    int activeUsers(double t) {
        int all = (int) Math.floor(level(t) + 1e-9);
        return all <= share ? 0 : (all - share - 1) / shares + 1;
    }

    /** Closed model: the most virtual users this share ever runs. */
    int maxUsers() {
        int most = 0;
        for (Segment s : segments) {
            int all = (int) Math.max(s.from(), s.to());
            most = Math.max(most, all <= share ? 0 : (all - share - 1) / shares + 1);
        }
        return most;
    }
}
