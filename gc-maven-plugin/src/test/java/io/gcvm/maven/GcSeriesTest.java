package io.gcvm.maven;

import io.gcvm.heap.GcEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcSeriesTest {
    static GcEvent ev(int n) {
        return new GcEvent(n, "full", n * 10L, n, n, 1000, 5, n * 100L, 0);
    }

    @Test
    void keepsEverythingUnderTheCap() {
        GcSeries s = new GcSeries(10);
        for (int i = 1; i <= 10; i++) s.onCollection(ev(i));
        assertEquals(10, s.points().size());
        assertEquals(1, s.stride());
        assertEquals(10, s.total());
    }

    @Test
    void keepsEveryKthAndTheLastOverTheCap() {
        GcSeries s = new GcSeries(2000);
        for (int i = 1; i <= 10_001; i++) s.onCollection(ev(i));
        List<GcEvent> p = s.points();
        assertEquals(8, s.stride());
        assertTrue(p.size() <= 2001, "size " + p.size());
        for (int i = 0; i < p.size() - 1; i++) assertEquals(1 + i * 8, p.get(i).number());
        assertEquals(10_001, p.get(p.size() - 1).number());
        assertEquals(10_001, s.total());
    }

    @Test
    void lastIsNotRepeatedWhenItIsKept() {
        GcSeries s = new GcSeries(4);
        for (int i = 1; i <= 9; i++) s.onCollection(ev(i));
        // stride 4 after the cap is passed: 1, 5, 9
        assertEquals(List.of(1, 5, 9), s.points().stream().map(GcEvent::number).toList());
    }
}
