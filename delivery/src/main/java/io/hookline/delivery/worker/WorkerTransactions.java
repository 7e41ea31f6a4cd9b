package io.hookline.delivery.worker;

import io.hookline.tenancy.context.CallerContext;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Short transactions as the delivery worker: the cross-tenant role, commits not waiting for the
 * disk. Also used by the notification e-mail sender, which works across tenants the same way.
 */
@Component
public class WorkerTransactions {

    static final CallerContext.Caller WORKER = CallerContext.Caller.worker("system:delivery-worker");

    private final TransactionTemplate transactions;

    WorkerTransactions(PlatformTransactionManager transactions) {
        this.transactions = new TransactionTemplate(transactions);
    }

    public <T> T inWorker(Supplier<T> work) {
        return CallerContext.callAs(WORKER, () -> {
            T result = transactions.execute(status -> work.get());
            if (result == null) {
                throw new IllegalStateException("worker transaction returned nothing");
            }
            return result;
        });
    }
}
