package fi.ips.support.eventstore;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;

/**
 * Work for when the current database transaction commits, such as counting the events it stores.
 * Axon's unit of work cannot tell: in a batch each command's unit of work ends long before the
 * batch's transaction commits, and a savepoint may still undo it. So the work waits for the
 * transaction, and what a savepoint rolls back is dropped with it ({@link #mark}, {@link #dropSince}).
 */
public final class OnCommit {

    private static final Object KEY = OnCommit.class;

    private OnCommit() {
    }

    /** Runs {@code action} once the current transaction commits; at once when there is none. */
    public static void run(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        pending(true).add(action);
    }

    /** Where the work waiting for the current transaction stands, for {@link #dropSince}. */
    public static int mark() {
        List<Runnable> pending = pending(false);
        return pending == null ? 0 : pending.size();
    }

    /** Drops the work registered since {@code mark}: a savepoint undid what it was for. */
    public static void dropSince(int mark) {
        List<Runnable> pending = pending(false);
        if (pending != null && pending.size() > mark) {
            pending.subList(mark, pending.size()).clear();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Runnable> pending(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        List<Runnable> pending = (List<Runnable>) TransactionSynchronizationManager.getResource(KEY);
        if (pending == null && create) {
            List<Runnable> actions = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(KEY, actions);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    actions.forEach(Runnable::run);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                }
            });
            pending = actions;
        }
        return pending;
    }
}
