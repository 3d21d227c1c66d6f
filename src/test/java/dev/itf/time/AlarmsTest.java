package dev.itf.time;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlarmsTest {

    @Test
    void anAlarmRingsOnceAtItsDeadlineAndSaysSo() throws Exception {
        CountDownLatch rung = new CountDownLatch(1);
        AtomicInteger times = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30);
        Alarms.Alarm alarm = Alarms.set(deadline, () -> {
            times.incrementAndGet();
            rung.countDown();
        });
        assertTrue(rung.await(30, TimeUnit.SECONDS), "the alarm rang");
        assertTrue(System.nanoTime() - deadline >= 0, "not before its deadline");
        assertTrue(alarm.rang());
        assertTrue(alarm.cancel(), "cancelling after it rang says it rang");
        assertEquals(1, times.get());
    }

    @Test
    void aCancelledAlarmDoesNotRingWhileALaterOneDoes() throws Exception {
        AtomicInteger cancelledRang = new AtomicInteger();
        long now = System.nanoTime();
        Alarms.Alarm cancelled = Alarms.set(now + TimeUnit.MILLISECONDS.toNanos(20), cancelledRang::incrementAndGet);
        assertFalse(cancelled.cancel());
        CountDownLatch later = new CountDownLatch(1);
        Alarms.set(now + TimeUnit.MILLISECONDS.toNanos(60), later::countDown);
        // the ringer looks at every alarm in each sweep: once the later one rang, the earlier one's deadline had passed
        assertTrue(later.await(30, TimeUnit.SECONDS), "the later alarm rang");
        assertEquals(0, cancelledRang.get());
        assertFalse(cancelled.rang());
    }

    @Test
    void theRingerWakesForAnAlarmSetAfterItWentIdle() throws Exception {
        // more than a second with nothing set puts the ringer to sleep; the next alarm wakes it
        CountDownLatch first = new CountDownLatch(1);
        Alarms.set(System.nanoTime(), first::countDown);
        assertTrue(first.await(30, TimeUnit.SECONDS));
        CountDownLatch idle = new CountDownLatch(1);
        idle.await(1500, TimeUnit.MILLISECONDS);
        CountDownLatch next = new CountDownLatch(1);
        Alarms.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10), next::countDown);
        assertTrue(next.await(30, TimeUnit.SECONDS), "the alarm set after the idle second rang");
    }

    @Test
    void anAlarmWhoseActionFailsLeavesTheRingerRunning() throws Exception {
        Alarms.Alarm failing = Alarms.set(System.nanoTime(), () -> {
            throw new IllegalStateException("this action fails on purpose");
        });
        CountDownLatch next = new CountDownLatch(1);
        Alarms.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30), next::countDown);
        assertTrue(next.await(30, TimeUnit.SECONDS), "an alarm set after a failing one still rang");
        assertTrue(failing.rang(), "the failing alarm counts as rung");
    }
}
