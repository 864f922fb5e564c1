package dev.holdfast.lock.spring.aop;

/** An interface whose method carries {@link Locked}; its implementation does not repeat it. */
public interface Inventory {

    @Locked(name = "inventory", key = "#sku")
    String reserve(String sku);

    /** Reports the lock it runs under. */
    class Warehouse implements Inventory {

        @Override
        public String reserve(String sku) {
            return dev.holdfast.lock.LockTemplate.currentLease()
                    .map((lease) -> lease.key().toString())
                    .orElse("unlocked");
        }
    }
}
