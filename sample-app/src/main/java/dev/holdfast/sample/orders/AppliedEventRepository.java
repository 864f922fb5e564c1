package dev.holdfast.sample.orders;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Stores the applied events of orders. */
public interface AppliedEventRepository extends JpaRepository<AppliedEvent, Long> {

    List<AppliedEvent> findByOrderIdOrderBySeq(String orderId);

    int countByOrderId(String orderId);

    boolean existsByOrderIdAndType(String orderId, String type);

    Optional<AppliedEvent> findByCallId(String callId);
}
