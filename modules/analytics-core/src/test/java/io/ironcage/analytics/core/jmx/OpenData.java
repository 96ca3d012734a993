package io.ironcage.analytics.core.jmx;

import io.ironcage.analytics.ModelStats;
import io.ironcage.analytics.management.ModelStatsRow;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/** Reads JMX open data back into plain maps, the way a generic client (JConsole) sees it. */
final class OpenData {
    private OpenData() {}

    /** The items of a composite, by name. */
    static Map<String, Object> items(CompositeData data) {
        Map<String, Object> out = new TreeMap<>();
        for (String key : data.getCompositeType().keySet()) {
            out.put(key, data.get(key));
        }
        return out;
    }

    /** A record's components, by name, boxed: what the MXBean mapping turns it into. */
    static Map<String, Object> items(Record r) {
        Map<String, Object> out = new TreeMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                out.put(c.getName(), c.getAccessor().invoke(r));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    /** The rows of a {@code Map<String, ModelStats>} table, as key to items. */
    static Map<String, Map<String, Object>> rows(TabularData table) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Object row : table.values()) {
            CompositeData r = (CompositeData) row;
            out.put((String) r.get("key"), items((CompositeData) r.get("value")));
        }
        return out;
    }

    /** The expected rows of a stats table. */
    static Map<String, Map<String, Object>> rows(Map<String, ModelStats> stats) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        // The MXBean shows each ModelStats as its flattened ModelStatsRow (issue 12: Duration has no
        // open type).
        new TreeMap<>(stats).forEach((k, v) -> out.put(k, items(ModelStatsRow.of(v))));
        return out;
    }
}
