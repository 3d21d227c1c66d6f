package dev.itf.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) as Kubernetes CronJobs read it: lists,
 * ranges, steps, month and day names, 0 or 7 for Sunday, and the macros @hourly, @daily, @midnight, @weekly, @monthly,
 * @yearly and @annually. When both day fields are restricted a day matching either counts, as in every cron.
 * Times are local to a time zone: a tick inside a daylight-saving gap does not happen, one in a repeated hour happens once.
 */
public final class Cron {

    private static final String[] FIELDS = {"minute", "hour", "day of month", "month", "day of week"};
    private static final int[] MIN = {0, 0, 1, 1, 0};
    private static final int[] MAX = {59, 23, 31, 12, 7};
    private static final Map<String, String> MACROS = Map.of("@hourly", "0 * * * *", "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *", "@weekly", "0 0 * * 0", "@monthly", "0 0 1 * *", "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *");
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    /** No schedule is searched further than this for its next or previous tick (29 February comes at least every 8 years). */
    private static final long SEARCH_YEARS = 9;

    private final String text;
    private final BitSet[] allowed = new BitSet[5];
    private final boolean dayOfMonthAny;
    private final boolean dayOfWeekAny;

    private Cron(String text, String[] fields) {
        this.text = text;
        for (int i = 0; i < 5; i++) {
            allowed[i] = field(i, fields[i]);
        }
        if (allowed[4].get(7)) {
            allowed[4].set(0);
        }
        dayOfMonthAny = isAny(fields[2]);
        dayOfWeekAny = isAny(fields[4]);
    }

    /** Parses the expression; the exception's message names the field and the problem. */
    public static Cron parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("empty; write 5 fields, e.g. \"0 3 * * *\"");
        }
        String text = expression.trim();
        String expanded = text.startsWith("@") ? MACROS.get(text.toLowerCase(Locale.ROOT)) : text;
        if (expanded == null) {
            throw new IllegalArgumentException("unknown macro " + text + "; use @hourly, @daily, @weekly, @monthly or @yearly");
        }
        String[] fields = expanded.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("has " + fields.length + " field" + (fields.length == 1 ? "" : "s")
                    + ", expected 5 (minute hour day-of-month month day-of-week), e.g. \"0 3 * * *\"");
        }
        Cron cron = new Cron(text, fields);
        if (cron.next(ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"))).isEmpty()) {
            throw new IllegalArgumentException("never matches a date (day " + fields[2] + " never falls in month " + fields[3] + ")");
        }
        return cron;
    }

    private static boolean isAny(String field) {
        return field.equals("*") || field.equals("?");
    }

    private static BitSet field(int index, String field) {
        BitSet bits = new BitSet();
        for (String part : field.split(",", -1)) {
            if (part.isEmpty()) {
                throw problem(index, field, "has an empty list item");
            }
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(index, field, part.substring(slash + 1));
                if (step < 1) {
                    throw problem(index, field, "has step " + step + "; a step must be at least 1");
                }
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = MIN[index];
                to = index == 4 ? 6 : MAX[index];
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw problem(index, field, "has a range \"" + range + "\" that is not FROM-TO");
                }
                from = value(index, field, ends[0]);
                to = value(index, field, ends[1]);
                if (from > to) {
                    throw problem(index, field, "has the range " + range + " whose start is after its end");
                }
            } else {
                from = value(index, field, range);
                // "5/15" means from 5 to the end in steps of 15
                to = slash >= 0 ? (index == 4 ? 6 : MAX[index]) : from;
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int value(int index, String field, String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        String[] names = index == 3 ? MONTHS : index == 4 ? DAYS : null;
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(upper)) {
                    return index == 3 ? i + 1 : i;
                }
            }
        }
        int v = number(index, field, text);
        if (v < MIN[index] || v > MAX[index]) {
            throw problem(index, field, "has " + v + ", outside " + MIN[index] + "-" + MAX[index]);
        }
        return v;
    }

    private static int number(int index, String field, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw problem(index, field, "has \"" + text + "\", which is not a number" + (index == 3 ? " or a month name (JAN-DEC)"
                    : index == 4 ? " or a day name (SUN-SAT)" : ""));
        }
    }

    private static IllegalArgumentException problem(int index, String field, String what) {
        return new IllegalArgumentException(FIELDS[index] + " field \"" + field + "\" " + what);
    }

    /** The first tick strictly after {@code after}, in its time zone. */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        ZoneId zone = after.getZone();
        LocalDateTime t = after.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime limit = t.plusYears(SEARCH_YEARS);
        while (t.isBefore(limit)) {
            if (!allowed[3].get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!allowed[1].get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!allowed[0].get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                Optional<ZonedDateTime> tick = at(t, zone).filter(z -> z.toInstant().isAfter(after.toInstant()));
                if (tick.isPresent()) {
                    return tick;
                }
                t = t.plusMinutes(1);
            }
        }
        return Optional.empty();
    }

    /** The last tick at or before {@code atOrBefore} and strictly after {@code after}: the one a late reconcile still owes. */
    public Optional<ZonedDateTime> latest(Instant after, ZonedDateTime atOrBefore) {
        ZoneId zone = atOrBefore.getZone();
        LocalDateTime t = atOrBefore.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime limit = t.minusYears(SEARCH_YEARS);
        while (t.isAfter(limit)) {
            if (!t.isAfter(LocalDateTime.ofInstant(after, zone).minusDays(1))) {
                return Optional.empty();
            }
            if (!allowed[3].get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).minusMinutes(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).minusMinutes(1);
            } else if (!allowed[1].get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).minusMinutes(1);
            } else if (!allowed[0].get(t.getMinute())) {
                t = t.minusMinutes(1);
            } else {
                Optional<ZonedDateTime> tick = at(t, zone)
                        .filter(z -> !z.toInstant().isAfter(atOrBefore.toInstant()));
                if (tick.isPresent()) {
                    return tick.filter(z -> z.toInstant().isAfter(after));
                }
                t = t.minusMinutes(1);
            }
        }
        return Optional.empty();
    }

    /** The local time in the zone; empty inside a daylight-saving gap; the earlier of two in a repeated hour. */
    private static Optional<ZonedDateTime> at(LocalDateTime t, ZoneId zone) {
        ZonedDateTime z = ZonedDateTime.ofLocal(t, zone, null);
        return z.toLocalDateTime().equals(t) ? Optional.of(z) : Optional.empty();
    }

    private boolean dayMatches(LocalDateTime t) {
        boolean dom = allowed[2].get(t.getDayOfMonth());
        boolean dow = allowed[4].get(t.getDayOfWeek().getValue() % 7);
        if (dayOfMonthAny || dayOfWeekAny) {
            return dom && dow;
        }
        return dom || dow;
    }

    @Override
    public String toString() {
        return text;
    }
}
