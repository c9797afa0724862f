package fi.ips.local;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire server's index order: strings as strings, an index map in H2's order rewritten once. */
class IndexKeyOrderTest {

    private final IndexKeyOrder order = new IndexKeyOrder();

    @Test
    void keysOfStringsAreComparedAsStrings() {
        assertThat(order.compare(new KeyValue("client-10"), new KeyValue("client-9"))).isNegative();
        assertThat(order.compare(new KeyValue("b"), new KeyValue("a"))).isPositive();
        assertThat(order.compare(new KeyValue("a", "b"), new KeyValue("a", "b"))).isZero();
        assertThat(order.compare(new KeyValue("a"), new KeyValue("a", "b"))).isNegative();
    }

    @Test
    void otherKeysComeAfterAndKeepH2sOrder() {
        KeyValue number = new KeyValue(7);
        KeyValue id = new KeyValue("x", 1);
        assertThat(order.compare(new KeyValue("z"), number)).isNegative();
        assertThat(order.compare(number, new KeyValue("a"))).isPositive();
        assertThat(Integer.signum(order.compare(number, id))).isEqualTo(Integer.signum(new ObjectDataType().compare(number, id)));
        assertThat(order.compare(number, new KeyValue(7))).isZero();
    }

    @Test
    void anIndexWrittenInH2sOrderIsRewrittenOnceAndFoundAgain(@TempDir Path folder) {
        String file = folder.resolve("store.mv").toString();
        String name = "databases.ips-outcomes.client_journeys._index__id_";
        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Object> inH2Order = store.openMap(name);
            for (int i = 0; i < 100; i++) {
                inH2Order.put(new KeyValue("client-" + i), (long) i);
            }
        }

        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Object> map = IndexKeyOrder.open(store, name);
            assertThat(map.getKeyType()).isInstanceOf(IndexKeyOrder.class);
            assertThat(map.size()).isEqualTo(100);
            assertThat(map.get(new KeyValue("client-42"))).isEqualTo(42L);
            assertThat(store.openMap(name)).isSameAs(map);
            map.put(new KeyValue("client-new"), 100L);
        }

        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Object> map = IndexKeyOrder.open(store, name);
            assertThat(map.size()).isEqualTo(101);
            assertThat(map.get(new KeyValue("client-new"))).isEqualTo(100L);
            assertThat(map.get(new KeyValue("client-7"))).isEqualTo(7L);
            assertThat(map.firstKey()).isEqualTo(new KeyValue("client-0"));
        }
    }
}
