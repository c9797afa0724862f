package fi.ips.local;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The order of the wire server's unique indexes (every collection's {@code _id} index) in its H2
 * store: keys of strings only – this platform's client and placement ids – compared as strings,
 * before all others, which keep H2's own order. H2 compares a key of a type it does not know (the
 * wire server's {@link KeyValue}) by serialising both keys with Java serialisation at every
 * comparison of a lookup's binary search: in a profile of an import that was most of the wire
 * server's CPU. Stored keys are written and read as before; only their order changes, so an index
 * map written in H2's order is rewritten once, when it is first opened in this one.
 */
final class IndexKeyOrder extends ObjectDataType {

    /** Index maps already in this order, by name (the value: this order's version). */
    static final String ORDERED_MAPS = "ips.index-key-order";

    /**
     * Opens an index map in this order, rewriting it first if it was written in H2's. Opened so, it
     * is the map the wire server's backend gets when it opens the same name.
     */
    static MVMap<Object, Object> open(MVStore store, String mapName) {
        MVMap<String, Integer> ordered = store.openMap(ORDERED_MAPS);
        if (ordered.containsKey(mapName) || !store.hasMap(mapName)) {
            ordered.putIfAbsent(mapName, 1);
            return openInOrder(store, mapName);
        }
        MVMap<Object, Object> inH2Order = store.openMap(mapName);
        Map<Object, Object> entries = new LinkedHashMap<>(inH2Order);
        store.removeMap(inH2Order);
        MVMap<Object, Object> map = openInOrder(store, mapName);
        map.putAll(entries);
        ordered.put(mapName, 1);
        return map;
    }

    private static MVMap<Object, Object> openInOrder(MVStore store, String mapName) {
        return store.openMap(mapName, new MVMap.Builder<>().keyType(new IndexKeyOrder()));
    }

    @Override
    public int compare(Object a, Object b) {
        boolean stringsA = ofStrings(a);
        boolean stringsB = ofStrings(b);
        if (stringsA && stringsB) {
            return compareStrings((KeyValue) a, (KeyValue) b);
        }
        if (stringsA || stringsB) {
            return stringsA ? -1 : 1;
        }
        return super.compare(a, b);
    }

    private static boolean ofStrings(Object key) {
        if (!(key instanceof KeyValue values)) {
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!(values.get(i) instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static int compareStrings(KeyValue a, KeyValue b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = ((String) a.get(i)).compareTo((String) b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
